using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NewsNer.Benchmarks;

/// <summary>
/// A benchmark class whose methods process tokens: it tells the <see cref="ThroughputConfig"/> columns how many tokens
/// one invocation of a method handles on an input.
/// </summary>
public interface ITokenThroughput
{
    /// <summary>Tokens one invocation of <paramref name="method"/> handles on <paramref name="input"/> (0 = not applicable).</summary>
    static abstract long TokensPerInvocation(string method, string input);
}

/// <summary>
/// Adds the <c>Tokens</c> column (tokens per invocation, as the method itself counts them) and <c>MTokens/s</c> (tokens
/// divided by the mean time) to classes implementing <see cref="ITokenThroughput"/>.
/// </summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddColumn(new TokenColumn(throughput: false), new TokenColumn(throughput: true));
    }

    /// <summary>Tokens per invocation of a benchmark case, or 0 when its class does not count tokens.</summary>
    internal static long TokensOf(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var input = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Input")?.Value as string ?? BenchmarkInputs.Sample;
        return TokenColumn.Counts.GetOrAdd((type, method, input), key =>
        {
            var count = key.Type.GetMethod(nameof(ITokenThroughput.TokensPerInvocation), BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(string)]);
            return count is null ? 0 : (long)count.Invoke(null, [key.Method, key.Input])!;
        });
    }

    private sealed class TokenColumn(bool throughput) : IColumn
    {
        internal static readonly ConcurrentDictionary<(Type Type, string Method, string Input), long> Counts = new();

        public string Id => throughput ? "MTokensPerSecond" : "Tokens";

        public string ColumnName => throughput ? "MTokens/s" : "Tokens";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => throughput ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => throughput
            ? "Millions of tokens per second (the method's own token count / mean time)"
            : "Tokens one invocation of the method handles on the input";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var tokens = TokensOf(benchmarkCase);
            if (tokens <= 0)
            {
                return "-";
            }

            if (!throughput)
            {
                return tokens.ToString("N0", CultureInfo.InvariantCulture);
            }

            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (tokens / (mean.Value / 1e9) / 1e6).ToString("F3", CultureInfo.InvariantCulture) : "NA";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public override string ToString() => ColumnName;
    }
}
