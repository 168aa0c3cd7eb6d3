using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NewsNer.Benchmarks;

/// <summary>Adds each tokenizer's token count and its throughput in millions of tokens per second.</summary>
public sealed class TokenizerColumnsConfig : ManualConfig
{
    public TokenizerColumnsConfig()
    {
        AddColumn(new TokenColumn(throughput: false), new TokenColumn(throughput: true));
    }

    private sealed class TokenColumn(bool throughput) : IColumn
    {
        private static readonly ConcurrentDictionary<(string, string), int> s_counts = new();

        public string Id => throughput ? "MTokensPerSecond" : "Tokens";

        public string ColumnName => throughput ? "MTokens/s" : "Tokens";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => throughput ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => throughput
            ? "Millions of tokens per second (the method's own token count / mean time)"
            : "Tokens the method produces on the input";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
            var input = benchmarkCase.Parameters["Input"] as string ?? BenchmarkInputs.Sample;
            var tokens = s_counts.GetOrAdd((method, input), key => TokenizerBenchmarks.TokenCount(key.Item1, key.Item2));
            if (!throughput)
            {
                return tokens.ToString("N0", CultureInfo.InvariantCulture);
            }

            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (tokens / (mean.Value / 1e9) / 1e6).ToString("F2", CultureInfo.InvariantCulture) : "NA";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public override string ToString() => ColumnName;
    }
}
