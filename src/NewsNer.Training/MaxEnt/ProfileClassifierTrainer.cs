using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using NewsNer.Entities;

namespace NewsNer.Training.MaxEnt;

/// <summary>
/// Trains the <see cref="ProfileClassifier"/> of a multi-profile model with Microsoft.ML (<c>LbfgsMaximumEntropy</c>):
/// each training sentence (corpus tokens) is an example labelled with its source's domain; classes are balanced by
/// example weights (so a small corpus is not drowned by a large one) and at most <see cref="MaxPerDomain"/> evenly spaced
/// sentences of a domain are used. Deterministic for a seed.
/// </summary>
internal static class ProfileClassifierTrainer
{
    public const int MaxPerDomain = 8000;

    /// <summary>Trains the classifier, or returns null when there are fewer than two domains.</summary>
    public static ProfileClassifier? Train(IReadOnlyList<TrainingSentence> sentences, IReadOnlyList<TrainingSource> sources, int seed, Action<string> log)
    {
        var domains = sentences.Where(s => s.Domain is not null).Select(s => s.Domain!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (domains.Length < 2)
        {
            return null;
        }

        var byDomain = domains.Select(d => sentences.Where(s => s.Domain == d && !s.IsRetokenized).ToList()).ToArray();
        var rows = new List<Row>();
        var features = new HashSet<int>();
        for (var c = 0; c < domains.Length; c++)
        {
            var list = byDomain[c];
            var take = Math.Min(list.Count, MaxPerDomain);
            var weight = (float)MaxPerDomain / Math.Max(1, take);
            for (var k = 0; k < take; k++)
            {
                var sentence = list[(int)((long)k * list.Count / take)];
                features.Clear();
                ProfileClassifier.Features(sentence.Tokens, features);
                var indices = features.Order().ToArray();
                var values = new float[indices.Length];
                Array.Fill(values, 1f);
                rows.Add(new Row { Features = new VBuffer<float>(ProfileClassifier.Dimensions, indices.Length, values, indices), Label = (uint)c, Weight = weight });
            }
        }

        log($"profile classifier: {rows.Count} sentences, classes {string.Join(", ", domains.Select((d, c) => $"{d} ({Math.Min(byDomain[c].Count, MaxPerDomain)})"))}");
        var context = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, ProfileClassifier.Dimensions);
        var data = context.Data.Cache(context.Data.LoadFromEnumerable(rows, schema));
        var keys = context.Data.LoadFromEnumerable(Enumerable.Range(0, domains.Length).Select(c => new KeyRow { Label = (uint)c }));
        var pipeline = context.Transforms.Conversion.MapValueToKey("LabelKey", nameof(Row.Label), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue, keyData: keys)
            .Append(context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey",
                FeatureColumnName = nameof(Row.Features),
                ExampleWeightColumnName = nameof(Row.Weight),
                L2Regularization = 1f,
                L1Regularization = 0,
                MaximumNumberOfIterations = 200,
                NumberOfThreads = 1,
            }));
        var model = pipeline.Fit(data).LastTransformer.Model;
        VBuffer<float>[] classWeights = [];
        model.GetWeights(ref classWeights, out var classes);
        if (classes != domains.Length)
        {
            throw new InvalidOperationException($"Expected {domains.Length} classes from Microsoft.ML, got {classes}.");
        }

        var weights = new float[ProfileClassifier.Dimensions * classes];
        for (var c = 0; c < classes; c++)
        {
            foreach (var item in classWeights[c].Items())
            {
                weights[(item.Key * classes) + c] = item.Value;
            }
        }

        var types = domains.Select(d => Enum.GetValues<EntityType>()
            .Where(t => sources.Any(s => s.Domain == d && !(s.Unlabeled ?? []).Contains(t))).ToArray()).ToArray();
        return new ProfileClassifier(domains, types, weights, model.GetBiases().ToArray());
    }

    private sealed class Row
    {
        public VBuffer<float> Features { get; set; }

        public uint Label { get; set; }

        public float Weight { get; set; }
    }

    private sealed class KeyRow
    {
        public uint Label { get; set; }
    }
}
