using NewsNer.Entities;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Entities;

public class DocumentConsistencyTests
{
    /// <summary>Runs the pass over <paramref name="text"/> with the given spans tagged (by their text), returns every tagged span.</summary>
    private static List<(string Text, EntityType Type)> Apply(string text, params (string Span, EntityType Type, float Confidence)[] tagged)
    {
        var tokens = FrenchTokenizer.Default.Tokenize(text).ToArray();
        var sentences = SentenceSplitter.Default.Split(text, tokens);
        var labels = new int[tokens.Length];
        var confidence = new float[tokens.Length];
        foreach (var (span, type, score) in tagged)
        {
            var start = text.IndexOf(span, StringComparison.Ordinal);
            var first = Array.FindIndex(tokens, t => t.Start == start);
            var last = Array.FindIndex(tokens, t => t.End == start + span.Length);
            Assert.True(first >= 0 && last >= first, span);
            labels[first] = NerLabels.Begin(type);
            confidence[first] = score;
            for (var k = first + 1; k <= last; k++)
            {
                labels[k] = NerLabels.Inside(type);
            }
        }

        DocumentConsistency.Apply(tokens, sentences, labels, confidence);
        var spans = new List<(string, EntityType)>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (NerLabels.IsBegin(labels[i]))
            {
                var end = i + 1;
                while (end < labels.Length && NerLabels.IsInside(labels[end]))
                {
                    end++;
                }

                spans.Add((text[tokens[i].Start..tokens[end - 1].End], NerLabels.TypeOf(labels[i])));
            }
        }

        return spans;
    }

    [Fact]
    public void A_missed_repeat_of_a_tagged_name_is_tagged()
    {
        var spans = Apply("Vladimir Poutine a reçu son homologue. Ensuite Poutine a parlé.", ("Vladimir Poutine", EntityType.Person, 0.95f));
        Assert.Equal([("Vladimir Poutine", EntityType.Person), ("Poutine", EntityType.Person)], spans);
    }

    [Fact]
    public void A_name_with_a_particle_is_the_same_name_whatever_the_particle_case()
    {
        var spans = Apply(
            "Al-Chaar discute avec Poutine. C'est une première pour al-Chaar à Moscou. Le Kremlin a dit qu'al-Chaar viendra.",
            ("Al-Chaar", EntityType.Person, 0.9f));
        Assert.Equal([("Al-Chaar", EntityType.Person), ("al-Chaar", EntityType.Person), ("al-Chaar", EntityType.Person)], spans);
    }

    [Fact]
    public void Lower_case_words_and_untagged_names_stay_untagged()
    {
        // "pro-Kremlin" has a particle's shape but no tagged name matches it; "poutine" (the dish) is not a name.
        var spans = Apply("Poutine parle. Un média pro-Kremlin sert une poutine.", ("Poutine", EntityType.Person, 0.9f));
        Assert.Equal([("Poutine", EntityType.Person)], spans);
    }

    [Theory]
    [InlineData("al-Chaar", true)]
    [InlineData("Al-Chaar", true)]
    [InlineData("el-Sissi", true)]
    [InlineData("ad-Din", true)]
    [InlineData("Jean-Yves", false)]
    [InlineData("peut-être", false)]
    [InlineData("anti-Macron", false)]
    [InlineData("-Chaar", false)]
    [InlineData("a-", false)]
    public void Particle_shape(string token, bool expected) => Assert.Equal(expected, DocumentConsistency.HasParticle(token));
}
