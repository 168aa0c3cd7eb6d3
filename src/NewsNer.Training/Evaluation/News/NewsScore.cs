using System.Globalization;
using NewsNer.Events;
using NewsNer.Serialization;

namespace NewsNer.Training.Evaluation.News;

/// <summary>
/// Sums <see cref="ArticleScore"/>s: entity counts per type, event counts, argument accuracy on matched events, event
/// counts per gold subtype and status, and the confidence of every predicted event against whether it matched (for a
/// reliability table). <see cref="WriteScorerReport"/> prints the lines of <c>score_news.py</c>, figure for figure.
/// </summary>
public sealed class NewsScore
{
    private readonly SortedDictionary<string, int[]> _entities = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int[]> _bySubtype = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int[]> _byStatus = new(StringComparer.Ordinal);
    private readonly List<(float Confidence, bool Matched)> _confidences = [];
    private readonly int[] _arguments = new int[8];

    /// <summary>Articles added.</summary>
    public int Articles { get; private set; }

    /// <summary>Entity counts over all types.</summary>
    public SpanCounts Entities => new(_entities.Values.Sum(c => c[0]), _entities.Values.Sum(c => c[1]), _entities.Values.Sum(c => c[2]));

    /// <summary>Entity counts per type (PER, LOC, ORG, and any other type the prediction used).</summary>
    public IReadOnlyDictionary<string, SpanCounts> EntitiesByType => _entities.ToDictionary(kv => kv.Key, kv => new SpanCounts(kv.Value[0], kv.Value[1], kv.Value[2]));

    /// <summary>Meeting event counts.</summary>
    public SpanCounts Events { get; private set; } = new(0, 0, 0);

    /// <summary>Matched events whose host is right, of those whose gold event has a host.</summary>
    public (int Correct, int Total) Host => (_arguments[0], _arguments[1]);

    /// <summary>Matched events whose status is right, of all matched events.</summary>
    public (int Correct, int Total) Status => (_arguments[2], _arguments[3]);

    /// <summary>Matched events whose place is right, of those whose gold event has a place.</summary>
    public (int Correct, int Total) Location => (_arguments[4], _arguments[5]);

    /// <summary>Matched events whose date is right, of those whose gold event has a date.</summary>
    public (int Correct, int Total) Date => (_arguments[6], _arguments[7]);

    /// <summary>Event counts by subtype: true positives and false negatives by the gold subtype, false positives by the predicted one.</summary>
    public IReadOnlyDictionary<string, SpanCounts> EventsBySubtype => Counts(_bySubtype);

    /// <summary>Event counts by status, as <see cref="EventsBySubtype"/>.</summary>
    public IReadOnlyDictionary<string, SpanCounts> EventsByStatus => Counts(_byStatus);

    /// <summary>Every predicted event's confidence and whether it matched a gold event.</summary>
    public IReadOnlyList<(float Confidence, bool Matched)> Confidences => _confidences;

    /// <summary>Adds one article.</summary>
    public void Add(ArticleScore article)
    {
        ArgumentNullException.ThrowIfNull(article);
        Articles++;
        foreach (var entity in article.Gold.Entities)
        {
            Get(_entities, entity.Type)[2]++;
        }

        for (var p = 0; p < article.PredictedEntityTypes.Count; p++)
        {
            if (article.EntityMatch.TryGetValue(p, out var g))
            {
                Get(_entities, article.PredictedEntityTypes[p])[0]++;
                Get(_entities, article.Gold.Entities[g].Type)[2]--;
            }
            else
            {
                Get(_entities, article.PredictedEntityTypes[p])[1]++;
            }
        }

        var tp = 0;
        foreach (var match in article.Events)
        {
            var meeting = article.Predicted.Events[match.Predicted];
            _confidences.Add((meeting.Confidence, match.Gold >= 0));
            if (match.Gold < 0)
            {
                Get(_bySubtype, JsonNames<MeetingSubtype>.Get(meeting.Subtype))[1]++;
                Get(_byStatus, JsonNames<EventStatus>.Get(meeting.Status))[1]++;
                continue;
            }

            tp++;
            var gold = article.Gold.Events[match.Gold];
            Get(_bySubtype, gold.Subtype)[0]++;
            Get(_byStatus, gold.Status)[0]++;
            Count(0, match.HostCorrect);
            Count(2, match.StatusCorrect);
            Count(4, match.LocationCorrect);
            Count(6, match.DateCorrect);
        }

        foreach (var missed in article.MissedGoldEvents)
        {
            Get(_bySubtype, article.Gold.Events[missed].Subtype)[2]++;
            Get(_byStatus, article.Gold.Events[missed].Status)[2]++;
        }

        Events = new SpanCounts(Events.TruePositives + tp, Events.FalsePositives + article.Events.Count - tp, Events.FalseNegatives + article.Gold.Events.Count - tp);
    }

