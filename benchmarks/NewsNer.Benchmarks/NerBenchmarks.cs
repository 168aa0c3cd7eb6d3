using BenchmarkDotNet.Attributes;
using NewsNer.Entities;
using NewsNer.Pipeline;

namespace NewsNer.Benchmarks;

/// <summary>
/// The entity recognizer alone, on tokens and sentences computed beforehand: hashed features, label scores, BIO
/// Viterbi, span confidences (forward–backward) and document consistency, one call per article. The reference in the
/// same run is Microsoft.ML's standard inference path, a <c>PredictionEngine</c> over a maximum-entropy model fed the same
/// hashed features (<see cref="MlNetTokenClassifier"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class NerBenchmarks : ITokenThroughput
{
    private readonly List<EntityMention> _mentions = [];
    private PreparedDocument[] _documents = [];
    private EntityRecognizer _recognizer = null!;
    private EntityRecognizer _corpusRecognizer = null!;
    private MlNetTokenClassifier _mlNet = null!;
    private int[] _labels = [];

    /// <summary>The input: the sample article, or the 1 MB corpus as about 300 articles.</summary>
    [Params(BenchmarkInputs.Sample, BenchmarkInputs.Articles)]
    public string Input { get; set; } = BenchmarkInputs.Sample;

    [GlobalSetup]
    public void Setup()
    {
        _documents = PreparedDocument.Prepare(BenchmarkInputs.Documents(Input), Annotations.Sentences);
        _recognizer = PreparedDocument.Stage<EntityRecognizerStage>().Recognizer;
        _labels = new int[_documents.Max(d => d.Tokens.Length)];
    }

    [GlobalSetup(Target = nameof(CorpusModel))]
    public void SetupCorpusModel()
    {
        Setup();
        // The embedded model without its news layer: the cost of the layer (its table, the news rules) in the same run.
        _corpusRecognizer = new EntityRecognizer(_recognizer.Model.WithoutLayer(), _recognizer.Lexicons, options: new EntityRecognizerOptions { LiteralPlaces = EntityRecognizer.DefaultLiteralPlaces });
    }

    [GlobalSetup(Target = nameof(MlNet))]
    public void SetupMlNet()
    {
        Setup();
        _mlNet = MlNetTokenClassifier.Train(_recognizer, PreparedDocument.Prepare(BenchmarkInputs.Documents(BenchmarkInputs.Articles), Annotations.Sentences));
    }

    /// <summary>NewsNer's recognizer as the pipeline runs it: mentions with confidences, document consistency.</summary>
    [Benchmark(Description = "NewsNer CRF recognizer")]
    [BenchmarkCategory("ci")]
    public int NewsNer()
    {
        var count = 0;
        foreach (var document in _documents)
        {
            _mentions.Clear();
            _recognizer.Recognize(document.Tokens, document.Sentences, _mentions);
            count += _mentions.Count;
        }

        return count;
    }

    /// <summary>The corpus model alone (the embedded model without its news layer), recognized the same way.</summary>
    [Benchmark(Description = "NewsNer CRF recognizer, corpus model (no news layer)")]
    public int CorpusModel()
    {
        var count = 0;
        foreach (var document in _documents)
        {
            _mentions.Clear();
            _corpusRecognizer.Recognize(document.Tokens, document.Sentences, _mentions);
            count += _mentions.Count;
        }

        return count;
    }

    /// <summary>The same model, best labels only: features, scores and Viterbi per sentence (no confidences, no consistency).</summary>
    [Benchmark(Description = "NewsNer CRF, Viterbi labels only")]
    public int NewsNerLabelsOnly()
    {
        var count = 0;
        foreach (var document in _documents)
        {
            foreach (var sentence in document.Sentences)
            {
                if (sentence.TokenCount == 0)
                {
                    continue;
                }

                var labels = _labels.AsSpan(0, sentence.TokenCount);
                _recognizer.Tag(document.Tokens.AsSpan(sentence.FirstToken, sentence.TokenCount), labels, []);
                count += labels[0];
            }
        }

        return count;
    }

    /// <summary>Microsoft.ML PredictionEngine, maximum entropy over the same features, greedy (one label per token, no Viterbi).</summary>
    [Benchmark(Baseline = true, Description = "ML.NET PredictionEngine maxent")]
    public int MlNet()
    {
        var count = 0;
        foreach (var document in _documents)
        {
            foreach (var sentence in document.Sentences)
            {
                if (sentence.TokenCount == 0)
                {
                    continue;
                }

                var labels = _labels.AsSpan(0, sentence.TokenCount);
                _mlNet.Predict(document.Tokens.AsSpan(sentence.FirstToken, sentence.TokenCount), labels);
                count += labels[0];
            }
        }

        return count;
    }

    /// <summary>Every method tags every token of the input.</summary>
    public static long TokensPerInvocation(string method, string input) => PreparedDocument.CountTokens(BenchmarkInputs.Documents(input));
}
