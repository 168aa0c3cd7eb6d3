namespace NewsNer.Benchmarks;

/// <summary>
/// The texts the benchmarks run on: the sample article shipped in <c>samples/</c>, and about 1 MB of French news-like
/// text built in memory at run time by <see cref="NewsCorpus"/> (from <c>../shared/data</c> when it is beside the clone,
/// otherwise from <c>samples/*.txt</c>). Nothing built here is written to disk.
/// </summary>
internal static class BenchmarkInputs
{
    public const string Sample = "sample";
    public const string Corpus = "corpus-1MB";
    private const int CorpusChars = 1_000_000;

    private static readonly Lazy<string> s_sample = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt")));
    private static readonly Lazy<(string Text, string Origin)> s_corpus = new(() => NewsCorpus.BuildText(CorpusChars));
    private static readonly Lazy<string[]> s_corpusArticles = new(() => NewsCorpus.SplitArticles(s_corpus.Value.Text));

    /// <summary>The whole input as one text (the tokenizer and sentence benchmarks scan the megabyte in one call).</summary>
    public static string Get(string name) => name switch
    {
        Sample => s_sample.Value,
        Corpus => s_corpus.Value.Text,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown benchmark input."),
    };

    /// <summary>
    /// The input as documents: the sample article alone, or the corpus cut into article-sized documents at paragraph
    /// ends (<see cref="NewsCorpus.SplitArticles"/>), the way the NER, linking, event and pipeline stages meet news.
    /// </summary>
    public static string[] Documents(string name) => name switch
    {
        Sample => [s_sample.Value],
        Corpus => s_corpusArticles.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown benchmark input."),
    };

    /// <summary>Where the corpus text came from, for the report.</summary>
    public static string CorpusOrigin => s_corpus.Value.Origin;
}
