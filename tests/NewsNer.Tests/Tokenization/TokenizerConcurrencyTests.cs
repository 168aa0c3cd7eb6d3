using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Tokenization;

public class TokenizerConcurrencyTests
{
    [Fact]
    public void Parallel_calls_on_one_tokenizer_give_identical_results()
    {
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt"));
        var texts = Enumerable.Range(0, 64).Select(i => i % 2 == 0 ? sample : sample[..(sample.Length * i / 64)] + " M. Dupont, l'O.N.U. etc.").ToArray();
        var expected = texts.Select(Describe).ToArray();

        var actual = new string[texts.Length * 8];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = Describe(texts[i % texts.Length]));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % texts.Length], actual[i]);
        }
    }

    private static string Describe(string text)
    {
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        var sentences = SentenceSplitter.Default.Split(text, tokens.AsSpan());
        return string.Join(";", tokens.Select(t => $"{t.Start},{t.End},{t.Kind}")) + "|" + string.Join(";", sentences);
    }
}
