using System.Text;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Tokenization;

/// <summary>
/// Hostile and huge inputs: each must finish (a generous hang guard, not a speed test: speed is measured with
/// BenchmarkDotNet) with valid offsets. A scan that retried a failed look-ahead at every token would be quadratic
/// and never finish on these.
/// </summary>
public class TokenizerRobustnessTests
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(60);

    public static TheoryData<string, int> HostilePatterns => new()
    {
        { "ab.", 700_000 },
        { "a.", 700_000 },
        { "d'a'", 500_000 },
        { "a-il", 500_000 },
        { "-il", 500_000 },
        { ")", 1_000_000 },
        { "x@", 700_000 },
        { "a.b@", 500_000 },
        { "1 000", 400_000 },
        { "1.", 700_000 },
        { "'", 1_000_000 },
        { "\uD800", 1_000_000 },
        { "😀", 700_000 },
        { "\u200D", 1_000_000 },
        { "\n", 1_000_000 },
        { "sept. ", 300_000 },
    };

    [Theory]
    [MemberData(nameof(HostilePatterns))]
    public async Task Repeated_patterns_finish_with_valid_offsets(string pattern, int repeats)
    {
        var text = new StringBuilder(pattern.Length * repeats + 20).Append("http://a.fr/").Insert(0, pattern, repeats).ToString();
        var run = Task.Run(() =>
        {
            var tokens = FrenchTokenizer.Default.TokenizeToArray(text);
            var sentences = SentenceSplitter.Default.Split(text, tokens);
            return (tokens, sentences);
        });
        var (tokens, sentences) = await run.WaitAsync(s_hangGuard); // throws TimeoutException on a hang
        AssertValid(text, tokens);
        Assert.Equal(tokens.Length, sentences.Sum(s => s.TokenCount));
    }

    [Fact]
    public async Task A_fifty_megabyte_article_is_tokenized()
    {
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt"));
        var builder = new StringBuilder(50 * 1024 * 1024 + sample.Length);
        while (builder.Length < 50 * 1024 * 1024)
        {
            builder.Append(sample).Append("\n\n");
        }

        var text = builder.ToString();
        var run = Task.Run(() => FrenchTokenizer.Default.TokenizeToArray(text));
        var tokens = await run.WaitAsync(s_hangGuard);
        var perArticle = FrenchTokenizer.Default.CountTokens(sample);
        Assert.True(tokens.Length >= perArticle * (text.Length / (sample.Length + 2)));
        AssertValid(text, tokens);
    }

    private static void AssertValid(string text, Token[] tokens)
    {
        var previousEnd = 0;
        foreach (var token in tokens)
        {
            if (token.Start < previousEnd || token.End <= token.Start || token.End > text.Length)
            {
                Assert.Fail($"invalid token {token.Start}..{token.End} after {previousEnd}");
            }

            previousEnd = token.End;
        }
    }
}
