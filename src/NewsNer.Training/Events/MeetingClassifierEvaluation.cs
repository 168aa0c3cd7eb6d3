using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using NewsNer.Pipeline;

namespace NewsNer.Training.Events;

/// <summary>Accuracy and per-label F1 of one way of labelling the statements.</summary>
/// <param name="Name">The labeller.</param>
/// <param name="Accuracy">Share of sentences labelled right.</param>
/// <param name="MacroF1">Mean F1 over the four labels.</param>
/// <param name="F1">F1 of each label.</param>
public sealed record LabellerScore(string Name, double Accuracy, double MacroF1, IReadOnlyDictionary<StatementLabel, double> F1);

/// <summary>The comparison of the rules with a learned classifier on a statement set.</summary>
/// <param name="Sentences">Number of labelled sentences.</param>
/// <param name="Folds">Cross-validation folds.</param>
/// <param name="Rules">The rules (no training; scored on the same folds).</param>
/// <param name="Learned">Microsoft.ML maximum entropy (L-BFGS) over the rules' raw evidence, cross-validated.</param>
/// <param name="LearnedFromText">Microsoft.ML maximum entropy (L-BFGS) over word and character n-grams of the sentence alone.</param>
public sealed record MeetingClassifierReport(int Sentences, int Folds, LabellerScore Rules, LabellerScore Learned, LabellerScore LearnedFromText)
{
    /// <summary>A plain-text table of the comparison.</summary>
    public string ToTable()
    {
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"{Sentences} sentences, {Folds}-fold cross-validation");
        builder.AppendLine("labeller                     accuracy  macro-F1  F1 none  F1 reported  F1 planned  F1 past");
        foreach (var score in new[] { Rules, Learned, LearnedFromText })
        {
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"{score.Name,-28} {score.Accuracy,8:0.000}  {score.MacroF1,8:0.000}  {score.F1[StatementLabel.None],7:0.000}  {score.F1[StatementLabel.Reported],11:0.000}  {score.F1[StatementLabel.Planned],10:0.000}  {score.F1[StatementLabel.Past],7:0.000}");
        }

        return builder.ToString();
    }
}

/// <summary>
/// Measures whether a learned classifier would beat the rules at telling, for a sentence, whether it states a meeting
/// and with which status: k-fold cross-validation of Microsoft.ML's L-BFGS maximum entropy over
/// <see cref="MeetingFeatures"/> (plus the trigger lemma, one-hot), against the rules scored on the same folds.
/// Deterministic for a given seed.
/// </summary>
public static class MeetingClassifierEvaluation
{
    /// <summary>Runs the comparison on a statement set file.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is below 2 or above the number of sentences.</exception>
    public static MeetingClassifierReport Run(string path, int folds = 5, int seed = 1)
    {
        var set = MeetingStatementSet.Load(path);
        if (folds < 2 || folds > set.Statements.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "Between 2 and the number of sentences.");
        }

        var pipeline = set.CreatePipeline();
        var names = new NameListStage(NameListStage.Parse(set.Names));
        var rows = set.Statements.Select(s =>
        {
            var (values, lemma) = MeetingFeatures.Of(s.Text, names);
            return new Row { Label = s.Label.ToString(), Features = values, Lemma = lemma.Length == 0 ? "-" : lemma, Text = s.Text };
        }).ToList();
        var rules = set.Statements.Select(s => MeetingStatementSet.RuleLabel(pipeline.Process(s.Text))).ToList();

        // Folds by a seeded shuffle, so that each label spreads over them.
        var order = Enumerable.Range(0, rows.Count).ToArray();
        new Random(seed).Shuffle(order);
        var learned = new StatementLabel[rows.Count];
        var fromText = new StatementLabel[rows.Count];
        var ml = new MLContext(seed);
        for (var fold = 0; fold < folds; fold++)
        {
            var test = order.Where((_, i) => i % folds == fold).ToHashSet();
            var train = ml.Data.LoadFromEnumerable(rows.Where((_, i) => !test.Contains(i)));
            var trainer = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(Row.Label))
                .Append(ml.Transforms.Categorical.OneHotEncoding("LemmaVector", nameof(Row.Lemma)))
                .Append(ml.Transforms.Concatenate("AllFeatures", nameof(Row.Features), "LemmaVector"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey", "AllFeatures"))
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
            var model = trainer.Fit(train);
            var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
            var textModel = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(Row.Label))
                .Append(ml.Transforms.Text.FeaturizeText("TextVector", nameof(Row.Text)))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey", "TextVector"))
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
                .Fit(train);
            var textEngine = ml.Model.CreatePredictionEngine<Row, Prediction>(textModel);
            foreach (var i in test)
            {
                learned[i] = Enum.Parse<StatementLabel>(engine.Predict(rows[i]).PredictedLabel ?? nameof(StatementLabel.None));
                fromText[i] = Enum.Parse<StatementLabel>(textEngine.Predict(rows[i]).PredictedLabel ?? nameof(StatementLabel.None));
            }
        }

        var gold = set.Statements.Select(s => s.Label).ToList();
        return new MeetingClassifierReport(
            rows.Count, folds, Score("rules", gold, rules), Score("ML.NET maxent, rule evidence", gold, learned), Score("ML.NET maxent, text n-grams", gold, fromText));
    }

    private static LabellerScore Score(string name, IReadOnlyList<StatementLabel> gold, IReadOnlyList<StatementLabel> predicted)
    {
        var f1 = new Dictionary<StatementLabel, double>();
        foreach (var label in Enum.GetValues<StatementLabel>())
        {
            var tp = gold.Where((g, i) => g == label && predicted[i] == label).Count();
            var fp = predicted.Where((p, i) => p == label && gold[i] != label).Count();
            var fn = gold.Where((g, i) => g == label && predicted[i] != label).Count();
            var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            f1[label] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }

        var accuracy = (double)gold.Where((g, i) => g == predicted[i]).Count() / gold.Count;
        return new LabellerScore(name, accuracy, f1.Values.Average(), f1);
    }

    private sealed class Row
    {
        public string Label { get; set; } = string.Empty;

        [VectorType(MeetingFeatures.Count)]
        public float[] Features { get; set; } = [];

        public string Lemma { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;
    }

    private sealed class Prediction
    {
        public string? PredictedLabel { get; set; }
    }
}
