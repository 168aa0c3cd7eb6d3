using System.Globalization;

namespace NewsNer.Training.Evaluation.News;

/// <summary>Prints cross-validation scores as Markdown tables: per fold and summed, per subtype, per status, reliability.</summary>
public static class NewsScoreReport
{
    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter writer, NewsCrossValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteLine("| fold | articles | gold events | event P | event R | event F1 | host | status | place | date | entity F1 | PER F1 | LOC F1 | ORG F1 |");
        writer.WriteLine("|---|---:|---:|---:|---:|---:|---|---|---|---|---:|---:|---:|---:|");
        foreach (var (fold, score) in result.ByFold)
        {
            WriteRow(writer, fold.ToString(CultureInfo.InvariantCulture), score);
        }

        WriteRow(writer, "**all**", result.Total);
        writer.WriteLine();

        WriteCounts(writer, "subtype (tp, fn by gold subtype; fp by predicted)", result.Total.EventsBySubtype);
        WriteCounts(writer, "status (tp, fn by gold status; fp by predicted)", result.Total.EventsByStatus);

        writer.WriteLine("| confidence | events | mean confidence | observed precision |");
        writer.WriteLine("|---|---:|---:|---:|");
        foreach (var bin in result.Total.Reliability())
        {
            if (bin.Count > 0)
            {
                writer.WriteLine(F($"| {bin.Low:0.0}–{bin.High:0.0} | {bin.Count} | {bin.MeanConfidence:0.000} | {bin.Precision:0.000} |"));
            }
        }

        writer.WriteLine(F($"expected calibration error: {result.Total.CalibrationError():0.000}"));
        writer.WriteLine();
        result.Total.WriteScorerReport(writer);
    }

    /// <summary>
    /// Writes one summed row per seed of the learners and the mean and standard deviation of the event figures over the
    /// seeds: the spread a change has to exceed before it is evidence.
    /// </summary>
    public static void WriteSeeds(TextWriter writer, IReadOnlyList<(int Seed, NewsCrossValidationResult Result)> runs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(runs);
        writer.WriteLine("| seed | articles | gold events | event P | event R | event F1 | host | status | place | date | entity F1 | PER F1 | LOC F1 | ORG F1 |");
        writer.WriteLine("|---|---:|---:|---:|---:|---:|---|---|---|---|---:|---:|---:|---:|");
        foreach (var (seed, result) in runs)
        {
            WriteRow(writer, seed.ToString(CultureInfo.InvariantCulture), result.Total);
        }

        writer.WriteLine();
        static double Share((int Correct, int Total) value) => value.Total == 0 ? 0 : (double)value.Correct / value.Total;
        (string Name, Func<NewsScore, double> Value)[] figures =
        [
            ("event P", s => s.Events.Precision), ("event R", s => s.Events.Recall), ("event F1", s => s.Events.F1),
            ("host", s => Share(s.Host)), ("status", s => Share(s.Status)), ("place", s => Share(s.Location)), ("date", s => Share(s.Date)),
        ];
        foreach (var (name, value) in figures)
        {
            var values = runs.Select(r => value(r.Result.Total)).ToList();
            var mean = values.Average();
            var deviation = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
            writer.WriteLine(F($"{name} over {values.Count} seeds: mean {mean:0.000}, standard deviation {deviation:0.000}, range {values.Min():0.000}–{values.Max():0.000}"));
        }
    }

    private static void WriteRow(TextWriter writer, string fold, NewsScore score)
    {
        var events = score.Events;
        var types = score.EntitiesByType;
        string TypeF1(string type) => types.TryGetValue(type, out var counts) ? counts.F1.ToString("0.000", CultureInfo.InvariantCulture) : "–";
        writer.WriteLine(F($"| {fold} | {score.Articles} | {events.TruePositives + events.FalseNegatives} | {events.Precision:0.000} | {events.Recall:0.000} | {events.F1:0.000} | {Ratio(score.Host)} | {Ratio(score.Status)} | {Ratio(score.Location)} | {Ratio(score.Date)} | {score.Entities.F1:0.000} | {TypeF1("PER")} | {TypeF1("LOC")} | {TypeF1("ORG")} |"));
    }

    private static void WriteCounts(TextWriter writer, string title, IReadOnlyDictionary<string, SpanCounts> counts)
    {
        writer.WriteLine($"| {title} | tp | fp | fn | P | R | F1 |");
        writer.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, c) in counts)
        {
            writer.WriteLine(F($"| {name} | {c.TruePositives} | {c.FalsePositives} | {c.FalseNegatives} | {c.Precision:0.000} | {c.Recall:0.000} | {c.F1:0.000} |"));
        }

        writer.WriteLine();
    }

    private static string Ratio((int Correct, int Total) value) =>
        value.Total == 0 ? "–" : F($"{value.Correct}/{value.Total} ({(double)value.Correct / value.Total:0.00})");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
