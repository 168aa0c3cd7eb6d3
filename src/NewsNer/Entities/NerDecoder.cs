namespace NewsNer.Entities;

/// <summary>
/// Decoding over the BIO labels of one sentence: Viterbi for the best valid label sequence (<c>I-X</c> only after
/// <c>B-X</c>/<c>I-X</c>) and forward–backward for span confidences (the probability of exactly that span, under the
/// model's scores read as a linear-chain CRF).
/// </summary>
internal static class NerDecoder
{
    private const int L = NerLabels.Count;
    private static readonly bool[] s_allowed = BuildAllowed();

    // For each label, the labels allowed before it (s_from) and after it (s_to), ascending, L per row; and their counts.
    private static readonly byte[] s_from = Neighbours(before: true, out s_fromCount);
    private static readonly byte[] s_to = Neighbours(before: false, out s_toCount);
    private static readonly int[] s_fromCount;
    private static readonly int[] s_toCount;

    /// <summary>Valid transition table, <c>[from * L + to]</c>.</summary>
    public static ReadOnlySpan<bool> Allowed => s_allowed;

    /// <summary>Best valid labels for <paramref name="n"/> tokens; <paramref name="scratch"/> holds at least <c>n * 9</c> floats, <paramref name="back"/> <c>n * 9</c> bytes.</summary>
    public static void Viterbi(ReadOnlySpan<float> emissions, int n, NerModel model, Span<int> labels, Span<float> scratch, Span<byte> back)
    {
        if (n == 0)
        {
            return;
        }

        var trans = model.Transitions;
        for (var y = 0; y < L; y++)
        {
            scratch[y] = NerLabels.IsInside(y) ? float.NegativeInfinity : model.Start[y] + emissions[y];
        }

        for (var i = 1; i < n; i++)
        {
            var prev = scratch.Slice((i - 1) * L, L);
            var cur = scratch.Slice(i * L, L);
            for (var y = 0; y < L; y++)
            {
                var best = float.NegativeInfinity;
                var arg = 0;
                for (var p = 0; p < L; p++)
                {
                    if (!s_allowed[(p * L) + y])
                    {
                        continue;
                    }

                    var s = prev[p] + trans[(p * L) + y];
                    if (s > best)
                    {
                        best = s;
                        arg = p;
                    }
                }

                cur[y] = best + emissions[(i * L) + y];
                back[(i * L) + y] = (byte)arg;
            }
        }

        var last = scratch.Slice((n - 1) * L, L);
        var bestEnd = float.NegativeInfinity;
        var label = 0;
        for (var y = 0; y < L; y++)
        {
            var s = last[y] + model.End[y];
            if (s > bestEnd)
            {
                bestEnd = s;
                label = y;
            }
        }

        for (var i = n - 1; i >= 0; i--)
        {
            labels[i] = label;
            if (i > 0)
            {
                label = back[(i * L) + label];
            }
        }
    }

    /// <summary>
    /// Forward–backward over a sentence, for <see cref="SpanProbability"/>; returns log Z (NaN when the scores are too far
    /// apart to represent, see below). <paramref name="alpha"/> and <paramref name="beta"/> (<c>n * 9</c> each) receive the
    /// forward and backward scores as probabilities rescaled per position; <paramref name="scales"/> (<c>3 * n</c>) the log
    /// of the scale factors (forward, backward, and each position's largest emission).
    /// </summary>
    /// <remarks>
    /// The recurrences run in the probability domain, in double precision: each position's emissions are exponentiated
    /// once relative to their maximum (9 exponentials) and the transitions once per model
    /// (<see cref="NerModel.ExpTransitions"/>), then every row is normalized to sum 1 and the log of the factor kept —
    /// instead of a log-sum-exp per label pair (about 100 exponentials and 18 logarithms per position), which made
    /// confidences the most expensive part of recognition. Double precision keeps ratios down to e^−700 between labels of a
    /// position (float log-domain scores carried about 7 digits). Only if every label reachable at a position scores more
    /// than that below the best one does a row vanish: log Z is then NaN, and the sentence's confidences 0.
    /// <paramref name="betaFrom"/>: the backward scores are only needed from that position on (the earliest end of a span
    /// whose confidence is asked); rows before it are left unset.
    /// </remarks>
    public static double ForwardBackward(ReadOnlySpan<float> emissions, int n, NerModel model, Span<double> alpha, Span<double> beta, Span<double> scales, int betaFrom = 0)
    {
        var expTrans = model.ExpTransitions;
        var forwardScale = scales[..n];
        var backwardScale = scales.Slice(n, n);
        var shift = scales.Slice(2 * n, n);
        var valid = true;

        // Emissions relative to each row's maximum, exponentiated once; they are kept in beta until the backward pass
        // (which reads row i + 1 while it writes row i, so it keeps them in a rolling copy).
        for (var i = 0; i < n; i++)
        {
            var row = emissions.Slice(i * L, L);
            var max = float.NegativeInfinity;
            foreach (var e in row)
            {
                max = Math.Max(max, e);
            }

            shift[i] = max;
            var exps = beta.Slice(i * L, L);
            for (var y = 0; y < L; y++)
            {
                exps[y] = Math.Exp((double)row[y] - max);
            }
        }

        var logScale = 0.0;
        for (var i = 0; i < n; i++)
        {
            var current = alpha.Slice(i * L, L);
            var exps = beta.Slice(i * L, L);
            if (i == 0)
            {
                for (var y = 0; y < L; y++)
                {
                    current[y] = model.ExpStart[y] * exps[y];
                }
            }
            else
            {
                var previous = alpha.Slice((i - 1) * L, L);
                for (var y = 0; y < L; y++)
                {
                    var sum = 0.0;
                    foreach (var p in s_from.AsSpan(y * L, s_fromCount[y]))
                    {
                        sum += previous[p] * expTrans[(p * L) + y];
                    }

                    current[y] = sum * exps[y];
                }
            }

            valid &= Normalize(current, out var logFactor);
            logScale += logFactor + shift[i];
            forwardScale[i] = logScale;
        }

        var total = 0.0;
        for (var y = 0; y < L; y++)
        {
            total += alpha[((n - 1) * L) + y] * model.ExpEnd[y];
        }

        var logZ = Math.Log(total) + forwardScale[n - 1];

        // Backward: beta[i][y] = sum over allowed q of exp(trans[y, q]) * exp(emission[i + 1, q]) * beta[i + 1][q].
        Span<double> nextExps = stackalloc double[L];
        Span<double> rowExps = stackalloc double[L];
        var last = beta.Slice((n - 1) * L, L);
        last.CopyTo(nextExps);
        for (var y = 0; y < L; y++)
        {
            last[y] = model.ExpEnd[y];
        }

        valid &= Normalize(last, out var lastFactor);
        backwardScale[n - 1] = lastFactor;
        for (var i = n - 2; i >= Math.Max(0, betaFrom); i--)
        {
            var current = beta.Slice(i * L, L);
            current.CopyTo(rowExps);
            var next = beta.Slice((i + 1) * L, L);
            for (var y = 0; y < L; y++)
            {
                var sum = 0.0;
                foreach (var q in s_to.AsSpan(y * L, s_toCount[y]))
                {
                    sum += expTrans[(y * L) + q] * nextExps[q] * next[q];
                }

                current[y] = sum;
            }

            valid &= Normalize(current, out var logFactor);
            backwardScale[i] = backwardScale[i + 1] + logFactor + shift[i + 1];
            rowExps.CopyTo(nextExps);
        }

        return valid && double.IsFinite(logZ) ? logZ : double.NaN;
    }

