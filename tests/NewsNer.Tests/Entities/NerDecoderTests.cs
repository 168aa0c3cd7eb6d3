using FsCheck;
using FsCheck.Fluent;
using NewsNer.Entities;

namespace NewsNer.Tests.Entities;

public class NerDecoderTests
{
    private static NerModel RandomModel(System.Random random)
    {
        var transitions = new float[NerLabels.Count * NerLabels.Count];
        for (var k = 0; k < transitions.Length; k++)
        {
            transitions[k] = NerDecoder.Allowed[k] ? (float)((random.NextDouble() * 4) - 2) : float.NegativeInfinity;
        }

        var start = Enumerable.Range(0, NerLabels.Count).Select(y => NerLabels.IsInside(y) ? float.NegativeInfinity : (float)random.NextDouble()).ToArray();
        var end = Enumerable.Range(0, NerLabels.Count).Select(_ => (float)random.NextDouble()).ToArray();
        return NerModel.Create(new Dictionary<ulong, float[]>(), transitions, start, end, 0, "{}");
    }

    [Fact]
    public void Viterbi_output_is_valid_bio_and_span_confidences_are_probabilities()
    {
        Prop.ForAll(Gen.Choose(1, 40).ToArbitrary(), Gen.Choose(0, 100000).ToArbitrary(), (n, seed) =>
        {
            var random = new System.Random(seed);
            var model = RandomModel(random);
            var emissions = new float[n * NerLabels.Count];
            for (var k = 0; k < emissions.Length; k++)
            {
                // Strongly favour I- labels so that an unconstrained decoder would produce invalid sequences.
                emissions[k] = (float)(random.NextDouble() * 6) + (NerLabels.IsInside(k % NerLabels.Count) ? 3 : 0);
            }

            var labels = new int[n];
            NerDecoder.Viterbi(emissions, n, model, labels, new float[n * NerLabels.Count], new byte[n * NerLabels.Count]);
            for (var i = 0; i < n; i++)
            {
                if (!NerLabels.IsAllowed(i == 0 ? -1 : labels[i - 1], labels[i]))
                {
                    return false;
                }
            }

            var alpha = new float[n * NerLabels.Count];
            var beta = new float[n * NerLabels.Count];
            var logZ = NerDecoder.ForwardBackward(emissions, n, model, alpha, beta);
            for (var i = 0; i < n; i++)
            {
                if (!NerLabels.IsBegin(labels[i]))
                {
                    continue;
                }

                var end = i + 1;
                while (end < n && NerLabels.IsInside(labels[end]))
                {
                    end++;
                }

                var p = NerDecoder.SpanProbability(emissions, n, model, alpha, beta, logZ, i, end, NerLabels.TypeOf(labels[i]));
                if (p is < 0 or > 1 || float.IsNaN(p))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Span_probabilities_of_a_single_token_sum_to_one_over_its_readings()
    {
        // One token: the span is exactly that token, so P(O) + Σ_type P(B-type) = 1.
        var random = new System.Random(3);
        var model = RandomModel(random);
        var emissions = Enumerable.Range(0, NerLabels.Count).Select(_ => (float)random.NextDouble()).ToArray();
        var alpha = new float[NerLabels.Count];
        var beta = new float[NerLabels.Count];
        var logZ = NerDecoder.ForwardBackward(emissions, 1, model, alpha, beta);
        var sum = MathF.Exp(alpha[0] + model.End[0] - logZ);
        foreach (var type in Enum.GetValues<EntityType>())
        {
            sum += NerDecoder.SpanProbability(emissions, 1, model, alpha, beta, logZ, 0, 1, type);
        }

        Assert.Equal(1f, sum, 3);
    }

    [Fact]
    public void Forward_backward_equals_the_log_sum_exp_over_all_nine_labels_bit_for_bit()
    {
        // The decoder sums over the allowed neighbours only; a forbidden one adds exp(-inf) = 0, so the results must be
        // the same floats as the plain recurrences over all 81 transitions (the confidences in the JSON depend on it).
        Prop.ForAll(Gen.Choose(1, 30).ToArbitrary(), Gen.Choose(0, 100000).ToArbitrary(), (n, seed) =>
        {
            var random = new System.Random(seed);
            var model = RandomModel(random);
            var emissions = new float[n * NerLabels.Count];
            for (var k = 0; k < emissions.Length; k++)
            {
                emissions[k] = (float)((random.NextDouble() * 8) - 4);
            }

            var betaFrom = random.Next(n);
            var alpha = new float[n * NerLabels.Count];
            var beta = new float[n * NerLabels.Count];
            var logZ = NerDecoder.ForwardBackward(emissions, n, model, alpha, beta, betaFrom);
            var (refAlpha, refBeta, refLogZ) = ReferenceForwardBackward(emissions, n, model);
            return BitConverter.SingleToInt32Bits(logZ) == BitConverter.SingleToInt32Bits(refLogZ)
                && alpha.AsSpan().SequenceEqual(refAlpha)
                && beta.AsSpan(betaFrom * NerLabels.Count).SequenceEqual(refBeta.AsSpan(betaFrom * NerLabels.Count));
        }).QuickCheckThrowOnFailure();
    }

    // The textbook recurrences: every label pair, forbidden ones at -inf.
    private static (float[] Alpha, float[] Beta, float LogZ) ReferenceForwardBackward(float[] emissions, int n, NerModel model)
    {
        const int L = NerLabels.Count;
        var alpha = new float[n * L];
        var beta = new float[n * L];
        var terms = new float[L];
        var trans = model.Transitions;
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
                    terms[p] = NerDecoder.Allowed[(p * L) + y] ? alpha[((i - 1) * L) + p] + trans[(p * L) + y] : float.NegativeInfinity;
                }

                alpha[(i * L) + y] = NerDecoder.LogSumExp(terms) + emissions[(i * L) + y];
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
                    terms[q] = NerDecoder.Allowed[(y * L) + q] ? trans[(y * L) + q] + emissions[((i + 1) * L) + q] + beta[((i + 1) * L) + q] : float.NegativeInfinity;
                }

                beta[(i * L) + y] = NerDecoder.LogSumExp(terms);
            }
        }

        for (var y = 0; y < L; y++)
        {
            terms[y] = alpha[((n - 1) * L) + y] + model.End[y];
        }

        return (alpha, beta, NerDecoder.LogSumExp(terms));
    }

    [Fact]
    public void Labels_parse_bio_and_iobes()
    {
        Assert.Equal(NerLabels.Begin(EntityType.Person), NerLabels.Parse("B-PER"));
        Assert.Equal(NerLabels.Inside(EntityType.Location), NerLabels.Parse("I-LOC"));
        Assert.Equal(NerLabels.Begin(EntityType.Organization), NerLabels.Parse("S-ORG"));
        Assert.Equal(NerLabels.Outside, NerLabels.Parse("O"));
        Assert.Equal(NerLabels.Outside, NerLabels.Parse("B-DATE"));
        Assert.False(NerLabels.IsAllowed(NerLabels.Outside, NerLabels.Inside(EntityType.Misc)));
        Assert.False(NerLabels.IsAllowed(NerLabels.Begin(EntityType.Person), NerLabels.Inside(EntityType.Location)));
        Assert.True(NerLabels.IsAllowed(NerLabels.Begin(EntityType.Person), NerLabels.Inside(EntityType.Person)));
    }
}
