using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NewsNer.Entities;
using NewsNer.Internal;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Benchmarks;

/// <summary>
/// Loading the embedded resources, each call a fresh load from the assembly (never the cached instance the pipeline
/// keeps): the NER model (11 MB table), the NER lexicons (Brotli-compressed hash tables and trigger words), and the
/// French lexicons of linking and events (phrase lists frozen into tries). This is the load cost without the JIT; the
/// cold-start benchmark gives the first call with it.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class ResourceLoadBenchmarks
{
    /// <summary>The NER model.</summary>
    [Benchmark(Description = "NER model")]
    public int NerModelLoad()
    {
        using var stream = EmbeddedResources.Open(NerResources.ModelPath);
        return NerModel.Read(stream).Capacity;
    }

    /// <summary>The NER lexicons and trigger words, read as <c>NerLexicons.Default</c> reads them.</summary>
    [Benchmark(Description = "NER lexicons")]
    public bool NerLexiconsLoad()
    {
        var triggers = EmbeddedResources.ReadLines(NerLexicons.TriggersPath);
        using var stream = new BufferedStream(EmbeddedResources.Open(NerLexicons.ResourcePath), 1 << 16);
        return NerLexicons.Read(stream, triggers).HasClusters;
    }

    /// <summary>The French lexicons of linking and events.</summary>
    [Benchmark(Description = "linking + event lexicons")]
    public int FrenchLexiconsLoad() => FrenchLexicons.Load().CountryCodes.Count;
}
