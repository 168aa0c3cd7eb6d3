using NewsNer.Events.Decisions;
using NewsNer.Training.Events;

namespace NewsNer.Tests.Events;

/// <summary>
/// The learned event decisions: each learner's export into the library's format agrees with Microsoft.ML (checked by the
/// trainer itself, which throws otherwise) and learns a signal; models survive writing and reading unchanged; training is
/// deterministic; the shipped model is the one the default pipeline uses.
/// </summary>
public class EventModelTests
{
    /// <summary>Examples whose label is "feature 1 and not feature 2", among noise features: learnable by every learner.</summary>
    private static List<Example> Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        var features = new FeatureVector();
        var examples = new List<Example>(count);
        for (var i = 0; i < count; i++)
        {
            features.Clear();
            var first = random.Next(2) == 1;
            var second = random.Next(3) == 0;
            features.Add(1);
            features.AddIf(2, first);
            features.AddIf(3, second);
            features.Add(4, random.Next(20));
            examples.Add(Example.From(features, first && !second ? 1 : 0, $"a{i % 17}", 0));
        }

        return examples;
    }

    [Theory]
    [InlineData(DecisionLearner.MaxEnt)]
    [InlineData(DecisionLearner.FastTree)]
    [InlineData(DecisionLearner.LightGbm)]
    [InlineData(DecisionLearner.Perceptron)]
    public void Every_learner_exports_a_model_that_learns_the_signal_and_reads_back_the_same(DecisionLearner learner)
    {
        var model = DecisionTrainer.Train(Synthetic(600, 1), 2, learner, seed: 1);
        Assert.NotNull(model);

        var held = Synthetic(200, 2);
        var features = new FeatureVector();
        var correct = 0;
        var read = RoundTrip(model);
        foreach (var example in held)
        {
            DecisionTrainer.Load(features, example);
            var probability = model.Probability(features);
            Assert.Equal(probability, read.Probability(features));
            correct += (probability >= 0.5f) == (example.Label == 1) ? 1 : 0;
        }

        Assert.True(correct >= 190, $"{learner}: {correct}/200 held-out examples right");
    }

    [Theory]
    [InlineData(DecisionLearner.MaxEnt)]
    [InlineData(DecisionLearner.FastTree)]
    public void A_bagged_model_averages_bootstrap_models_learns_the_signal_and_reads_back_the_same(DecisionLearner learner)
    {
        var examples = Synthetic(600, 1);
        var bagged = DecisionTrainer.Train(examples, 2, learner, seed: 1, bags: 4)!;

        // Bagged linear models are one linear model (the mean of their log-odds); others stay a mean of members.
        Assert.IsType(learner == DecisionLearner.MaxEnt ? typeof(LinearDecisionModel) : typeof(AveragedDecisionModel), bagged);
        var single = DecisionTrainer.Train(examples, 2, learner, seed: 1)!;
        var read = RoundTrip(bagged);
        var features = new FeatureVector();
        var correct = 0;
        var differs = false;
        foreach (var example in Synthetic(200, 2))
        {
            DecisionTrainer.Load(features, example);
            var probability = bagged.Probability(features);
            Assert.Equal(probability, read.Probability(features));
            differs |= Math.Abs(probability - single.Probability(features)) > 1e-4;
            correct += (probability >= 0.5f) == (example.Label == 1) ? 1 : 0;
        }

        Assert.True(correct >= 190, $"{correct}/200 held-out examples right");
        // Trees fit this separable signal the same way on every sample; linear models' weights move with the sample.
        Assert.True(differs || learner != DecisionLearner.MaxEnt, "bootstrap members should not all equal the model trained on everything");
        Assert.Equal(Bytes(bagged), Bytes(DecisionTrainer.Train(examples, 2, learner, seed: 1, bags: 4)!));
    }

    [Fact]
    public void The_mean_of_linear_models_log_odds_is_one_linear_model()
    {
        var members = new[] { 1, 2, 3 }.Select(seed => (LinearDecisionModel)DecisionTrainer.Train(Synthetic(300, seed), 2, DecisionLearner.MaxEnt, seed: 1)!).ToList();
        var mean = LinearDecisionModel.AverageOfLogits(members);
        var features = new FeatureVector();
        foreach (var example in Synthetic(50, 9))
        {
            DecisionTrainer.Load(features, example);
            var logOdds = members.Average(m => Math.Log(m.Probability(features) / (1 - m.Probability(features))));
            Assert.Equal(1 / (1 + Math.Exp(-logOdds)), mean.Probability(features), 3);
        }
    }

    [Fact]
    public void A_multiclass_maximum_entropy_model_gives_probabilities_that_sum_to_one()
    {
        var examples = Synthetic(600, 3).Select(e => e with { Label = e.Label == 1 ? 2 : e.Indices.Length % 2 }).ToList();
        var model = DecisionTrainer.Train(examples, 3, DecisionLearner.MaxEnt, seed: 1)!;
        var features = new FeatureVector();
        DecisionTrainer.Load(features, examples[0]);
        Span<float> probabilities = stackalloc float[3];
        model.Probabilities(features, probabilities);
        Assert.Equal(1f, probabilities[0] + probabilities[1] + probabilities[2], 3);
        Assert.Equal(3, RoundTrip(model).Classes);
    }

    [Fact]
    public void Training_twice_with_the_same_seed_gives_the_same_model()
    {
        foreach (var learner in new[] { DecisionLearner.MaxEnt, DecisionLearner.LightGbm })
        {
            Assert.Equal(Bytes(DecisionTrainer.Train(Synthetic(400, 5), 2, learner, seed: 7)!), Bytes(DecisionTrainer.Train(Synthetic(400, 5), 2, learner, seed: 7)!));
        }
    }

    [Fact]
    public void The_shipped_model_reads_back_identical_and_takes_every_decision()
    {
        var shipped = EventModel.Default;
        using var first = new MemoryStream();
        shipped.Write(first);
        first.Position = 0;
        var read = EventModel.Read(first);
        using var second = new MemoryStream();
        read.Write(second);
        Assert.Equal(first.ToArray(), second.ToArray());

        Assert.NotNull(shipped.Meeting);
        Assert.NotNull(shipped.Party);
        Assert.NotNull(shipped.Role);
        Assert.NotNull(shipped.SameEncounter);
        Assert.NotNull(shipped.Place);
        Assert.NotNull(shipped.Date);
        Assert.NotNull(shipped.Host);
        Assert.NotNull(shipped.Calibration);
        Assert.Contains("307 articles", shipped.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_an_event_model_is_refused_with_a_clear_error()
    {
        using var empty = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(empty, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("NNEV"u8);
            gzip.Write(BitConverter.GetBytes(EventModel.FeatureVersion + 1));
            gzip.Write(BitConverter.GetBytes(FeatureVector.Bits));
        }

        empty.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => EventModel.Read(empty));
        Assert.Contains((EventModel.FeatureVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);

        using var text = new MemoryStream("not a model"u8.ToArray());
        Assert.ThrowsAny<InvalidDataException>(() => EventModel.Read(text));
    }

    private static DecisionModel RoundTrip(DecisionModel model)
    {
        using var stream = new MemoryStream(Bytes(model));
        using var reader = new BinaryReader(stream);
        return DecisionModel.Read(reader);
    }

    private static byte[] Bytes(DecisionModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.Write(writer);
        }

        return stream.ToArray();
    }
}

