namespace NewsNer.Events.Decisions;

/// <summary>
/// A trained scorer of one decision: the probability of each class for a <see cref="FeatureVector"/>. Trained with
/// Microsoft.ML by <c>NewsNer.Training</c> and exported into this small format, so the library needs no Microsoft.ML at
/// run time. Immutable and thread-safe.
/// </summary>
internal abstract class DecisionModel
{
    private const byte LinearKind = 1;
    private const byte TreesKind = 2;
    private const byte OneVersusRestKind = 3;
    private const byte AveragedKind = 4;

    /// <summary>Number of classes (2 for a yes/no decision, class 1 being yes).</summary>
    public abstract int Classes { get; }

    /// <summary>Writes the probability of each class (summing to 1) into <paramref name="probabilities"/>.</summary>
    public abstract void Probabilities(FeatureVector features, Span<float> probabilities);

    /// <summary>The probability of "yes" for a two-class decision.</summary>
    public float Probability(FeatureVector features)
    {
        Span<float> probabilities = stackalloc float[2];
        Probabilities(features, probabilities);
        return probabilities[1];
    }

    /// <summary>Writes the model.</summary>
    public abstract void Write(BinaryWriter writer);

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">Not a model of this format.</exception>
    public static DecisionModel Read(BinaryReader reader) => reader.ReadByte() switch
    {
        LinearKind => LinearDecisionModel.ReadBody(reader),
        TreesKind => TreeEnsembleDecisionModel.ReadBody(reader),
        OneVersusRestKind => OneVersusRestDecisionModel.ReadBody(reader),
        AveragedKind => AveragedDecisionModel.ReadBody(reader),
        var kind => throw new InvalidDataException($"unknown decision model kind {kind}"),
    };

    protected static void WriteKind(BinaryWriter writer, bool linear, bool trees) =>
        writer.Write(linear ? LinearKind : trees ? TreesKind : OneVersusRestKind);

    protected static void WriteAveragedKind(BinaryWriter writer) => writer.Write(AveragedKind);

    /// <summary>Writes a list of models (the members of a composite model).</summary>
    protected static void WriteModels(BinaryWriter writer, DecisionModel[] models)
    {
        writer.Write(models.Length);
        foreach (var model in models)
        {
            model.Write(writer);
        }
    }

    /// <summary>Reads a list written by <see cref="WriteModels"/> of <paramref name="min"/> to <paramref name="max"/> models.</summary>
    protected static DecisionModel[] ReadModels(BinaryReader reader, int min, int max, string what)
    {
        var count = reader.ReadInt32();
        if (count < min || count > max)
        {
            throw new InvalidDataException($"{what} of {count} models");
        }

        var models = new DecisionModel[count];
        for (var i = 0; i < count; i++)
        {
            models[i] = Read(reader);
        }

        return models;
    }

    /// <summary>Platt scaling of a raw score, as Microsoft.ML's PlattCalibrator: 1 / (1 + exp(slope × score + offset)).</summary>
    protected static float Platt(double score, double slope, double offset) => (float)(1.0 / (1.0 + Math.Exp((slope * score) + offset)));
}

/// <summary>
/// A linear model: for two classes one weight vector, a bias and a Platt calibration (logistic regression, averaged
/// perceptron); for more, one weight vector and bias per class and a softmax (maximum entropy).
/// </summary>
internal sealed class LinearDecisionModel : DecisionModel
{
    private readonly float[][] _weights;
    private readonly float[] _biases;
    private readonly double _slope;
    private readonly double _offset;

    /// <summary>A calibrated two-class model.</summary>
    public LinearDecisionModel(float[] weights, float bias, double slope, double offset)
        : this([weights], [bias], slope, offset)
    {
    }

    /// <summary>A softmax model over <paramref name="weights"/>.Length classes.</summary>
    public LinearDecisionModel(float[][] weights, float[] biases)
        : this(weights, biases, 0, 0)
    {
    }