    /// <summary>Adds every article of another score.</summary>
    public void Add(NewsScore other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Articles += other.Articles;
        Merge(_entities, other._entities);
        Merge(_bySubtype, other._bySubtype);
        Merge(_byStatus, other._byStatus);
        _confidences.AddRange(other._confidences);
        for (var i = 0; i < _arguments.Length; i++)
        {
            _arguments[i] += other._arguments[i];
        }

        Events = new SpanCounts(Events.TruePositives + other.Events.TruePositives, Events.FalsePositives + other.Events.FalsePositives, Events.FalseNegatives + other.Events.FalseNegatives);
    }

    /// <summary>The lines <c>score_news.py</c> prints for the same outputs (its figures, its format).</summary>
    public void WriteScorerReport(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var (type, counts) in EntitiesByType)
        {
            writer.WriteLine(F($"entity {type,-4} P {counts.Precision:0.000} R {counts.Recall:0.000} F1 {counts.F1:0.000}"));
        }

        var e = Entities;
        var v = Events;
        writer.WriteLine(F($"entities P {e.Precision:0.000} R {e.Recall:0.000} F1 {e.F1:0.000} (tp {e.TruePositives} fp {e.FalsePositives} fn {e.FalseNegatives})"));
        writer.WriteLine(F($"events   P {v.Precision:0.000} R {v.Recall:0.000} F1 {v.F1:0.000} (tp {v.TruePositives} fp {v.FalsePositives} fn {v.FalseNegatives})"));
        writer.WriteLine(F($"matched events: host correct {Host.Correct}/{Host.Total}"));
        writer.WriteLine(F($"matched events: status correct {Status.Correct}/{Status.Total}"));
        writer.WriteLine(F($"matched events: location correct {Location.Correct}/{Location.Total}"));
        writer.WriteLine(F($"matched events: date correct {Date.Correct}/{Date.Total}"));
        writer.WriteLine(F($"entity F1 {e.F1:0.000} event F1 {v.F1:0.000}"));
    }

    /// <summary>
    /// Reliability of the event confidences: predicted events grouped into confidence bins of width 1/<paramref name="bins"/>,
    /// each with its count, mean confidence and observed precision (share matching a gold event).
    /// </summary>
    public IReadOnlyList<(double Low, double High, int Count, double MeanConfidence, double Precision)> Reliability(int bins = 10)
    {
        var result = new List<(double, double, int, double, double)>();
        for (var b = 0; b < bins; b++)
        {
            var low = (double)b / bins;
            var high = (double)(b + 1) / bins;
            var inBin = _confidences.Where(c => c.Confidence >= low && (c.Confidence < high || (b == bins - 1 && c.Confidence <= high))).ToList();
            result.Add((low, high, inBin.Count, inBin.Count == 0 ? 0 : inBin.Average(c => c.Confidence), inBin.Count == 0 ? 0 : inBin.Count(c => c.Matched) / (double)inBin.Count));
        }

        return result;
    }

    /// <summary>Expected calibration error: the count-weighted mean gap between confidence and precision over the bins.</summary>
    public double CalibrationError(int bins = 10)
    {
        var total = _confidences.Count;
        return total == 0 ? 0 : Reliability(bins).Sum(b => b.Count * Math.Abs(b.MeanConfidence - b.Precision)) / total;
    }

    private void Count(int slot, bool? correct)
    {
        if (correct is { } value)
        {
            _arguments[slot + 1]++;
            _arguments[slot] += value ? 1 : 0;
        }
    }

    private static int[] Get(SortedDictionary<string, int[]> table, string key)
    {
        if (!table.TryGetValue(key, out var counts))
        {
            table[key] = counts = new int[3];
        }

        return counts;
    }

    private static void Merge(SortedDictionary<string, int[]> into, SortedDictionary<string, int[]> from)
    {
        foreach (var (key, counts) in from)
        {
            var target = Get(into, key);
            for (var i = 0; i < 3; i++)
            {
                target[i] += counts[i];
            }
        }
    }

    private static Dictionary<string, SpanCounts> Counts(SortedDictionary<string, int[]> table) =>
        table.ToDictionary(kv => kv.Key, kv => new SpanCounts(kv.Value[0], kv.Value[1], kv.Value[2]));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
