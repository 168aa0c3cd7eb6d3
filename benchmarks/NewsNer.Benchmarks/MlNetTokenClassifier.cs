using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using NewsNer.Entities;
using NewsNer.Tokenization;

namespace NewsNer.Benchmarks;

/// <summary>
/// The in-run reference for the entity recognizer: what a .NET developer gets from Microsoft.ML's standard inference API
/// for a token classifier. A maximum-entropy model (<c>LbfgsMaximumEntropy</c>, the learner of NewsNer's Microsoft.ML
/// baseline) over the recognizer's own hashed features, folded into 2^18 dimensions, scored one token at a time through a
/// <c>PredictionEngine</c>, greedy (the best label per token, no Viterbi, no confidences). It is trained at benchmark
/// setup on about 30,000 tokens labelled by NewsNer's recognizer: its accuracy is not the point, its scoring cost per
/// token is (a linear model's cost depends on the feature count and the dimensions, not on the weight values).
/// </summary>
internal sealed class MlNetTokenClassifier
{
    /// <summary>Feature vector size (hashed features folded modulo this).</summary>
    public const int Dimensions = 1 << 18;

    private const int TrainingTokens = 30_000;

    private readonly NerFeatureExtractor _extractor;
    private readonly PredictionEngine<TokenRow, Prediction> _engine;
    private readonly TokenRow _row = new();
    private Prediction _prediction = new();
    private NerFeatureExtractor.TokenInfo[] _infos = [];
    private ulong[] _features = [];
    private int[] _counts = [];
    private readonly int[] _indices = new int[NerFeatureExtractor.MaxFeatures];
    private readonly float[] _values = new float[NerFeatureExtractor.MaxFeatures];

    private MlNetTokenClassifier(NerFeatureExtractor extractor, PredictionEngine<TokenRow, Prediction> engine)
    {
        _extractor = extractor;
        _engine = engine;
        Array.Fill(_values, 1f);
    }

    /// <summary>Trains on the recognizer's labels of the first sentences of <paramref name="documents"/>.</summary>
    public static MlNetTokenClassifier Train(EntityRecognizer teacher, PreparedDocument[] documents)
    {
        var extractor = new NerFeatureExtractor(teacher.Lexicons);
        var rows = new List<TokenRow>();
        var scratch = new MlNetTokenClassifier(extractor, null!);
        foreach (var document in documents)
        {
            foreach (var sentence in document.Sentences)
            {
                var tokens = document.Tokens.AsSpan(sentence.FirstToken, sentence.TokenCount);
                if (tokens.IsEmpty)
                {
                    continue;
                }

                var labels = new int[tokens.Length];
                teacher.Tag(tokens, labels, []);
                scratch.Extract(tokens);
                for (var i = 0; i < tokens.Length; i++)
                {
                    var count = scratch.Fill(i);
                    rows.Add(new TokenRow
                    {
                        Features = new VBuffer<float>(Dimensions, count, scratch._values[..count], scratch._indices[..count]),
                        Label = (uint)labels[i],
                    });
                }
            }

            if (rows.Count >= TrainingTokens)
            {
                break;
            }
        }

        var context = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(TokenRow));
        schema[nameof(TokenRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Dimensions);
        var data = context.Data.LoadFromEnumerable(rows, schema);
        var keys = context.Data.LoadFromEnumerable(Enumerable.Range(0, NerLabels.Count).Select(y => new LabelRow { Label = (uint)y }));
        var pipeline = context.Transforms.Conversion.MapValueToKey("LabelKey", nameof(TokenRow.Label), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue, keyData: keys)
            .Append(context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey",
                FeatureColumnName = nameof(TokenRow.Features),
                HistorySize = 5,
                MaximumNumberOfIterations = 30,
                NumberOfThreads = 1,
            }));
        var model = pipeline.Fit(data);
        var engine = context.Model.CreatePredictionEngine<TokenRow, Prediction>(model, inputSchemaDefinition: schema);
        return new MlNetTokenClassifier(extractor, engine);
    }

    /// <summary>The best label of each token of one sentence.</summary>
    public void Predict(ReadOnlySpan<Token> tokens, Span<int> labels)
    {
        Extract(tokens);
        for (var i = 0; i < tokens.Length; i++)
        {
            var count = Fill(i);
            _row.Features = new VBuffer<float>(Dimensions, count, _values, _indices);
            _engine.Predict(_row, ref _prediction);
            var scores = _prediction.Score;
            var best = 0;
            for (var y = 1; y < scores.Length; y++)
            {
                if (scores[y] > scores[best])
                {
                    best = y;
                }
            }

            labels[i] = best;
        }
    }

    private void Extract(ReadOnlySpan<Token> tokens)
    {
        var n = tokens.Length;
        if (_infos.Length < n)
        {
            _infos = new NerFeatureExtractor.TokenInfo[n * 2];
            _features = new ulong[n * 2 * NerFeatureExtractor.MaxFeatures];
            _counts = new int[n * 2];
        }

        _extractor.Extract(tokens, _infos.AsSpan(0, n), _features, _counts);
    }

    // Token i's features folded into sorted, distinct vector indices; returns their count.
    private int Fill(int i)
    {
        var features = _features.AsSpan(i * NerFeatureExtractor.MaxFeatures, _counts[i]);
        for (var k = 0; k < features.Length; k++)
        {
            _indices[k] = (int)(features[k] & (Dimensions - 1));
        }

        var indices = _indices.AsSpan(0, features.Length);
        indices.Sort();
        var distinct = 0;
        for (var k = 0; k < indices.Length; k++)
        {
            if (k == 0 || indices[k] != indices[distinct - 1])
            {
                indices[distinct++] = indices[k];
            }
        }

        return distinct;
    }

    /// <summary>One token: its feature vector and (for training) its label id.</summary>
    public sealed class TokenRow
    {
        public VBuffer<float> Features { get; set; }

        public uint Label { get; set; }
    }

    /// <summary>The label ids 0–8, so that key k+1 is label id k.</summary>
    public sealed class LabelRow
    {
        public uint Label { get; set; }
    }

    /// <summary>Microsoft.ML's output: one score per label, in label id order.</summary>
    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