    private LinearDecisionModel(float[][] weights, float[] biases, double slope, double offset)
    {
        if (weights.Length == 0 || weights.Length != biases.Length || weights.Any(w => w.Length != FeatureVector.Dimension))
        {
            throw new ArgumentException("one weight vector of the feature dimension and one bias per class", nameof(weights));
        }

        _weights = weights;
        _biases = biases;
        _slope = slope;
        _offset = offset;
    }

    public override int Classes => _weights.Length == 1 ? 2 : _weights.Length;

    /// <summary>
    /// One linear model whose scores are the mean of the members' calibrated scores (their log-odds, or their softmax
    /// inputs): a bagged ensemble of linear models is itself linear, so it costs one model's memory and time.
    /// </summary>
    public static LinearDecisionModel AverageOfLogits(IReadOnlyList<LinearDecisionModel> members)
    {
        if (members.Count == 0 || members.Any(m => m._weights.Length != members[0]._weights.Length))
        {
            throw new ArgumentException("an average needs members with the same classes", nameof(members));
        }

        var classes = members[0]._weights.Length;
        var weights = new float[classes][];
        var biases = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            var sum = new double[FeatureVector.Dimension];
            double bias = 0;
            foreach (var member in members)
            {
                // Two classes: the log-odds of "no" are slope × (w·x + b) + offset (see Platt), so the slope scales the
                // weights and the offset joins the bias; a softmax model's scores are used as they are.
                var scale = classes == 1 ? member._slope : 1;
                var shift = classes == 1 ? member._offset : 0;
                var memberWeights = member._weights[c];
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += scale * memberWeights[i];
                }

                bias += (scale * member._biases[c]) + shift;
            }

            weights[c] = [.. sum.Select(w => (float)(w / members.Count))];
            biases[c] = (float)(bias / members.Count);
        }

        return classes == 1 ? new LinearDecisionModel(weights[0], biases[0], 1, 0) : new LinearDecisionModel(weights, biases);
    }

    /// <summary>The raw score of class <paramref name="c"/> (the margin, before calibration or softmax).</summary>
    public double Score(FeatureVector features, int c)
    {
        var weights = _weights[c];
        double sum = _biases[c];
        var indices = features.Indices;
        var values = features.Values;
        for (var i = 0; i < indices.Length; i++)
        {
            sum += weights[indices[i]] * values[i];
        }

        return sum;
    }

    public override void Probabilities(FeatureVector features, Span<float> probabilities)
    {
        if (_weights.Length == 1)
        {
            var yes = Platt(Score(features, 0), _slope, _offset);
            probabilities[0] = 1 - yes;
            probabilities[1] = yes;
            return;
        }

        Span<double> scores = stackalloc double[_weights.Length];
        var max = double.MinValue;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = Score(features, c);
            max = Math.Max(max, scores[c]);
        }

        double total = 0;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = Math.Exp(scores[c] - max);
            total += scores[c];
        }

        for (var c = 0; c < scores.Length; c++)
        {
            probabilities[c] = (float)(scores[c] / total);
        }
    }

    public override void Write(BinaryWriter writer)
    {
        WriteKind(writer, linear: true, trees: false);
        writer.Write(_weights.Length);
        writer.Write(_slope);
        writer.Write(_offset);
        for (var c = 0; c < _weights.Length; c++)
        {
            writer.Write(_biases[c]);
            var nonZero = _weights[c].Count(w => w != 0);
            writer.Write(nonZero);
            for (var i = 0; i < _weights[c].Length; i++)
            {
                if (_weights[c][i] != 0)
                {
                    writer.Write(i);
                    writer.Write(_weights[c][i]);
                }
            }
        }
    }

    internal static LinearDecisionModel ReadBody(BinaryReader reader)
    {
        var classes = reader.ReadInt32();
        var slope = reader.ReadDouble();
        var offset = reader.ReadDouble();
        if (classes is < 1 or > 64)
        {
            throw new InvalidDataException($"linear decision model with {classes} classes");
        }

        var weights = new float[classes][];
        var biases = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            biases[c] = reader.ReadSingle();
            weights[c] = new float[FeatureVector.Dimension];
            var nonZero = reader.ReadInt32();
            for (var i = 0; i < nonZero; i++)
            {
                var index = reader.ReadInt32();
                if ((uint)index >= FeatureVector.Dimension)
                {
                    throw new InvalidDataException($"feature slot {index} outside the feature space");
                }

                weights[c][index] = reader.ReadSingle();
            }
        }

        return new LinearDecisionModel(weights, biases, slope, offset);
    }
}

