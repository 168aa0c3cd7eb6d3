namespace NewsNer.Benchmarks;

/// <summary>
/// The texts the benchmarks run on: the sample article shipped in <c>samples/</c>, and about 1 MB of French news-like
/// text built in memory at run time by <see cref="NewsCorpus"/> (from <c>../shared/data</c> when it is beside the clone,
/// otherwise from <c>samples/*.txt</c>). Nothing built here is written to disk.
/// </summary>
internal static class BenchmarkInputs
{
    /// <summary>The sample article (3,083 characters).</summary>
    public const string Sample = "sample";

    /// <summary>About 1 MB of text as one string.</summary>
    public const string Corpus = "corpus-1MB";

    /// <summary>The same megabyte cut into article-sized documents (about 300 of at least 3,000 characters).</summary>
    public const string Articles = "articles-1MB";
    private const int CorpusChars = 1_000_000;

    private static readonly Lazy<string> s_sample = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt")));
    private static readonly Lazy<(string Text, string Origin)> s_corpus = new(() => NewsCorpus.BuildText(CorpusChars));
    private static readonly Lazy<string[]> s_corpusArticles = new(() => NewsCorpus.SplitArticles(s_corpus.Value.Text));

    /// <summary>The input as one text (the sample, or the megabyte in one string).</summary>
    public static string Get(string name) => name switch
    {
        Sample => s_sample.Value,
        Corpus => s_corpus.Value.Text,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown benchmark input."),
    };

    /// <summary>
    /// The input as documents: the sample article alone, the corpus as one document, or the corpus cut into
    /// article-sized documents at paragraph ends (<see cref="NewsCorpus.SplitArticles"/>), the way news comes.
    /// </summary>
    public static string[] Documents(string name) => name switch
    {
        Sample => [s_sample.Value],
        Corpus => [s_corpus.Value.Text],
        Articles => s_corpusArticles.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown benchmark input."),
    };

    /// <summary>Where the corpus text came from, for the report.</summary>
    public static string CorpusOrigin => s_corpus.Value.Origin;
}
