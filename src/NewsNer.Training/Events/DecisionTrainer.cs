using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using NewsNer.Events.Decisions;

namespace NewsNer.Training.Events;

/// <summary>The learners a decision can be trained with (all Microsoft.ML).</summary>
public enum DecisionLearner
{
    /// <summary>No model: the rules decide.</summary>
    Rules,

    /// <summary>L-BFGS logistic regression (two classes) or maximum entropy (more), L2-regularized.</summary>
    MaxEnt,

    /// <summary>FastTree gradient-boosted trees (one per class against the rest for more than two classes).</summary>
    FastTree,

    /// <summary>LightGBM gradient-boosted trees (one per class against the rest for more than two classes).</summary>
    LightGbm,

    /// <summary>Averaged perceptron with Platt calibration (one per class against the rest for more than two classes).</summary>
    Perceptron,
}

/// <summary>
/// Trains one decision with Microsoft.ML and exports it into the library's <see cref="DecisionModel"/> format; then
/// checks, on the training examples, that the exported model gives the probabilities Microsoft.ML gives (the served
/// model is the trained one). Deterministic for a seed (one thread).
/// </summary>
internal static class DecisionTrainer
{
    private sealed class Row
    {
        public bool Label { get; set; }

        public uint Class { get; set; }

        [VectorType(FeatureVector.Dimension)]
        public VBuffer<float> Features { get; set; }
    }

    private sealed class BinaryOutput
    {
        public float Probability { get; set; }
    }

    private sealed class KeyRow
    {
        public uint Class { get; set; }
    }

    private sealed class ScoreOutput
    {
        public float Score { get; set; }
    }

    private sealed class ScoreRow
    {
        public bool Label { get; set; }

        [VectorType(1)]
        public float[] Features { get; set; } = [];
    }

    private sealed class MulticlassOutput
    {
        public float[] Score { get; set; } = [];
    }

