namespace NewsNer.Events.Decisions;

/// <summary>
/// Maps an event's raw score (the meeting decision's probability for its primary mention) to the probability that the
/// whole event is right (its parties, kind and encounter matched in the gold). The map is monotone and piecewise linear
/// between the points isotonic regression (pool adjacent violators) fitted on events the models had not been trained on
/// (<c>NewsNer.Training</c>, cross-fitted). A raw meeting probability is not that: it ignores the other decisions the event
/// depends on. Immutable and thread-safe.
/// </summary>
internal sealed class ConfidenceCalibration
{
    private readonly float[] _scores;
    private readonly float[] _probabilities;

    /// <summary>A calibration through the given points (scores ascending, probabilities non-decreasing).</summary>
    public ConfidenceCalibration(float[] scores, float[] probabilities)
    {
        if (scores.Length == 0 || scores.Length != probabilities.Length)
        {
            throw new ArgumentException("a calibration needs as many probabilities as scores, at least one", nameof(probabilities));
        }

        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] < scores[i - 1] || probabilities[i] < probabilities[i - 1])
            {
                throw new ArgumentException("calibration points must ascend", nameof(scores));
            }
        }

        _scores = scores;
        _probabilities = probabilities;
    }

    /// <summary>The points (for the model card).</summary>
    public IReadOnlyList<(float Score, float Probability)> Points => [.. _scores.Zip(_probabilities)];

    /// <summary>The calibrated probability of a raw score: linear between points, flat beyond the ends.</summary>
    public float Probability(float score)
    {
        var i = Array.BinarySearch(_scores, score);
        if (i >= 0)
        {
            return _probabilities[i];
        }

        var above = ~i;
        if (above == 0)
        {
            return _probabilities[0];
        }

        if (above == _scores.Length)
        {
            return _probabilities[^1];
        }

        var below = above - 1;
        var share = (score - _scores[below]) / (_scores[above] - _scores[below]);
        return _probabilities[below] + (share * (_probabilities[above] - _probabilities[below]));
    }

    /// <summary>
    /// Fits the map by isotonic regression: the outcomes sorted by score, adjacent blocks pooled while a block's rate of
    /// right events is above the next one's; each block becomes a point at its mean score. The probabilities are kept
    /// within [1/(n+2), (n+1)/(n+2)] of their block (add-one smoothing), so no event is ever certain.
    /// </summary>
    public static ConfidenceCalibration Fit(IReadOnlyList<(float Score, bool Right)> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
        {
            return new ConfidenceCalibration([0f, 1f], [0f, 1f]);
        }

        var sorted = outcomes.OrderBy(o => o.Score).ToList();
        var blocks = new List<(double ScoreSum, double Right, int Count)>();
        foreach (var (score, right) in sorted)
        {
            blocks.Add((score, right ? 1 : 0, 1));
            while (blocks.Count > 1 && blocks[^2].Right / blocks[^2].Count >= blocks[^1].Right / blocks[^1].Count)
            {
                var last = blocks[^1];
                var previous = blocks[^2];
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (previous.ScoreSum + last.ScoreSum, previous.Right + last.Right, previous.Count + last.Count);
            }
        }

        var scores = new float[blocks.Count];
        var probabilities = new float[blocks.Count];
        for (var b = 0; b < blocks.Count; b++)
        {
            scores[b] = (float)(blocks[b].ScoreSum / blocks[b].Count);
            probabilities[b] = (float)((blocks[b].Right + 1) / (blocks[b].Count + 2));
        }

        // Smoothing can break the order of neighbouring blocks of unequal sizes: keep the map monotone.
        for (var b = 1; b < probabilities.Length; b++)
        {
            probabilities[b] = Math.Max(probabilities[b], probabilities[b - 1]);
        }

        return new ConfidenceCalibration(scores, probabilities);
    }

    /// <summary>Writes the points.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_scores.Length);
        for (var i = 0; i < _scores.Length; i++)
        {
            writer.Write(_scores[i]);
            writer.Write(_probabilities[i]);
        }
    }

    /// <summary>Reads points written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">Not a calibration of this format.</exception>
    public static ConfidenceCalibration Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count is <= 0 or > 1_000_000)
        {
            throw new InvalidDataException($"bad calibration size {count}");
        }

        var scores = new float[count];
        var probabilities = new float[count];
        for (var i = 0; i < count; i++)
        {
            scores[i] = reader.ReadSingle();
            probabilities[i] = reader.ReadSingle();
        }

        try
        {
            return new ConfidenceCalibration(scores, probabilities);
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException(error.Message, error);
        }
    }
}