/// <summary>
/// A two-class ensemble of regression trees (FastTree, LightGBM) with a Platt calibration: the raw score is the
/// weighted sum of the trees' leaf values; a node sends an example left when its feature is at most the threshold.
/// </summary>
internal sealed class TreeEnsembleDecisionModel : DecisionModel
{
    private readonly RegressionTree[] _trees;
    private readonly double _bias;
    private readonly double _slope;
    private readonly double _offset;

    public TreeEnsembleDecisionModel(RegressionTree[] trees, double bias, double slope, double offset)
    {
        _trees = trees;
        _bias = bias;
        _slope = slope;
        _offset = offset;
    }

    public override int Classes => 2;

    /// <summary>The raw score: bias plus the weighted leaf values.</summary>
    public double Score(FeatureVector features)
    {
        features.Sort();
        var sum = _bias;
        foreach (var tree in _trees)
        {
            sum += tree.Weight * tree.Evaluate(features);
        }

        return sum;
    }

    public override void Probabilities(FeatureVector features, Span<float> probabilities)
    {
        var yes = Platt(Score(features), _slope, _offset);
        probabilities[0] = 1 - yes;
        probabilities[1] = yes;
    }

    public override void Write(BinaryWriter writer)
    {
        WriteKind(writer, linear: false, trees: true);
        writer.Write(_bias);
        writer.Write(_slope);
        writer.Write(_offset);
        writer.Write(_trees.Length);
        foreach (var tree in _trees)
        {
            tree.Write(writer);
        }
    }

    internal static TreeEnsembleDecisionModel ReadBody(BinaryReader reader)
    {
        var bias = reader.ReadDouble();
        var slope = reader.ReadDouble();
        var offset = reader.ReadDouble();
        var count = reader.ReadInt32();
        if (count is < 0 or > 100_000)
        {
            throw new InvalidDataException($"tree ensemble of {count} trees");
        }

        var trees = new RegressionTree[count];
        for (var t = 0; t < count; t++)
        {
            trees[t] = RegressionTree.Read(reader);
        }

        return new TreeEnsembleDecisionModel(trees, bias, slope, offset);
    }

    /// <summary>One regression tree: node i tests feature <c>Feature[i]</c>; a negative child −(k+1) is leaf k.</summary>
    internal sealed class RegressionTree(double weight, int[] feature, float[] threshold, int[] left, int[] right, double[] leaves)
    {
        public double Weight => weight;

        public double Evaluate(FeatureVector features)
        {
            if (feature.Length == 0)
            {
                return leaves.Length > 0 ? leaves[0] : 0;
            }

            var node = 0;
            while (true)
            {
                var next = features.ValueAt(feature[node]) <= threshold[node] ? left[node] : right[node];
                if (next < 0)
                {
                    return leaves[~next];
                }

                node = next;
            }
        }

        public void Write(BinaryWriter writer)
        {
            writer.Write(weight);
            writer.Write(feature.Length);
            for (var i = 0; i < feature.Length; i++)
            {
                writer.Write(feature[i]);
                writer.Write(threshold[i]);
                writer.Write(left[i]);
                writer.Write(right[i]);
            }

            writer.Write(leaves.Length);
            foreach (var leaf in leaves)
            {
                writer.Write(leaf);
            }
        }

