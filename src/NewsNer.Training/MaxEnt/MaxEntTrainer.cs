using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using NewsNer.Entities;
using NewsNer.Training.Crf;
using Newtonsoft.Json;

namespace NewsNer.Training.MaxEnt;

/// <summary>
/// The Microsoft.ML baseline: a multiclass maximum-entropy classifier (<c>LbfgsMaximumEntropy</c>) over each token's
/// hashed features, exported into NewsNer's model format. Its class scores become the emission scores; transition,
/// start and end scores are log-probabilities of label bigrams counted in the training data, so decoding is the same
/// BIO-constrained Viterbi as for the CRF.
/// </summary>
internal static class MaxEntTrainer
{
    private const int L = NerLabels.Count;

    public static NerModel Train(FeatureTable table, IReadOnlyList<TrainingSentence> sentences, NerTrainingOptions options, ulong lexiconId, Dictionary<string, object?> metadata, Action<string> log)
    {
        var context = new MLContext(options.Seed);
        var schema = SchemaDefinition.Create(typeof(TokenRow));
        schema[nameof(TokenRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, table.FeatureCount);
        var data = context.Data.Cache(context.Data.LoadFromEnumerable(Rows(table, sentences), schema));

        // Label ids 0..8 become keys 1..9 in that order (the key data lists every label, so none is skipped).
        var labels = context.Data.LoadFromEnumerable(Enumerable.Range(0, L).Select(y => new LabelRow { Label = (uint)y }));
        var toKey = context.Transforms.Conversion.MapValueToKey("LabelKey", nameof(TokenRow.Label), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue, keyData: labels);
        var trainer = context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "LabelKey",
            FeatureColumnName = nameof(TokenRow.Features),
            L2Regularization = (float)options.L2,
            L1Regularization = 0,
            MaximumNumberOfIterations = options.MaxIterations,
            OptimizationTolerance = (float)options.Tolerance,
            NumberOfThreads = options.Threads,
            ShowTrainingStatistics = false,
        });
        log("training Microsoft.ML LbfgsMaximumEntropy...");
        var transformer = toKey.Append(trainer).Fit(data);
        var parameters = transformer.LastTransformer.Model;
        VBuffer<float>[] classWeights = [];
        parameters.GetWeights(ref classWeights, out var classes);
        var biases = parameters.GetBiases().ToArray();
        if (classes != L)
        {
            throw new InvalidOperationException($"Expected {L} classes from Microsoft.ML, got {classes}.");
        }

        log($"Microsoft.ML model: {classes} classes, biases [{string.Join(", ", biases.Select(b => b.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}], largest weight {classWeights.Max(v => v.DenseValues().Max(Math.Abs)):0.000}");
        var x = new double[(table.FeatureCount * L) + (L * L) + (2 * L)];
        for (var y = 0; y < L; y++)
        {
            foreach (var item in classWeights[y].Items())
            {
                x[(item.Key * L) + y] = item.Value;
            }
        }

        // The bias rides on the bias feature, which every token has.
        var biasKey = FeatureHash.Mix(0, 1);
        var biasId = Array.IndexOf(table.Keys, biasKey);
        if (biasId >= 0)
        {
            for (var y = 0; y < L; y++)
            {
                x[(biasId * L) + y] += biases[y];
            }
        }

        EstimateTransitions(sentences, x.AsSpan(table.FeatureCount * L));
        metadata["trainer"] = "Microsoft.ML LbfgsMaximumEntropy";
        return NerTrainer.Export(table, x, table.FeatureCount * L, options.PruneThreshold, lexiconId, JsonConvert.SerializeObject(metadata), NerTrainer.Domains(options), options.DefaultProfile);
    }

    // log P(label | previous label), log P(first label), log P(end | last label), add-one smoothed over valid transitions.
    private static void EstimateTransitions(IReadOnlyList<TrainingSentence> sentences, Span<double> x)
    {
        var pair = new double[L * L];
        var start = new double[L];
        var end = new double[L];
        foreach (var s in sentences)
        {
            start[s.Labels[0]]++;
            end[s.Labels[^1]]++;
            for (var i = 1; i < s.Labels.Length; i++)
            {
                pair[(s.Labels[i - 1] * L) + s.Labels[i]]++;
            }
        }

        for (var p = 0; p < L; p++)
        {
            var total = end[p] + 1;
            for (var y = 0; y < L; y++)
            {
                total += NerDecoder.Allowed[(p * L) + y] ? pair[(p * L) + y] + 1 : 0;
            }

            for (var y = 0; y < L; y++)
            {
                x[(p * L) + y] = NerDecoder.Allowed[(p * L) + y] ? Math.Log((pair[(p * L) + y] + 1) / total) : 0;
            }

            x[(L * L) + L + p] = Math.Log((end[p] + 1) / total);
        }

        var starts = start.Sum() + L;
        for (var y = 0; y < L; y++)
        {
            x[(L * L) + y] = Math.Log((start[y] + 1) / starts);
        }
    }

    private static IEnumerable<TokenRow> Rows(FeatureTable table, IReadOnlyList<TrainingSentence> sentences)
    {
        var token = 0;
        for (var s = 0; s < sentences.Count; s++)
        {
            foreach (var label in sentences[s].Labels)
            {
                var from = table.TokenStarts[token];
                var to = table.TokenStarts[token + 1];
                var indices = table.Ids.AsSpan(from, to - from).ToArray();
                Array.Sort(indices);
                var unique = indices.Length == 0 ? 0 : 1;
                for (var k = 1; k < indices.Length; k++)
                {
                    if (indices[k] != indices[unique - 1])
                    {
                        indices[unique++] = indices[k];
                    }
                }

                var values = new float[unique];
                Array.Fill(values, 1f);
                yield return new TokenRow
                {
                    Features = new VBuffer<float>(table.FeatureCount, unique, values, indices[..unique]),
                    Label = (uint)label,
                };
                token++;
            }
        }
    }

    private sealed class LabelRow
    {
        public uint Label { get; set; }
    }

    private sealed class TokenRow
    {
        public VBuffer<float> Features { get; set; }

        public uint Label { get; set; }
    }
}
