using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;
using Microsoft.ML.Tokenizers;
using NewsNer.Tokenization;

namespace NewsNer.Benchmarks;

/// <summary>
/// The French tokenizer against peers on the same texts, in the same run: Lucene.Net's French chain (baseline),
/// Microsoft.ML.Tokenizers' word/non-word pre-tokenizer, and a naive regular expression. Each method returns its own
/// token count; the <c>Tokens</c> and <c>MTokens/s</c> columns use that count.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class TokenizerBenchmarks : ITokenThroughput
{
    private static readonly LuceneFrenchChain s_lucene = new();
    private static readonly PreTokenizer s_mlWords = PreTokenizer.CreateWordOrNonWord();
    private static readonly Regex s_naive = new(@"\w+(?:['’]\w+)*|[^\w\s]", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private string _text = string.Empty;

    /// <summary>The input text: the sample article or the 1 MB corpus.</summary>
    [Params(BenchmarkInputs.Sample, BenchmarkInputs.Corpus)]
    public string Input { get; set; } = BenchmarkInputs.Sample;

    [GlobalSetup]
    public void Setup() => _text = BenchmarkInputs.Get(Input);

    /// <summary>NewsNer: tokens with offsets, kinds and French rules; allocates the token array only.</summary>
    [Benchmark(Description = "NewsNer FrenchTokenizer")]
    [BenchmarkCategory("ci")]
    public int NewsNer() => FrenchTokenizer.Default.TokenizeToArray(_text).Length;

    /// <summary>NewsNer streaming (EnumerateTokens): the same tokens, one at a time, no array (no allocation), like Lucene's stream.</summary>
    [Benchmark(Description = "NewsNer EnumerateTokens (stream)")]
    public int NewsNerStream()
    {
        var count = 0;
        foreach (var token in FrenchTokenizer.Default.EnumerateTokens(_text))
        {
            count += token.Length > 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>Lucene.Net 4.8 StandardTokenizer + ElisionFilter with the French articles (FrenchAnalyzer's chain without stemming and stop words).</summary>
    [Benchmark(Baseline = true, Description = "Lucene.Net Standard+Elision")]
    [BenchmarkCategory("ci")]
    public int Lucene() => s_lucene.Count(_text);

    /// <summary>Microsoft.ML.Tokenizers' word-or-non-word pre-tokenizer (the word splitting of ML.NET's tokenizers, regex \w+|[^\w\s]+).</summary>
    [Benchmark(Description = "ML.Tokenizers WordOrNonWord")]
    public int MlTokenizers() => CountMl(_text);

    /// <summary>A naive regular-expression tokenizer: words with inner apostrophes, or one other character.</summary>
    [Benchmark(Description = "Naive Regex")]
    public int NaiveRegex() => CountRegex(_text);

    /// <summary>Token count of a method on an input, for the report columns.</summary>
    public static long TokensPerInvocation(string method, string input)
    {
        var text = BenchmarkInputs.Get(input);
        return method switch
        {
            nameof(NewsNer) or nameof(NewsNerStream) => FrenchTokenizer.Default.CountTokens(text),
            nameof(Lucene) => s_lucene.Count(text),
            nameof(MlTokenizers) => CountMl(text),
            nameof(NaiveRegex) => CountRegex(text),
            _ => 0,
        };
    }

    private static int CountMl(string text)
    {
        var count = 0;
        foreach (var _ in s_mlWords.PreTokenize(text))
        {
            count++;
        }

        return count;
    }

    private static int CountRegex(string text)
    {
        var count = 0;
        foreach (var _ in s_naive.EnumerateMatches(text))
        {
            count++;
        }

        return count;
    }

    private sealed class LuceneFrenchChain : Analyzer
    {
        public int Count(string text)
        {
            using var stream = GetTokenStream("body", text);
            var offsets = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            var count = 0;
            var last = 0;
            while (stream.IncrementToken())
            {
                count++;
                last = offsets.EndOffset;
            }

            stream.End();
            return last >= 0 ? count : -1;
        }

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
            TokenStream result = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
            return new TokenStreamComponents(source, result);
        }
    }
}
