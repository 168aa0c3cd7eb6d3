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
    public static float ForwardBackward(ReadOnlySpan<float> emissions, int n, NerModel model, Span<float> alpha, Span<float> beta)
    {
        var trans = model.Transitions;
        Span<float> terms = stackalloc float[L];
        for (var y = 0; y < L; y++)
        {
            alpha[y] = NerLabels.IsInside(y) ? float.NegativeInfinity : model.Start[y] + emissions[y];
        }

        for (var i = 1; i < n; i++)
        {
            for (var y = 0; y < L; y++)
            {
                for (var p = 0; p < L; p++)
                {
                    terms[p] = s_allowed[(p * L) + y] ? alpha[((i - 1) * L) + p] + trans[(p * L) + y] : float.NegativeInfinity;
                }

                alpha[(i * L) + y] = LogSumExp(terms) + emissions[(i * L) + y];
            }
        }

        for (var y = 0; y < L; y++)
        {
            beta[((n - 1) * L) + y] = model.End[y];
        }

        for (var i = n - 2; i >= 0; i--)
        {
            for (var y = 0; y < L; y++)
            {
                for (var q = 0; q < L; q++)
                {
                    terms[q] = s_allowed[(y * L) + q] ? trans[(y * L) + q] + emissions[((i + 1) * L) + q] + beta[((i + 1) * L) + q] : float.NegativeInfinity;
                }

                beta[(i * L) + y] = LogSumExp(terms);
            }
        }

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