/// <summary>The isotonic calibration of event confidence.</summary>
public class ConfidenceCalibrationTests
{
    [Fact]
    public void The_fitted_map_is_monotone_and_follows_the_observed_rates()
    {
        // Scores below 0.5 are right one time in four, above it three times in four.
        var random = new Random(3);
        var outcomes = Enumerable.Range(0, 4000).Select(_ => random.NextSingle()).Select(s => (Score: s, Right: random.NextDouble() < (s < 0.5f ? 0.25 : 0.75))).ToList();
        var calibration = ConfidenceCalibration.Fit(outcomes);
        var points = calibration.Points;
        Assert.All(points.Zip(points.Skip(1)), pair => Assert.True(pair.First.Probability <= pair.Second.Probability && pair.First.Score <= pair.Second.Score));
        Assert.InRange(calibration.Probability(0.1f), 0.2f, 0.3f);
        Assert.InRange(calibration.Probability(0.9f), 0.7f, 0.8f);
        Assert.InRange(calibration.Probability(-1f), 0f, 1f);
        Assert.Equal(points[^1].Probability, calibration.Probability(2f));
    }

    [Fact]
    public void A_calibration_reads_back_the_same_and_bad_points_are_refused()
    {
        var calibration = new ConfidenceCalibration([0.2f, 0.6f, 0.9f], [0.3f, 0.5f, 0.85f]);
        Assert.Equal(0.4f, calibration.Probability(0.4f), 4);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            calibration.Write(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        Assert.Equal(calibration.Points, ConfidenceCalibration.Read(reader).Points);
        Assert.Throws<ArgumentException>(() => new ConfidenceCalibration([0.5f, 0.4f], [0.1f, 0.2f]));
        Assert.Throws<ArgumentException>(() => new ConfidenceCalibration([0.4f, 0.5f], [0.3f, 0.2f]));
    }

    [Fact]
    public void The_shipped_model_calibrates_its_confidence()
    {
        var calibration = Assert.IsType<ConfidenceCalibration>(EventModel.Default.Calibration);
        Assert.True(calibration.Points.Count >= 3);
        Assert.True(calibration.Probability(0.99f) < 0.99f, "a raw meeting probability of 0.99 is not 0.99 of events right");
    }
}
