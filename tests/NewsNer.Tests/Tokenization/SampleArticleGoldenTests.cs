using System.Globalization;
using System.Text;
using NewsNer.Sentences;
using NewsNer.Tests.TestSupport;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Tokenization;

public class SampleArticleGoldenTests
{
    [Theory]
    [InlineData("al-chaar-poutine.fr.txt")]
    public void Tokens_and_sentences_match_the_golden_dump(string sample)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", sample));
        GoldenFile.Verify(Path.ChangeExtension(sample, ".tokens.txt"), Dump(text));
    }

    /// <summary>One token per line (start, end, kind, text), then one sentence per line (start, end, tokens, text).</summary>
    internal static string Dump(string text)
    {
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        var sentences = SentenceSplitter.Default.Split(text, tokens.AsSpan());
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"# {tokens.Length} tokens: start end kind text\n");
        foreach (var token in tokens)
        {
            output.Append(CultureInfo.InvariantCulture, $"{token.Start}\t{token.End}\t{token.Kind}\t{Escape(token.Text)}\n");
        }

        output.Append(CultureInfo.InvariantCulture, $"# {sentences.Length} sentences: start end first-token token-count text\n");
        foreach (var sentence in sentences)
        {
            output.Append(CultureInfo.InvariantCulture, $"{sentence.Start}\t{sentence.End}\t{sentence.FirstToken}\t{sentence.TokenCount}\t{Escape(text[sentence.Start..sentence.End])}\n");
        }

        return output.ToString();
    }

    private static string Escape(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
