using NewsNer.Entities;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Entities;

public class OutletRulesTests
{
    private static readonly OutletRules s_rules = new(
        ["platform\tTwitter", "platform*\tX", "cue\tsur", "cue\tcompte"], ["com", "fr"], ["UZ", "CD"]);

    private static string[] Tag(string text)
    {
        var tokens = FrenchTokenizer.Default.TokenizeToArray(text);
        var labels = new int[tokens.Length];
        var confidence = new float[tokens.Length];
        s_rules.Apply(tokens, labels, confidence);
        return [.. tokens.Select((t, i) => $"{t.Text}/{NerLabels.Name(labels[i])}").Where(s => !s.EndsWith("/O", StringComparison.Ordinal))];
    }

    [Theory]
    [InlineData("Il a écrit sur son compte X et sur Twitter hier", "X/B-ORG|Twitter/B-ORG")]
    [InlineData("La lettre X figure au tableau", "")]
    [InlineData("Selon thediplomatinspain.com et podrobno.uz , puis POLITICO.CD", "thediplomatinspain.com/B-ORG|podrobno/B-ORG|./I-ORG|uz/I-ORG|POLITICO/B-ORG|./I-ORG|CD/I-ORG")]
    [InlineData("Voir www.aps.dz ou https://www.lemonde.fr/politique pour le détail", "")]
    [InlineData("Il est parti en Syrie.Il reviendra", "")]
    public void Platforms_after_a_cue_and_bare_web_addresses_are_organizations(string text, string expected)
    {
        Assert.Equal(expected, string.Join('|', Tag(text)));
    }

    [Fact]
    public void The_embedded_rules_load()
    {
        var tokens = FrenchTokenizer.Default.TokenizeToArray("Il a réagi sur Facebook .");
        var labels = new int[tokens.Length];
        OutletRules.Default.Apply(tokens, labels, new float[tokens.Length]);
        Assert.Equal(NerLabels.Begin(EntityType.Organization), labels[4]);
    }
}

public class NewsDecodingTests
{
    [Theory]
    [InlineData("l'", true)]
    [InlineData("L’", true)]
    [InlineData("qu'", true)]
    [InlineData("d'Ivoire", false)]
    [InlineData("'", false)]
    [InlineData("Elysée", false)]
    public void Elided_articles_are_recognized(string token, bool expected) =>
        Assert.Equal(expected, EntityRecognizer.IsElidedArticle(token));

    [Fact]
    public void Line_breaks_are_read_between_tokens()
    {
        var tokens = FrenchTokenizer.Default.TokenizeToArray("Jean Dupont\nAFP  \n\n Paris");
        Assert.Equal([false, false, true, true], tokens.Select(t => NerFeatureExtractor.BreakBefore(t)));
    }

    [Fact]
    public void Under_the_news_profile_no_name_runs_across_a_line_break()
    {
        // The tiny model tags "Jean Dupont" as one person; written on two lines, the news profile cuts it, the corpus
        // profile (no constraint) does not.
        var model = NewsAdaptationTests.Adapted;
        var tokens = FrenchTokenizer.Default.TokenizeToArray("Jean\nDupont habite à Paris .");
        var news = new int[tokens.Length];
        new EntityRecognizer(model, NerLexicons.Empty).Tag(tokens, news, default);
        var corpus = new int[tokens.Length];
        new EntityRecognizer(model, NerLexicons.Empty, options: new EntityRecognizerOptions { Profile = "wire" }).Tag(tokens, corpus, default);
        Assert.NotEqual(NerLabels.Inside(EntityType.Person), news[1]);
        Assert.Equal(NerLabels.Inside(EntityType.Person), corpus[1]);
    }
}
