using System.Globalization;
using System.Text;

namespace NewsNer.Training.Evaluation;

/// <summary>Counts of one entity type (or of all): true positives, false positives, false negatives.</summary>
public sealed record SpanCounts(int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>Precision (0 when nothing was predicted).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Recall (0 when there is nothing to find).</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Strict span scores, identical to conlleval: a predicted entity counts only when its type, first and last token all
/// equal a gold entity's. Tags are read as BIO2 or IOB1 (an <c>I-</c> that does not continue a same-type span starts one).
/// </summary>
public sealed class NerScores
{
    private readonly SortedDictionary<string, int[]> _counts = new(StringComparer.Ordinal);

    /// <summary>Per-type counts, ordered by type label.</summary>
    public IReadOnlyDictionary<string, SpanCounts> ByType =>
        _counts.ToDictionary(kv => kv.Key, kv => new SpanCounts(kv.Value[0], kv.Value[1], kv.Value[2]));

    /// <summary>Counts over all types.</summary>
    public SpanCounts Overall => new(_counts.Values.Sum(c => c[0]), _counts.Values.Sum(c => c[1]), _counts.Values.Sum(c => c[2]));

    /// <summary>Adds one sentence (gold and predicted tags of the same tokens).</summary>
    /// <exception cref="ArgumentException">The two tag lists differ in length.</exception>
    public void Add(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException("Gold and predicted tags must have the same length.", nameof(predicted));
        }

        var g = Spans(gold);
        var p = Spans(predicted);
        foreach (var s in g)
        {
            Get(s.Type)[p.Contains(s) ? 0 : 2]++;
        }

        foreach (var s in p)
        {
            if (!g.Contains(s))
            {
                Get(s.Type)[1]++;
            }
        }
    }

    /// <summary>The spans of a tag sequence, by conlleval's rules.</summary>
    public static HashSet<(int Start, int End, string Type)> Spans(IReadOnlyList<string> tags)
    {
        var spans = new HashSet<(int, int, string)>();
        int? start = null;
        string? type = null;
        for (var i = 0; i <= tags.Count; i++)
        {
            var t = i < tags.Count ? tags[i] : "O";
            var isOutside = t == "O" || t.Length < 2;
            var prefix = isOutside ? "O" : t[..2];
            var ty = isOutside ? null : t[2..];
            if (start is not null && (prefix == "O" || prefix == "B-" || ty != type))
            {
                spans.Add((start.Value, i, type!));
                start = null;
                type = null;
            }

            if ((prefix == "B-" || prefix == "I-") && start is null)
            {
                start = i;
                type = ty;
            }
        }

        return spans;
    }

    /// <summary>A table like conlleval's: one line per type, then overall.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        foreach (var (type, c) in ByType)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{type,-5} P {c.Precision:0.0000} R {c.Recall:0.0000} F1 {c.F1:0.0000}  (gold {c.TruePositives + c.FalseNegatives}, pred {c.TruePositives + c.FalsePositives})");
        }

        var o = Overall;
        sb.AppendLine(CultureInfo.InvariantCulture, $"overall P {o.Precision:0.0000} R {o.Recall:0.0000}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"overall F1 {o.F1:0.0000}");
        return sb.ToString();
    }

    private int[] Get(string type)
    {
        if (!_counts.TryGetValue(type, out var c))
        {
            c = new int[3];
            _counts[type] = c;
        }

        return c;
    }
}