    /// <summary>Trains a model of <paramref name="classes"/> classes, or returns null for <see cref="DecisionLearner.Rules"/>.</summary>
    public static DecisionModel? Train(IReadOnlyList<Example> examples, int classes, DecisionLearner learner, int seed, int bags)
    {
        if (bags <= 1 || learner == DecisionLearner.Rules || examples.Count == 0)
        {
            return Train(examples, classes, learner, seed);
        }

        // Bootstrap samples of the articles (not of the examples: an article's examples are not independent).
        var byArticle = examples.GroupBy(e => e.Article, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var members = new DecisionModel[bags];
        for (var b = 0; b < bags; b++)
        {
            var random = new Random((seed * 7919) + b);
            var sample = new List<Example>(examples.Count);
            for (var i = 0; i < byArticle.Count; i++)
            {
                sample.AddRange(byArticle[random.Next(byArticle.Count)]);
            }

            members[b] = Train(sample, classes, learner, seed)!;
        }

        return members.All(m => m is LinearDecisionModel)
            ? LinearDecisionModel.AverageOfLogits([.. members.Cast<LinearDecisionModel>()])
            : new AveragedDecisionModel(members);
    }

    /// <summary>Trains a model of <paramref name="classes"/> classes, or returns null for <see cref="DecisionLearner.Rules"/>.</summary>
    public static DecisionModel? Train(IReadOnlyList<Example> examples, int classes, DecisionLearner learner, int seed)
    {
        if (learner == DecisionLearner.Rules || examples.Count == 0)
        {
            return null;
        }

        if (classes == 2)
        {
            return TrainBinary(examples, e => e.Label == 1, learner, seed);
        }

        if (learner == DecisionLearner.MaxEnt)
        {
            return TrainMaxEnt(examples, classes, seed);
        }

        var perClass = new DecisionModel[classes];
        for (var c = 0; c < classes; c++)
        {
            var target = c;
            perClass[c] = TrainBinary(examples, e => e.Label == target, learner, seed);
        }

        return new OneVersusRestDecisionModel(perClass);
    }

    private static DecisionModel TrainBinary(IReadOnlyList<Example> examples, Func<Example, bool> positive, DecisionLearner learner, int seed)
    {
        var context = new MLContext(seed);
        var rows = examples.Select(e => new Row { Label = positive(e), Features = ToVector(e) }).ToList();
        if (rows.All(r => r.Label) || rows.All(r => !r.Label))
        {
            // One class only: a constant model (a bias that gives that class).
            var weights = new float[FeatureVector.Dimension];
            return new LinearDecisionModel(weights, 0f, 0, rows[0].Label ? -5 : 5);
        }

        var data = context.Data.LoadFromEnumerable(rows);
        DecisionModel model;
        ITransformer transformer;
        switch (learner)
        {
            case DecisionLearner.MaxEnt:
            {
                var fitted = context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    L2Regularization = 1f,
                    L1Regularization = 0f,
                    NumberOfThreads = 1,
                    MaximumNumberOfIterations = 300,
                }).Fit(data);
                var linear = fitted.Model.SubModel;
                model = new LinearDecisionModel([.. linear.Weights], linear.Bias, fitted.Model.Calibrator.Slope, fitted.Model.Calibrator.Offset);
                transformer = fitted;
                break;
            }

            case DecisionLearner.Perceptron:
            {
                var trainer = context.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options { NumberOfIterations = 10, Shuffle = false });
                var raw = trainer.Fit(data);

                // Platt scaling: a logistic regression on the one raw score (probability = 1 / (1 + exp(slope × score + offset))).
                var scores = context.Data.CreateEnumerable<ScoreOutput>(raw.Transform(data), reuseRowObject: false).Select(o => o.Score).ToList();
                var platt = context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, L2Regularization = 1e-4f })
                    .Fit(context.Data.LoadFromEnumerable(rows.Select((r, i) => new ScoreRow { Label = r.Label, Features = [scores[i]] })));
                var slope = -(double)platt.Model.SubModel.Weights[0];
                var offset = -(double)platt.Model.SubModel.Bias;
                model = new LinearDecisionModel([.. raw.Model.Weights], raw.Model.Bias, slope, offset);
                Verify(scores, examples, raw.Model.Weights, raw.Model.Bias);
                return model;
            }

            case DecisionLearner.FastTree:
            {
                var fitted = context.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    NumberOfTrees = 150,
                    NumberOfLeaves = 12,
                    MinimumExampleCountPerLeaf = 5,
                    LearningRate = 0.1,
                    NumberOfThreads = 1,
                    Seed = seed,
                    FeatureFraction = 1,
                }).Fit(data);
                model = Trees(fitted.Model.SubModel.TrainedTreeEnsemble, fitted.Model.Calibrator);
                transformer = fitted;
                break;
            }

            case DecisionLearner.LightGbm:
            {
                var fitted = context.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    NumberOfIterations = 150,
                    NumberOfLeaves = 12,
                    MinimumExampleCountPerLeaf = 5,
                    LearningRate = 0.1,
                    NumberOfThreads = 1,
                    Seed = seed,
                    Verbose = false,
                    Silent = true,
                }).Fit(data);
                model = Trees(fitted.Model.SubModel.TrainedTreeEnsemble, fitted.Model.Calibrator);
                transformer = fitted;
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(learner), learner, "not a two-class learner");
        }

        Verify(context, transformer.Transform(data), examples, model);
        return model;
    }

    private static DecisionModel TrainMaxEnt(IReadOnlyList<Example> examples, int classes, int seed)
    {
        var context = new MLContext(seed);
        var rows = examples.Select(e => new Row { Class = (uint)e.Label, Features = ToVector(e) }).ToList();

        // Keys 1..classes in class order, whatever classes the examples hold: ValueToKey over the full range.
        var data = context.Data.LoadFromEnumerable(rows);
        var keys = context.Data.LoadFromEnumerable(Enumerable.Range(0, classes).Select(c => new KeyRow { Class = (uint)c }));
        var pipeline = context.Transforms.Conversion.MapValueToKey("Label", nameof(Row.Class), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue, keyData: keys)
            .Append(context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                L2Regularization = 1f,
                L1Regularization = 0f,
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 300,
            }));
        var fitted = pipeline.Fit(data);
        var parameters = fitted.LastTransformer.Model;
        VBuffer<float>[] weights = [];
        parameters.GetWeights(ref weights, out var count);
        var biases = parameters.GetBiases().ToArray();
        var dense = new float[count][];
        for (var c = 0; c < count; c++)
        {
            dense[c] = new float[FeatureVector.Dimension];
            weights[c].CopyTo(dense[c]);
        }

        var model = new LinearDecisionModel(dense, biases);
        var scored = context.Data.CreateEnumerable<MulticlassOutput>(fitted.Transform(data), reuseRowObject: false).Take(200).ToList();
        var features = new FeatureVector();
        var probabilities = new float[count];
        for (var i = 0; i < scored.Count; i++)
        {
            Load(features, examples[i]);
            model.Probabilities(features, probabilities);
            for (var c = 0; c < count; c++)
            {
                if (Math.Abs(probabilities[c] - scored[i].Score[c]) > 2e-3)
                {
                    throw new InvalidOperationException($"exported maximum-entropy model disagrees with Microsoft.ML: example {i} class {c}: {probabilities[c]} vs {scored[i].Score[c]}");
                }
            }
        }

        return model;
    }

    private static TreeEnsembleDecisionModel Trees(RegressionTreeEnsemble ensemble, PlattCalibrator calibrator)
    {
        var trees = new TreeEnsembleDecisionModel.RegressionTree[ensemble.Trees.Count];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = ensemble.Trees[t];
            var nodes = tree.NumberOfNodes;
            if (tree.CategoricalSplitFlags.Any(f => f))
            {
                throw new InvalidOperationException("categorical splits are not exported (the features are numeric)");
            }

            trees[t] = new TreeEnsembleDecisionModel.RegressionTree(
                ensemble.TreeWeights[t],
                [.. tree.NumericalSplitFeatureIndexes.Take(nodes)],
                [.. tree.NumericalSplitThresholds.Take(nodes)],
                [.. tree.LeftChild.Take(nodes)],
                [.. tree.RightChild.Take(nodes)],
                [.. tree.LeafValues]);
        }

        return new TreeEnsembleDecisionModel(trees, ensemble.Bias, calibrator.Slope, calibrator.Offset);
    }

    private static void Verify(MLContext context, IDataView scored, IReadOnlyList<Example> examples, DecisionModel model)
    {
        var outputs = context.Data.CreateEnumerable<BinaryOutput>(scored, reuseRowObject: false).Take(200).ToList();
        var features = new FeatureVector();
        for (var i = 0; i < outputs.Count; i++)
        {
            Load(features, examples[i]);
            var mine = model.Probability(features);
            if (Math.Abs(mine - outputs[i].Probability) > 2e-3)
            {
                throw new InvalidOperationException($"exported model disagrees with Microsoft.ML on training example {i}: {mine} vs {outputs[i].Probability}");
            }
        }
    }

    private static void Verify(List<float> scores, IReadOnlyList<Example> examples, IReadOnlyList<float> weights, float bias)
    {
        for (var i = 0; i < Math.Min(200, scores.Count); i++)
        {
            var mine = bias;
            for (var j = 0; j < examples[i].Indices.Length; j++)
            {
                mine += weights[examples[i].Indices[j]] * examples[i].Values[j];
            }

            if (Math.Abs(mine - scores[i]) > 1e-3 * Math.Max(1, Math.Abs(scores[i])))
            {
                throw new InvalidOperationException($"exported perceptron disagrees with Microsoft.ML on training example {i}: {mine} vs {scores[i]}");
            }
        }
    }

    /// <summary>Puts an example's features back into a <see cref="FeatureVector"/> (through its public slots).</summary>
    internal static void Load(FeatureVector features, Example example)
    {
        features.Clear();
        features.SetSorted(example.Indices, example.Values);
    }

    private static VBuffer<float> ToVector(Example example) =>
        new(FeatureVector.Dimension, example.Indices.Length, [.. example.Values], [.. example.Indices]);
}