        public static RegressionTree Read(BinaryReader reader)
        {
            var weight = reader.ReadDouble();
            var nodes = reader.ReadInt32();
            if (nodes is < 0 or > 1_000_000)
            {
                throw new InvalidDataException($"regression tree of {nodes} nodes");
            }

            var feature = new int[nodes];
            var threshold = new float[nodes];
            var left = new int[nodes];
            var right = new int[nodes];
            for (var i = 0; i < nodes; i++)
            {
                feature[i] = reader.ReadInt32();
                threshold[i] = reader.ReadSingle();
                left[i] = reader.ReadInt32();
                right[i] = reader.ReadInt32();
            }

            var leaves = new double[reader.ReadInt32()];
            for (var i = 0; i < leaves.Length; i++)
            {
                leaves[i] = reader.ReadDouble();
            }

            for (var i = 0; i < nodes; i++)
            {
                if ((uint)feature[i] >= FeatureVector.Dimension || left[i] >= nodes || right[i] >= nodes || ~left[i] >= leaves.Length || ~right[i] >= leaves.Length
                    || (left[i] >= 0 && left[i] <= i) || (right[i] >= 0 && right[i] <= i))
                {
                    throw new InvalidDataException("malformed regression tree");
                }
            }

            return new RegressionTree(weight, feature, threshold, left, right, leaves);
        }
    }
}

/// <summary>Several classes from one two-class model per class ("this class or another"), normalized to sum to 1.</summary>
internal sealed class OneVersusRestDecisionModel(DecisionModel[] perClass) : DecisionModel
{
    public override int Classes => perClass.Length;

    public override void Probabilities(FeatureVector features, Span<float> probabilities)
    {
        var total = 0f;
        for (var c = 0; c < perClass.Length; c++)
        {
            probabilities[c] = perClass[c].Probability(features);
            total += probabilities[c];
        }

        for (var c = 0; c < perClass.Length; c++)
        {
            probabilities[c] = total > 0 ? probabilities[c] / total : 1f / perClass.Length;
        }
    }

    public override void Write(BinaryWriter writer)
    {
        WriteKind(writer, linear: false, trees: false);
        WriteModels(writer, perClass);
    }

    internal static OneVersusRestDecisionModel ReadBody(BinaryReader reader)
    {
        var models = ReadModels(reader, 2, 64, "one-versus-rest model");
        if (models.Any(m => m.Classes != 2))
        {
            throw new InvalidDataException("a one-versus-rest member must be a two-class model");
        }

        return new OneVersusRestDecisionModel(models);
    }
}

/// <summary>
/// The mean of several models of one decision, each trained on a bootstrap sample of the training articles (bagging): the
/// decisions of a cascade with thresholds are unstable under small changes of the training data, and the mean is not.
/// Used for models that are not linear (trees); bagged linear models become one (<see cref="LinearDecisionModel.AverageOfLogits"/>).
/// </summary>
internal sealed class AveragedDecisionModel : DecisionModel
{
    private readonly DecisionModel[] _members;

    /// <summary>The mean of <paramref name="members"/> (at least one, all with the same number of classes).</summary>
    public AveragedDecisionModel(DecisionModel[] members)
    {
        if (members.Length == 0 || members.Any(m => m.Classes != members[0].Classes))
        {
            throw new ArgumentException("an average needs members with the same classes", nameof(members));
        }

        _members = members;
    }

    public override int Classes => _members[0].Classes;

    public override void Probabilities(FeatureVector features, Span<float> probabilities)
    {
        Span<float> member = stackalloc float[Classes];
        probabilities[..Classes].Clear();
        foreach (var model in _members)
        {
            model.Probabilities(features, member);
            for (var c = 0; c < member.Length; c++)
            {
                probabilities[c] += member[c] / _members.Length;
            }
        }
    }

    public override void Write(BinaryWriter writer)
    {
        WriteAveragedKind(writer);
        WriteModels(writer, _members);
    }

    internal static AveragedDecisionModel ReadBody(BinaryReader reader)
    {
        var members = ReadModels(reader, 1, 256, "average");
        try
        {
            return new AveragedDecisionModel(members);
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException(error.Message, error);
        }
    }
}
