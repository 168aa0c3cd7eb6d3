using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace NewsNer.Benchmarks;

/// <summary>
/// Cold start: the first pipeline and the first <see cref="NewsPipeline.Process"/> of a fresh process, on the sample
/// article. Each measurement is a new process (<see cref="RunStrategy.ColdStart"/>: no pilot, no warm-up, one
/// invocation per launch), so it pays what a user's first call pays: reading and decompressing the embedded model and
/// lexicons, building the frozen tables, and compiling the code (JIT). The setup reads the article with
/// <see cref="File"/> only and touches no NewsNer type. The baseline (tokens and sentences only) loads no model, so the
/// difference between the two rows is the entity, linking and event stages' load and first-call cost.
/// </summary>
[Config(typeof(ColdStartConfig))]
[MemoryDiagnoser]
public class ColdStartBenchmarks
{
    private string _text = string.Empty;

    /// <summary>Processes launched per benchmark (each gives one cold measurement).</summary>
    public static int Launches { get; set; } = 10;

    [GlobalSetup]
    public void Setup() => _text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt"));

    /// <summary>First tokens + sentences pipeline and its first document.</summary>
    [Benchmark(Baseline = true, Description = "first Process: tokens + sentences")]
    [BenchmarkCategory("ci")]
    public int TokensAndSentences() => NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().Build().Process(_text).Tokens.Length;

    /// <summary>First default pipeline (model and lexicons loaded) and its first document.</summary>
    [Benchmark(Description = "first Process: full pipeline")]
    [BenchmarkCategory("ci")]
    public int Full() => NewsPipeline.CreateDefault().Process(_text).Entities.Length;

    /// <summary>One cold invocation per process, <see cref="Launches"/> processes.</summary>
    public sealed class ColdStartConfig : ManualConfig
    {
        public ColdStartConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(Launches).WithWarmupCount(0).WithIterationCount(1).WithId("ColdStart"));
        }
    }
}
