using System.Collections.Frozen;
using NewsNer.Cli;
using NewsNer.Cli.Extraction;
using NewsNer.Sentences;
using NewsNer.Serialization;
using NewsNer.Tokenization;
using Newtonsoft.Json;

namespace NewsNer.Fuzz;

/// <summary>
/// One fuzz target per parser. A target takes the fuzzer's bytes and throws when NewsNer crashes (any exception the
/// API does not document for bad input) or breaks an invariant (<see cref="Invariants"/>); documented refusals
/// (a <see cref="JsonException"/> for malformed JSON, an <see cref="InvalidDataException"/> for undecodable bytes) pass.
/// </summary>
public static class FuzzTargets
{
    private static readonly Lazy<NewsPipeline> s_pipeline = new(NewsPipeline.CreateDefault);

    /// <summary>The targets by name, as <c>tools/fuzz.sh</c> and the seed folders call them.</summary>
    public static FrozenDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["tokenizer"] = Tokenizer,
        ["sentences"] = Sentences,
        ["html"] = Html,
        ["json"] = Json,
        ["pipeline"] = Pipeline,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Builds what the targets share (the pipeline and its models) before the first input is timed.</summary>
    public static void Warm() => _ = s_pipeline.Value;

    /// <summary>The French tokenizer: every invariant of <see cref="Invariants.Tokens"/>, and the token count agrees.</summary>
    public static void Tokenizer(byte[] input)
    {
        var text = FuzzInput.ToText(input);
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        Invariants.Tokens(text, tokens.AsSpan());
        Invariants.Check(FrenchTokenizer.Default.CountTokens(text) == tokens.Length, "CountTokens disagrees with Tokenize");
    }

    /// <summary>The sentence splitter over the tokenizer's tokens: sentences cover every token once, in order.</summary>
    public static void Sentences(byte[] input)
    {
        var text = FuzzInput.ToText(input);
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        var sentences = SentenceSplitter.Default.Split(text, tokens.AsSpan());
        Invariants.Sentences(text, tokens.AsSpan(), sentences);
    }

    /// <summary>
    /// The console's web-page reader on raw bytes (charset sniffing, decoding, article extraction): a page either is
    /// refused as undecodable or gives an article whose text starts with its title.
    /// </summary>
    public static void Html(byte[] input)
    {
        string html;
        try
        {
            html = HtmlArticle.Decode(input[..Math.Min(input.Length, FuzzInput.MaxBytes)], CliContext.StrictUtf8);
        }
        catch (InvalidDataException)
        {
            return;
        }

        var article = HtmlArticle.Parse(html);
        Invariants.Check(article.Text is not null, "the article has no text");
        Invariants.Check(article.Title is null || article.Text!.StartsWith(article.Title, StringComparison.Ordinal), "the article text does not start with its title");
        Invariants.Check(article.Date is null || article.DateHeader is not null, "a publication date without the date it was read from");
    }

    /// <summary>
    /// The <c>newsner/1</c> reader: malformed JSON is refused with a <see cref="JsonException"/>; what it accepts writes
    /// back and reads again to the same document; the JSON Lines reader turns every line into a result, never throwing.
    /// </summary>
    public static void Json(byte[] input)
    {
        var json = FuzzInput.ToText(input);
        Document? document = null;
        try
        {
            document = NewsJson.Deserialize(json);
        }
        catch (JsonException)
        {
        }

        if (document is not null)
        {
            Invariants.RoundTrip(document);
        }

        var lines = 0;
        using (var reader = new StringReader(json))
        {
            while (reader.ReadLine() is { } line)
            {
                lines += string.IsNullOrWhiteSpace(line) ? 0 : 1;
            }
        }

        var results = NewsJson.ReadLines(new StringReader(json)).ToList();
        Invariants.Check(results.Count == lines, $"ReadLines gave {results.Count} results for {lines} non-blank lines");
        Invariants.Check(results.All(r => r.Succeeded ? r.Document is not null : r.Error is not null), "a ReadLines result has neither a document nor an error");
    }

    /// <summary>
    /// What <c>newsner extract</c> does with a text file: the article header parser, then the default pipeline (tokens,
    /// sentences, language, entities, linking, events); every invariant of <see cref="Invariants.Document"/>.
    /// </summary>
    public static void Pipeline(byte[] input)
    {
        var article = Article.Parse(FuzzInput.ToText(input));
        var document = s_pipeline.Value.Process(article.Text, new DocumentOptions { PublicationDate = article.Date, Source = "fuzz" });
        Invariants.Check(document.Text == article.Text, "the document does not keep the text it was given");
        Invariants.Document(document);
    }
}
