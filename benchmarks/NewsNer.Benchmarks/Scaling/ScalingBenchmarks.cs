using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NewsNer.Pipeline;

namespace NewsNer.Benchmarks.Scaling;

/// <summary>
/// Each input shape of <see cref="ScalingShapes"/> at n and 4n characters (<see cref="Scale"/> 1 and 4), the tokenizer,
/// sentence, entity and linking stages timed each on its own on the output of the stages before it (prepared in the
/// setup), and the whole <see cref="NewsPipeline.Process"/> (the event layer, being rebuilt, is timed by the
/// <c>scaling</c> command: <c>--stages events</c>):
/// a linear stage takes about 4× the time at 4n. The <c>×4 time</c> and <c>×4 alloc</c> columns give the ratios of the
/// 4n row to the n row of the same shape and method (medians). Run with
/// <c>dotnet run -c Release -- --filter '*ScalingBenchmarks*'</c> (about twenty minutes: in process, a short job).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ScalingConfig))]
public class ScalingBenchmarks
{
    /// <summary>
    /// n, in characters (the gate's n): large enough that both sizes are past the caches and the large-object threshold
    /// (at 25,000 characters a stage's arrays fit in the L2 cache and its 4n arrays do not, which alone gave ratios of 6 to
    /// 8 to linear code).
    /// </summary>
    public const int BaseChars = 100_000;

    private string _text = string.Empty;
    private AnnotationState _prepared = null!;
    private IReadOnlyList<IPipelineStage> _stages = [];

    /// <summary>The input shape.</summary>
    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "article";

    /// <summary>1 for n characters, 4 for 4n.</summary>
    [Params(1, 4)]
    public int Scale { get; set; } = 1;

    /// <summary>Every shape's name.</summary>
    public static IEnumerable<string> Shapes => ScalingShapes.All.Select(s => s.Name);

    [GlobalSetup]
    public void Setup()
    {
        _text = ScalingShapes.Get(Shape).Generate(BaseChars * Scale);
        _stages = NewsPipeline.CreateDefault().Stages;
        _prepared = new AnnotationState(_text, PreparedDocument.Options);
        foreach (var stage in _stages)
        {
            stage.Run(_prepared, CancellationToken.None);
            _prepared.Done |= stage.Produces;
        }
    }

    [Benchmark(Description = "tokenizer")]
    public int Tokenizer() => Run("tokenizer").Tokens.Length;

    [Benchmark(Description = "sentences")]
    public int Sentences() => Run("sentences").Sentences.Length;

    [Benchmark(Description = "entities")]
    public int Entities() => Run("entities").Mentions.Count;

    [Benchmark(Description = "linking")]
    public int Linking() => Run("linking").Entities.Count;

    [Benchmark(Description = "pipeline")]
    public int Pipeline() => NewsPipeline.CreateDefault().Process(_text, PreparedDocument.Options).Tokens.Length;

    // Runs one stage on a fresh state holding what the stages before it produced.
    private AnnotationState Run(string name)
    {
        var state = new AnnotationState(_text, PreparedDocument.Options);
        foreach (var stage in _stages)
        {
            if (stage.Name == name)
            {
                stage.Run(state, CancellationToken.None);
                return state;
            }

            // The layers of the earlier stages, from the setup's run.
            switch (stage.Name)
            {
                case "tokenizer":
                    state.Tokens = _prepared.Tokens;
                    break;
                case "sentences":
                    state.Sentences = _prepared.Sentences;
                    break;
                case "entities":
                    state.Mentions.AddRange(_prepared.Mentions);
                    break;
                case "linking":
                    state.Entities.AddRange(_prepared.Entities);
                    state.Linking = _prepared.Linking;
                    break;
            }

            state.Done |= stage.Produces;
        }

        throw new InvalidOperationException($"no stage {name}");
    }
}

/// <summary>
/// In process (no process per case: there are 160), two warm-ups and ten iterations of about 500 ms, and the ratio
/// columns.
/// </summary>
public sealed class ScalingConfig : ManualConfig
{
    public ScalingConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(10)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(500))
            .WithId("Scaling"));
        AddColumn(new ScaleRatioColumn(allocation: false), new ScaleRatioColumn(allocation: true));
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }

    /// <summary>The 4n row's median time (or allocation) over the n row's, same shape and method.</summary>
    private sealed class ScaleRatioColumn(bool allocation) : IColumn
    {
        public string Id => allocation ? "ScaleAllocRatio" : "ScaleTimeRatio";

        public string ColumnName => allocation ? "×4 alloc" : "×4 time";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => allocation ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"The 4n row's {(allocation ? "allocation" : "median time")} divided by the n row's (same shape and method): 4 is linear";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Parameters["Scale"] is not 4)
            {
                return "-";
            }

            var shape = benchmarkCase.Parameters["Shape"];
            var small = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.WorkloadMethod == benchmarkCase.Descriptor.WorkloadMethod
                && Equals(c.Parameters["Shape"], shape) && c.Parameters["Scale"] is 1);
            if (small is null || summary[small] is not { } n || summary[benchmarkCase] is not { } n4)
            {
                return "NA";
            }

            // Medians: on a shared machine a burst of load moves a mean more than a median.
            double? a = allocation ? n4.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) : n4.ResultStatistics?.Median;
            double? b = allocation ? n.GcStats.GetBytesAllocatedPerOperation(small) : n.ResultStatistics?.Median;
            return a is { } x && b is > 0 ? (x / b.Value).ToString("F2", CultureInfo.InvariantCulture) : "NA";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public override string ToString() => ColumnName;
    }
}