    // Divides a row by its sum; false when the sum is 0 or not finite (the row is then left as it is).
    private static bool Normalize(Span<double> row, out double logFactor)
    {
        var sum = 0.0;
        foreach (var v in row)
        {
            sum += v;
        }

        if (!(sum > 0) || !double.IsFinite(sum))
        {
            logFactor = 0;
            return false;
        }

        var inverse = 1 / sum;
        for (var y = 0; y < row.Length; y++)
        {
            row[y] *= inverse;
        }

        logFactor = Math.Log(sum);
        return true;
    }

    /// <summary>
    /// Probability that tokens <c>[start, end)</c> form exactly one entity of <paramref name="type"/>, from the lattice of
    /// <see cref="ForwardBackward"/> (whose <c>betaFrom</c> must not be after <paramref name="end"/>); 0 when log Z is NaN.
    /// </summary>
    public static float SpanProbability(ReadOnlySpan<float> emissions, int n, NerModel model, ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta, ReadOnlySpan<double> scales, double logZ, int start, int end, EntityType type)
    {
        if (double.IsNaN(logZ))
        {
            return 0f;
        }

        var b = NerLabels.Begin(type);
        var inside = NerLabels.Inside(type);
        var trans = model.Transitions;
        double score = Math.Log(alpha[(start * L) + b]) + scales[start];
        var prev = b;
        for (var k = start + 1; k < end; k++)
        {
            score += (double)trans[(prev * L) + inside] + emissions[(k * L) + inside];
            prev = inside;
        }

        double tail;
        if (end == n)
        {
            tail = model.End[prev];
        }
        else
        {
            // The token after the span does not continue it: any allowed label but I-type.
            var shift = scales[(2 * n) + end];
            var sum = 0.0;
            foreach (var q in s_to.AsSpan(prev * L, s_toCount[prev]))
            {
                if (q != inside)
                {
                    sum += model.ExpTransitions[(prev * L) + q] * Math.Exp((double)emissions[(end * L) + q] - shift) * beta[(end * L) + q];
                }
            }

            tail = Math.Log(sum) + shift + scales[n + end];
        }

        var p = (float)Math.Exp(score + tail - logZ);
        return float.IsNaN(p) ? 0f : Math.Clamp(p, 0f, 1f);
    }

    public static float LogSumExp(ReadOnlySpan<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            if (v > max)
            {
                max = v;
            }
        }

        if (float.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0f;
        foreach (var v in values)
        {
            sum += MathF.Exp(v - max);
        }

        return max + MathF.Log(sum);
    }

    private static byte[] Neighbours(bool before, out int[] counts)
    {
        var table = new byte[L * L];
        counts = new int[L];
        for (var y = 0; y < L; y++)
        {
            for (var other = 0; other < L; other++)
            {
                if (before ? NerLabels.IsAllowed(other, y) : NerLabels.IsAllowed(y, other))
                {
                    table[(y * L) + counts[y]++] = (byte)other;
                }
            }
        }

        return table;
    }

    private static bool[] BuildAllowed()
    {
        var allowed = new bool[L * L];
        for (var p = 0; p < L; p++)
        {
            for (var y = 0; y < L; y++)
            {
                allowed[(p * L) + y] = NerLabels.IsAllowed(p, y);
            }
        }

        return allowed;
    }
}
