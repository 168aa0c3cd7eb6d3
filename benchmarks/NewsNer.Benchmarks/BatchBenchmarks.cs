using BenchmarkDotNet.Attributes;

namespace NewsNer.Benchmarks;

/// <summary>
/// Batch throughput: the 1 MB corpus as articles through <see cref="NewsPipeline.ProcessMany"/> with the full default
/// pipeline, on one worker (the baseline) and on two (this machine's cores). The target is two workers at 1.7× or more.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class BatchBenchmarks : ITokenThroughput
{
    private static readonly BatchOptions s_one = new() { MaxDegreeOfParallelism = 1 };
    private static readonly BatchOptions s_two = new() { MaxDegreeOfParallelism = 2 };
    private NewsPipeline _pipeline = null!;
    private DocumentInput[] _inputs = [];

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = NewsPipeline.CreateDefault();
        _inputs = [.. BenchmarkInputs.Documents(BenchmarkInputs.Articles).Select((text, i) => new DocumentInput(text, PreparedDocument.Options, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>ProcessMany, MaxDegreeOfParallelism = 1.</summary>
    [Benchmark(Baseline = true, Description = "ProcessMany, 1 worker")]
    [BenchmarkCategory("ci")]
    public int OneWorker() => Run(s_one);

    /// <summary>ProcessMany, MaxDegreeOfParallelism = 2.</summary>
    [Benchmark(Description = "ProcessMany, 2 workers")]
    [BenchmarkCategory("ci")]
    public int TwoWorkers() => Run(s_two);

    /// <summary>Both methods process every token of the corpus.</summary>
    public static long TokensPerInvocation(string method, string input) => PreparedDocument.CountTokens(BenchmarkInputs.Documents(BenchmarkInputs.Articles));

    private int Run(BatchOptions options)
    {
        var tokens = 0;
        foreach (var result in _pipeline.ProcessMany(_inputs, options))
        {
            tokens += result.Document?.Tokens.Length ?? throw new InvalidOperationException(result.Error?.Message);
        }

        return tokens;
    }
}
