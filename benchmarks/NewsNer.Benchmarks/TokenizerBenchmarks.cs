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

    private string[] _documents = [];

    /// <summary>
    /// The input: the sample article, the 1 MB corpus as one text (one call tokenizes the megabyte), or the same megabyte
    /// as about 300 articles (one call per article, as a news pipeline tokenizes).
    /// </summary>
    [Params(BenchmarkInputs.Sample, BenchmarkInputs.Corpus, BenchmarkInputs.Articles)]
    public string Input { get; set; } = BenchmarkInputs.Sample;

    [GlobalSetup]
    public void Setup() => _documents = BenchmarkInputs.Documents(Input);

    /// <summary>NewsNer: tokens with offsets, kinds and French rules; allocates the token array only.</summary>
    [Benchmark(Description = "NewsNer FrenchTokenizer")]
    [BenchmarkCategory("ci")]
    public int NewsNer()
    {
        var count = 0;
        foreach (var text in _documents)
        {
            count += FrenchTokenizer.Default.TokenizeToArray(text).Length;
        }

        return count;
    }

    /// <summary>NewsNer streaming (EnumerateTokens): the same tokens, one at a time, no array (no allocation), like Lucene's stream.</summary>
    [Benchmark(Description = "NewsNer EnumerateTokens (stream)")]
    public int NewsNerStream()
    {
        var count = 0;
        foreach (var text in _documents)
        {
            foreach (var token in FrenchTokenizer.Default.EnumerateTokens(text))
            {
                count += token.Length > 0 ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Lucene.Net 4.8 StandardTokenizer + ElisionFilter with the French articles (FrenchAnalyzer's chain without stemming and stop words).</summary>
    [Benchmark(Baseline = true, Description = "Lucene.Net Standard+Elision")]
    [BenchmarkCategory("ci")]
    public int Lucene() => Sum(_documents, s_lucene.Count);

    /// <summary>Microsoft.ML.Tokenizers' word-or-non-word pre-tokenizer (the word splitting of ML.NET's tokenizers, regex \w+|[^\w\s]+).</summary>
    [Benchmark(Description = "ML.Tokenizers WordOrNonWord")]
    public int MlTokenizers() => Sum(_documents, CountMl);

    /// <summary>A naive regular-expression tokenizer: words with inner apostrophes, or one other character.</summary>
    [Benchmark(Description = "Naive Regex")]
    public int NaiveRegex() => Sum(_documents, CountRegex);

    /// <summary>Token count of a method on an input, for the report columns.</summary>
    public static long TokensPerInvocation(string method, string input)
    {
        var documents = BenchmarkInputs.Documents(input);
        return method switch
        {
            nameof(NewsNer) or nameof(NewsNerStream) => Sum(documents, FrenchTokenizer.Default.CountTokens),
            nameof(Lucene) => Sum(documents, s_lucene.Count),
            nameof(MlTokenizers) => Sum(documents, CountMl),
            nameof(NaiveRegex) => Sum(documents, CountRegex),
            _ => 0,
        };
    }

    private static int Sum(string[] documents, Func<string, int> count)
    {
        var total = 0;
        foreach (var text in documents)
        {
            total += count(text);
        }

        return total;
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
