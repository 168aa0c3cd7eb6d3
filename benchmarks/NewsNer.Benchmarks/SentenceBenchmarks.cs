using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Benchmarks;

/// <summary>
/// The sentence splitter on already tokenized text (its own cost), against a naive regular-expression splitter on
/// the raw text, and tokenizer plus splitter together.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class SentenceBenchmarks : ITokenThroughput
{
    private static readonly Regex s_naive = new(@"(?<=[.!?…])\s+(?=[«""(\p{Lu}\d])|\n\s*\n", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private string _text = string.Empty;
    private Token[] _tokens = [];

    /// <summary>The input text: the sample article or the 1 MB corpus.</summary>
    [Params(BenchmarkInputs.Sample, BenchmarkInputs.Corpus)]
    public string Input { get; set; } = BenchmarkInputs.Sample;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchmarkInputs.Get(Input);
        _tokens = FrenchTokenizer.Default.TokenizeToArray(_text);
    }

    /// <summary>NewsNer's splitter over the tokens.</summary>
    [Benchmark(Baseline = true, Description = "NewsNer SentenceSplitter")]
    [BenchmarkCategory("ci")]
    public int NewsNer() => SentenceSplitter.Default.Split(_text, _tokens).Length;

    /// <summary>Tokenizing and splitting together, as the pipeline does.</summary>
    [Benchmark(Description = "NewsNer tokenize + split")]
    public int TokenizeAndSplit() => SentenceSplitter.Default.Split(_text, FrenchTokenizer.Default.TokenizeToArray(_text)).Length;

    /// <summary>A naive regex splitter: a terminal mark, space, then a capital, quote or digit; or a blank line.</summary>
    [Benchmark(Description = "Naive Regex split")]
    public int NaiveRegex() => s_naive.Count(_text) + 1;

    /// <summary>The NewsNer token count of the input for every method (the regex sees the same text).</summary>
    public static long TokensPerInvocation(string method, string input) => FrenchTokenizer.Default.CountTokens(BenchmarkInputs.Get(input));
}
