using System.Text;
using BenchmarkDotNet.Attributes;
using NewsNer.Entities;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Benchmarks;

/// <summary>
/// Entity recognition alone (features, scores, Viterbi, confidences, document consistency) over pre-computed tokens and
/// sentences, on the sample article and on about 1 MB of French news-like text; plus the cold load of the model and
/// lexicons. Throughput in tokens/s = tokens / mean time.
/// </summary>
[MemoryDiagnoser]
public class NerBenchmarks
{
    private EntityRecognizer _recognizer = null!;
    private Token[] _sampleTokens = [];
    private Sentence[] _sampleSentences = [];
    private Token[] _corpusTokens = [];
    private Sentence[] _corpusSentences = [];
    private readonly List<EntityMention> _mentions = [];

    [GlobalSetup]
    public void Setup()
    {
        _recognizer = new EntityRecognizer(NerResources.Model, NerLexicons.Default);
        var sample = BenchmarkTexts.Sample;
        _sampleTokens = FrenchTokenizer.Default.TokenizeToArray(sample);
        _sampleSentences = SentenceSplitter.Default.Split(sample, _sampleTokens);
        var corpus = BenchmarkTexts.Corpus;
        _corpusTokens = FrenchTokenizer.Default.TokenizeToArray(corpus);
        _corpusSentences = SentenceSplitter.Default.Split(corpus, _corpusTokens);
        Console.WriteLine($"// sample: {_sampleTokens.Length} tokens; corpus: {_corpusTokens.Length} tokens, {corpus.Length} chars");
    }

    /// <summary>Tokens in the sample article (for tokens/s).</summary>
    public int SampleTokens => _sampleTokens.Length;

    [Benchmark(Description = "NER, sample article")]
    public int Sample()
    {
        _mentions.Clear();
        _recognizer.Recognize(_sampleTokens, _sampleSentences, _mentions);
        return _mentions.Count;
    }

    [Benchmark(Description = "NER, ~1 MB news text")]
    public int Corpus()
    {
        _mentions.Clear();
        _recognizer.Recognize(_corpusTokens, _corpusSentences, _mentions);
        return _mentions.Count;
    }
}

/// <summary>Cold start: reading the embedded model and lexicons from the assembly (what the first pipeline pays once).</summary>
[MemoryDiagnoser]
public class NerLoadBenchmarks
{
    [Benchmark(Description = "load NER model")]
    public int LoadModel()
    {
        using var stream = Internal.EmbeddedResources.Open(NerResources.ModelPath);
        return NerModel.Read(stream).Capacity;
    }

    [Benchmark(Description = "load NER lexicons")]
    public bool LoadLexicons()
    {
        using var stream = new BufferedStream(Internal.EmbeddedResources.Open(NerLexicons.ResourcePath), 1 << 16);
        return NerLexicons.Read(stream, null).HasClusters;
    }
}

/// <summary>Benchmark inputs: the sample article and ~1 MB of news-like text.</summary>
internal static class BenchmarkTexts
{
    private static readonly Lazy<string> s_sample = new(() => File.ReadAllText(FindUp("samples/al-chaar-poutine.fr.txt")));
    private static readonly Lazy<string> s_corpus = new(BuildCorpus);

    public static string Sample => s_sample.Value;

    public static string Corpus => s_corpus.Value;

    // Text of the shared corpora (the HIPE news articles and the Sequoia sentences, detokenized) when ../shared is
    // present; otherwise the sample repeated. Cut at about 1 MB.
    private static string BuildCorpus()
    {
        var sb = new StringBuilder();
        var shared = FindUpOrNull("../shared/data/ner");
        if (shared is not null)
        {
            foreach (var corpus in new[] { "hipe2020-fr", "sequoia-fr", "newseye-fr", "wikineural-fr" })
            {
                foreach (var line in File.ReadLines(Path.Combine(shared, corpus, "train.conll")))
                {
                    if (line.StartsWith('#'))
                    {
                        continue;
                    }

                    if (line.Length == 0)
                    {
                        sb.Append('\n');
                        continue;
                    }

                    var token = line.AsSpan(0, line.IndexOf('\t') < 0 ? line.Length : line.IndexOf('\t'));
                    if (token is "." or "," or ")" or "'" or "’" or ":" or ";" || sb.Length > 0 && sb[^1] is '\'' or '’' or '(' or '\n')
                    {
                        sb.Append(token);
                    }
                    else
                    {
                        sb.Append(' ').Append(token);
                    }

                    if (sb.Length >= 1_000_000)
                    {
                        return sb.ToString();
                    }
                }
            }
        }

        while (sb.Length < 1_000_000)
        {
            sb.Append(Sample).Append("\n\n");
        }

        return sb.ToString();
    }

    private static string FindUp(string relative) => FindUpOrNull(relative) ?? throw new FileNotFoundException(relative);

    private static string? FindUpOrNull(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, relative));
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
