using System.Globalization;
using NewsNer.Events.Decisions;
using NewsNer.Training.Evaluation.News;

namespace NewsNer.Training.Events;

/// <summary>
/// Chooses the decision thresholds by cross-validation: the decisions are trained once per fold (on the other folds),
/// then the folds are decoded again and again with other thresholds, by coordinate ascent (one threshold at a time,
/// over a grid, twice round), keeping what raises the summed event F1 (host and argument thresholds: what raises their
/// accuracy on matched events, F1 first). The thresholds chosen are fixed in <see cref="EventTrainingOptions"/> and
/// reported with the untouched fold's first run.
/// </summary>
public static class EventThresholdTuning
{
    private static readonly float[] s_grid = [0.05f, 0.1f, 0.15f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f];

    /// <summary>Runs the search and prints each step and the thresholds chosen.</summary>
    public static IReadOnlyList<float> Run(NewsDataset dataset, IReadOnlyList<int> folds, Func<int, NewsPipeline> linkingForFold, EventTrainingOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var trained = new List<(NewsPipeline Linking, EventModel Model, List<NewsArticle> Test)>();
        foreach (var fold in folds)
        {
            var linking = linkingForFold(fold);
            trained.Add((linking, EventModelTrainer.Train(linking, dataset.OutsideFold(fold), dataset.Gold, options), [.. dataset.InFold(fold)]));
        }

        var thresholds = options.Thresholds.ToArray();
        string[] names = ["meeting", "party", "same", "argument", "host", "split"];
        var best = Score(dataset, trained, thresholds);
        output.WriteLine(Line("start", thresholds, best));
        for (var round = 0; round < 2; round++)
        {
            for (var t = 0; t < thresholds.Length; t++)
            {
                foreach (var value in s_grid)
                {
                    var candidate = (float[])thresholds.Clone();
                    candidate[t] = value;
                    var score = Score(dataset, trained, candidate);
                    if (Better(score, best, t))
                    {
                        best = score;
                        thresholds = candidate;
                        output.WriteLine(Line($"{names[t]}={value:0.00}", thresholds, best));
                    }
                }
            }
        }

        output.WriteLine(Line("chosen", thresholds, best));
        return thresholds;
    }

    private static NewsScore Score(NewsDataset dataset, List<(NewsPipeline Linking, EventModel Model, List<NewsArticle> Test)> trained, float[] t)
    {
        var total = new NewsScore();
        foreach (var (linking, model, test) in trained)
        {
            var pipeline = EventModelTrainer.WithEvents(linking, model.WithThresholds(t[0], t[1], t[2], t[3], t[4], t[5]));
            foreach (var result in pipeline.ProcessMany(test.Select(a => new DocumentInput(a.Text, a.Options, a.Id)), BatchOptions.AllCores))
            {
                total.Add(NewsScorer.Score(dataset.Gold[result.Id!], result.Document!));
            }
        }

        return total;
    }

    /// <summary>Event F1 decides; the host and argument thresholds, which hardly move it, are judged on their accuracy.</summary>
    private static bool Better(NewsScore score, NewsScore best, int threshold)
    {
        const double Tie = 1e-9;
        var f1 = score.Events.F1 - best.Events.F1;
        if (f1 > Tie || f1 < -Tie)
        {
            return f1 > 0;
        }

        return threshold switch
        {
            3 => Accuracy(score.Location) + Accuracy(score.Date) > Accuracy(best.Location) + Accuracy(best.Date) + Tie,
            4 => Accuracy(score.Host) > Accuracy(best.Host) + Tie,
            _ => false,
        };
    }

    private static double Accuracy((int Correct, int Total) value) => value.Total == 0 ? 0 : (double)value.Correct / value.Total;

    private static string Line(string step, float[] t, NewsScore score) => string.Create(CultureInfo.InvariantCulture,
        $"{step,-16} meeting={t[0]:0.00} party={t[1]:0.00} same={t[2]:0.00} argument={t[3]:0.00} host={t[4]:0.00} split={t[5]:0.00}  event P {score.Events.Precision:0.000} R {score.Events.Recall:0.000} F1 {score.Events.F1:0.000} host {Accuracy(score.Host):0.00} status {Accuracy(score.Status):0.00} place {Accuracy(score.Location):0.00} date {Accuracy(score.Date):0.00}");
}
