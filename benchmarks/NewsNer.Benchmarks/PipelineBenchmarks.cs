using BenchmarkDotNet.Attributes;
using NewsNer.Serialization;

namespace NewsNer.Benchmarks;

/// <summary>
/// The whole pipeline on raw text, one <see cref="NewsPipeline.Process"/> call per article, on one thread: tokens and
/// sentences alone (the baseline), the full default pipeline (tokens, sentences, entities, linking, events), and the
/// full pipeline plus writing each document as a JSON line (what <c>newsner extract --format jsonl</c> does per article).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class PipelineBenchmarks : ITokenThroughput
{
    private NewsPipeline _full = null!;
    private NewsPipeline _tokensAndSentences = null!;
    private NewsPipeline _languageTokensAndSentences = null!;
    private string[] _documents = [];

    /// <summary>The input: the sample article, or the 1 MB corpus as about 300 articles.</summary>
    [Params(BenchmarkInputs.Sample, BenchmarkInputs.Articles)]
    public string Input { get; set; } = BenchmarkInputs.Sample;

    [GlobalSetup]
    public void Setup()
    {
        _documents = BenchmarkInputs.Documents(Input);
        _full = NewsPipeline.CreateDefault();
        _tokensAndSentences = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().Build();
        _languageTokensAndSentences = NewsPipeline.CreateBuilder().UseLanguageDetection().UseTokenizer().UseSentences().Build();
    }

    /// <summary>Tokens and sentences only.</summary>
    [Benchmark(Baseline = true, Description = "tokens + sentences")]
    public int TokensAndSentences() => Run(_tokensAndSentences);

    /// <summary>Language identification (the default pipeline's first stage), then tokens and sentences: the stage's cost.</summary>
    [Benchmark(Description = "language + tokens + sentences")]
    public int LanguageTokensAndSentences() => Run(_languageTokensAndSentences);

    /// <summary>The default pipeline: language, tokens, sentences, entities, linking, events.</summary>
    [Benchmark(Description = "full pipeline")]
    [BenchmarkCategory("ci")]
    public int Full() => Run(_full);

    /// <summary>The default pipeline, then each document written as a JSON line (to a null writer).</summary>
    [Benchmark(Description = "full pipeline + JSON line")]
    public int FullAndJson()
    {
        var writer = new NewsJsonLinesWriter(TextWriter.Null);
        var tokens = 0;
        foreach (var text in _documents)
        {
            var document = _full.Process(text, PreparedDocument.Options);
            writer.Write(document);
            tokens += document.Tokens.Length;
        }

        return tokens;
    }

    /// <summary>Every method processes every token of the input.</summary>
    public static long TokensPerInvocation(string method, string input) => PreparedDocument.CountTokens(BenchmarkInputs.Documents(input));

    private int Run(NewsPipeline pipeline)
    {
        var tokens = 0;
        foreach (var text in _documents)
        {
            tokens += pipeline.Process(text, PreparedDocument.Options).Tokens.Length;
        }

        return tokens;
    }
}
