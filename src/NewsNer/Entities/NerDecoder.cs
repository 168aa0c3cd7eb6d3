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

    /// <summary>Forward (<paramref name="alpha"/>, with emissions) and backward (<paramref name="beta"/>, without the current emission) log scores; returns log Z.</summary>
    /// <remarks>
    /// Each log-sum-exp runs over the allowed neighbours only (<see cref="s_from"/>, <see cref="s_to"/>): a forbidden one
    /// adds exp(−∞) = 0, so skipping it gives the same sum bit for bit, with 53 exponentials per position instead of 81.
    /// <paramref name="betaFrom"/>: the backward scores are only needed from that position on (the earliest end of a span
    /// whose confidence is asked); positions before it are left unset.
    /// </remarks>
    public static float ForwardBackward(ReadOnlySpan<float> emissions, int n, NerModel model, Span<float> alpha, Span<float> beta, int betaFrom = 0)
    {
        var trans = model.Transitions;
        for (var y = 0; y < L; y++)
        {
            alpha[y] = NerLabels.IsInside(y) ? float.NegativeInfinity : model.Start[y] + emissions[y];
        }

        for (var i = 1; i < n; i++)
        {
            var previous = alpha.Slice((i - 1) * L, L);
            for (var y = 0; y < L; y++)
            {
                var from = s_from.AsSpan(y * L, s_fromCount[y]);
                var max = float.NegativeInfinity;
                foreach (var p in from)
                {
                    var v = previous[p] + trans[(p * L) + y];
                    if (v > max)
                    {
                        max = v;
                    }
                }

                if (float.IsNegativeInfinity(max))
                {
                    alpha[(i * L) + y] = max + emissions[(i * L) + y];
                    continue;
                }

                var sum = 0f;
                foreach (var p in from)
                {
                    sum += MathF.Exp(previous[p] + trans[(p * L) + y] - max);
                }

                alpha[(i * L) + y] = max + MathF.Log(sum) + emissions[(i * L) + y];
            }
        }

        for (var y = 0; y < L; y++)
        {
            beta[((n - 1) * L) + y] = model.End[y];
        }

        for (var i = n - 2; i >= Math.Max(0, betaFrom); i--)
        {
            var nextEmissions = emissions.Slice((i + 1) * L, L);
            var nextBeta = beta.Slice((i + 1) * L, L);
            for (var y = 0; y < L; y++)
            {
                var to = s_to.AsSpan(y * L, s_toCount[y]);
                var max = float.NegativeInfinity;
                foreach (var q in to)
                {
                    var v = trans[(y * L) + q] + nextEmissions[q] + nextBeta[q];
                    if (v > max)
                    {
                        max = v;
                    }
                }

                if (float.IsNegativeInfinity(max))
                {
                    beta[(i * L) + y] = max;
                    continue;
                }

                var sum = 0f;
                foreach (var q in to)
                {
                    sum += MathF.Exp(trans[(y * L) + q] + nextEmissions[q] + nextBeta[q] - max);
                }

                beta[(i * L) + y] = max + MathF.Log(sum);
            }
        }

        Span<float> terms = stackalloc float[L];
        for (var y = 0; y < L; y++)
        {
            terms[y] = alpha[((n - 1) * L) + y] + model.End[y];
        }

        return LogSumExp(terms);
    }

    /// <summary>Probability that tokens <c>[start, end)</c> form exactly one entity of <paramref name="type"/>.</summary>
    public static float SpanProbability(ReadOnlySpan<float> emissions, int n, NerModel model, ReadOnlySpan<float> alpha, ReadOnlySpan<float> beta, float logZ, int start, int end, EntityType type)
    {
        var b = NerLabels.Begin(type);
        var inside = NerLabels.Inside(type);
        var trans = model.Transitions;
        var score = alpha[(start * L) + b];
        var prev = b;
        for (var k = start + 1; k < end; k++)
        {
            score += trans[(prev * L) + inside] + emissions[(k * L) + inside];
            prev = inside;
        }

        float tail;
        if (end == n)
        {
            tail = model.End[prev];
        }
        else
        {
            Span<float> terms = stackalloc float[L];
            for (var q = 0; q < L; q++)
            {
                terms[q] = q != inside && s_allowed[(prev * L) + q] ? trans[(prev * L) + q] + emissions[(end * L) + q] + beta[(end * L) + q] : float.NegativeInfinity;
            }

            tail = LogSumExp(terms);
        }

        var p = MathF.Exp(score + tail - logZ);
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
