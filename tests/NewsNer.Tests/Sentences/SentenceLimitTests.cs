using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NewsNer.Sentences;
using NewsNer.Tests.TestSupport;
using NewsNer.Tests.Tokenization;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Sentences;

/// <summary>
/// Sentences never exceed <see cref="SentenceSplitter.MaxTokens"/> tokens, are cut where a reader would cut them, and a
/// stream of tokens split chunk by chunk (<see cref="SentenceStream"/>) gives exactly the sentences of one call.
/// </summary>
public class SentenceLimitTests
{
    private const string Clause = "Le président Poutine a reçu le président al-Chaar au Kremlin, ";

    private static Sentence[] Split(string text) => SentenceSplitter.Default.Split(text, FrenchTokenizer.Default.Tokenize(text).AsSpan());

    private static void AssertCoverAllTokens(string text, Sentence[] sentences)
    {
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        var next = 0;
        foreach (var sentence in sentences)
        {
            Assert.Equal(next, sentence.FirstToken);
            Assert.InRange(sentence.TokenCount, 1, SentenceSplitter.MaxTokens);
            Assert.Equal(tokens[sentence.FirstToken].Start, sentence.Start);
            Assert.Equal(tokens[sentence.EndToken - 1].End, sentence.End);
            next = sentence.EndToken;
        }

        Assert.Equal(tokens.Length, next);
    }

    [Fact]
    public void A_line_of_clauses_is_cut_after_commas_into_pieces_of_at_most_MaxTokens()
    {
        var text = string.Concat(Enumerable.Repeat(Clause, 200)) + "fin.";
        var sentences = Split(text);
        AssertCoverAllTokens(text, sentences);
        Assert.True(sentences.Length >= 200 * 12 / SentenceSplitter.MaxTokens);
        foreach (var sentence in sentences[..^1])
        {
            Assert.EndsWith(",", text[sentence.Start..sentence.End], StringComparison.Ordinal);
            Assert.StartsWith("Le président", text[sentence.Start..sentence.End], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Text_without_punctuation_is_cut_between_lower_case_words_never_inside_a_name()
    {
        var text = string.Concat(Enumerable.Repeat("le texte continue avec Jean-Yves Le Drian et Vladimir Poutine sans aucun signe ", 80));
        var sentences = Split(text);
        AssertCoverAllTokens(text, sentences);
        Assert.True(sentences.Length > 1);
        foreach (var sentence in sentences.Skip(1))
        {
            Assert.True(char.IsLower(text[sentence.Start]), $"piece starts with '{text.Substring(sentence.Start, 20)}'");
        }
    }

    [Fact]
    public void A_run_of_capitalized_words_is_cut_at_MaxTokens_when_nothing_better_exists()
    {
        var text = string.Concat(Enumerable.Repeat("Macron ", 1000));
        var sentences = Split(text);
        AssertCoverAllTokens(text, sentences);
        Assert.All(sentences[..^1], s => Assert.Equal(SentenceSplitter.MaxTokens, s.TokenCount));
    }

    [Fact]
    public void Closing_marks_absorbed_after_a_terminal_never_exceed_the_limit()
    {
        var text = "Fin" + new string('!', 3000) + " Suite.";
        AssertCoverAllTokens(text, Split(text));
        var quotes = "Il a dit « oui »" + string.Concat(Enumerable.Repeat(" »", 2000)) + ". Puis rien.";
        AssertCoverAllTokens(quotes, Split(quotes));
    }

    [Fact]
    public void Ordinary_sentences_are_not_changed_by_the_limit()
    {
        var text = File.ReadAllText(RepoPaths.SampleArticle);
        var sentences = Split(text);
        // No sentence comes near the limit, so none was cut (the golden tests pin the sentences themselves).
        Assert.All(sentences, s => Assert.True(s.TokenCount < SentenceSplitter.MaxTokens / 2));
    }

    [Property(Arbitrary = [typeof(NewsTextGenerators)], MaxTest = 300)]
    public void Splitting_a_stream_chunk_by_chunk_gives_the_sentences_of_one_call(NewsLikeText input)
    {
        // Repeated so that the stream spans several chunks and sentences cross chunk ends.
        var builder = new StringBuilder();
        while (builder.Length < 60_000)
        {
            builder.Append(input.Value).Append(input.Value.Length % 3 == 0 ? " " : ", ");
            if (input.Value.Length == 0)
            {
                builder.Append("mot ");
            }
        }

        var text = builder.ToString();
        AssertStreamEqualsOneCall(text);
    }

    [Theory]
    [InlineData("clauses")]
    [InlineData("wrapped")]
    [InlineData("article")]
    [InlineData("closers")]
    public void Streaming_split_equals_one_call_on_long_texts(string shape)
    {
        var text = shape switch
        {
            "clauses" => string.Concat(Enumerable.Repeat(Clause, 3000)),
            "wrapped" => string.Concat(Enumerable.Repeat("le président a rencontré son homologue au\ncours d'une visite à Moscou où ils ont\nparlé. Puis il est reparti vers\nParis.\n", 2000)),
            "closers" => string.Concat(Enumerable.Repeat("Fin ! » ) » Oui. ", 9000)),
            _ => string.Concat(Enumerable.Repeat(File.ReadAllText(RepoPaths.SampleArticle) + "\n\n", 30)),
        };
        AssertStreamEqualsOneCall(text);
    }

    private static void AssertStreamEqualsOneCall(string text)
    {
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        var expected = SentenceSplitter.Default.Split(text, tokens.AsSpan());
        var estimator = new SentenceSplitter.WrapWidthEstimator(text);
        foreach (var token in tokens)
        {
            estimator.Add(token);
        }

        var stream = new SentenceStream(SentenceSplitter.Default, text, estimator.Width, CancellationToken.None);
        var actual = new List<Sentence>();
        foreach (var token in FrenchTokenizer.Default.EnumerateTokens(text))
        {
            stream.Add(token, actual);
        }

        stream.Complete(actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Splitting_honours_cancellation()
    {
        var text = string.Concat(Enumerable.Repeat(Clause, 500));
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => SentenceSplitter.Default.Split(text, tokens.AsSpan(), cancelled.Token));
    }
}
