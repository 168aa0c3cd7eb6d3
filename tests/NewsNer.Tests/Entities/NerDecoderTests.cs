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

            var alpha = new double[n * NerLabels.Count];
            var beta = new double[n * NerLabels.Count];
            var scales = new double[3 * n];
            var logZ = NerDecoder.ForwardBackward(emissions, n, model, alpha, beta, scales);
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

                var p = NerDecoder.SpanProbability(emissions, n, model, alpha, beta, scales, logZ, i, end, NerLabels.TypeOf(labels[i]));
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
        var alpha = new double[NerLabels.Count];
        var beta = new double[NerLabels.Count];
        var scales = new double[3];
        var logZ = NerDecoder.ForwardBackward(emissions, 1, model, alpha, beta, scales);
        var sum = (float)Math.Exp(Math.Log(alpha[0]) + scales[0] + model.End[0] - logZ);
        foreach (var type in Enum.GetValues<EntityType>())
        {
            sum += NerDecoder.SpanProbability(emissions, 1, model, alpha, beta, scales, logZ, 0, 1, type);
        }

        Assert.Equal(1f, sum, 3);
    }

    [Fact]
    public void Span_probabilities_and_log_z_equal_the_sums_over_every_label_sequence()
    {
        // Brute force on short sentences: Z sums exp(score) over all 9^n valid and invalid sequences (invalid ones
        // score -inf), and a span's probability sums the sequences holding exactly that span.
        Prop.ForAll(Gen.Choose(1, 4).ToArbitrary(), Gen.Choose(0, 100000).ToArbitrary(), (n, seed) =>
        {
            var random = new System.Random(seed);
            var model = RandomModel(random);
            var emissions = new float[n * NerLabels.Count];
            for (var k = 0; k < emissions.Length; k++)
            {
                emissions[k] = (float)((random.NextDouble() * 12) - 6);
            }

            var alpha = new double[n * NerLabels.Count];
            var beta = new double[n * NerLabels.Count];
            var scales = new double[3 * n];
            var betaFrom = random.Next(n);
            var logZ = NerDecoder.ForwardBackward(emissions, n, model, alpha, beta, scales, betaFrom);
            var (bruteLogZ, spans) = BruteForce(emissions, n, model);
            if (Math.Abs(logZ - bruteLogZ) > 1e-4 * Math.Max(1, Math.Abs(bruteLogZ)))
            {
                return false;
            }

            foreach (var ((start, end, type), probability) in spans)
            {
                if (end < betaFrom)
                {
                    continue;
                }

                var p = NerDecoder.SpanProbability(emissions, n, model, alpha, beta, scales, logZ, start, end, type);
                if (Math.Abs(p - probability) > 1e-6)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Forward_backward_matches_the_log_domain_recurrences_on_long_sentences()
    {
        // The textbook log-sum-exp recurrences (float) against the rescaled probability-domain ones (double).
        var random = new System.Random(11);
        for (var round = 0; round < 50; round++)
        {
            var n = random.Next(5, 80);
            var model = RandomModel(random);
            var emissions = new float[n * NerLabels.Count];
            for (var k = 0; k < emissions.Length; k++)
            {
                emissions[k] = (float)((random.NextDouble() * 20) - 10);
            }

            var alpha = new double[n * NerLabels.Count];
            var beta = new double[n * NerLabels.Count];
            var scales = new double[3 * n];
            var logZ = NerDecoder.ForwardBackward(emissions, n, model, alpha, beta, scales);
            var (refAlpha, refBeta, refLogZ) = ReferenceForwardBackward(emissions, n, model);
            Assert.Equal(refLogZ, logZ, Math.Abs(refLogZ) * 1e-5);
            for (var k = 0; k < alpha.Length; k++)
            {
                var i = k / NerLabels.Count;
                if (!float.IsNegativeInfinity(refAlpha[k]))
                {
                    Assert.Equal(refAlpha[k], Math.Log(alpha[k]) + scales[i], Math.Max(1e-3, Math.Abs(refAlpha[k]) * 1e-5));
                }

                if (!float.IsNegativeInfinity(refBeta[k]))
                {
                    Assert.Equal(refBeta[k], Math.Log(beta[k]) + scales[n + i], Math.Max(1e-3, Math.Abs(refBeta[k]) * 1e-5));
                }
            }
        }
    }

    [Fact]
    public void Extreme_score_gaps_give_zero_confidence_never_an_error()
    {
        // Every reachable label 1000 nats below an unreachable one (I-PER after the start): beyond double range, the
        // sentence's spans get confidence 0; gaps of a few hundred nats still give probabilities.
        var model = RandomModel(new System.Random(5));
        foreach (var gap in new[] { 300f, 1000f })
        {
            var emissions = new float[2 * NerLabels.Count];
            emissions[NerLabels.Inside(EntityType.Person)] = gap;
            var alpha = new double[emissions.Length];
            var beta = new double[emissions.Length];
            var scales = new double[6];
            var logZ = NerDecoder.ForwardBackward(emissions, 2, model, alpha, beta, scales);
            var p = NerDecoder.SpanProbability(emissions, 2, model, alpha, beta, scales, logZ, 0, 1, EntityType.Person);
            Assert.InRange(p, 0f, 1f);
            Assert.Equal(gap < 700, !double.IsNaN(logZ));
        }
    }

    // Every label sequence of a short sentence: log Z and the probability of each (start, end, type) span.
    private static (double LogZ, Dictionary<(int, int, EntityType), double> Spans) BruteForce(float[] emissions, int n, NerModel model)
    {
        const int L = NerLabels.Count;
        var labels = new int[n];
        var scores = new List<(double Score, int[] Labels)>();
        for (var code = 0; code < (int)Math.Pow(L, n); code++)
        {
            var c = code;
            for (var i = 0; i < n; i++)
            {
                labels[i] = c % L;
                c /= L;
            }

            double score = model.Start[labels[0]] + emissions[labels[0]];
            for (var i = 1; i < n; i++)
            {
                score += model.Transitions[(labels[i - 1] * L) + labels[i]] + emissions[(i * L) + labels[i]];
            }

            score += model.End[labels[n - 1]];
            if (!double.IsNegativeInfinity(score))
            {
                scores.Add((score, (int[])labels.Clone()));
            }
        }

        var max = scores.Max(s => s.Score);
        var logZ = max + Math.Log(scores.Sum(s => Math.Exp(s.Score - max)));
        var spans = new Dictionary<(int, int, EntityType), double>();
        foreach (var (score, sequence) in scores)
        {
            for (var i = 0; i < n; i++)
            {
                if (!NerLabels.IsBegin(sequence[i]))
                {
                    continue;
                }

                var end = i + 1;
                while (end < n && sequence[end] == sequence[i] + 1)
                {
                    end++;
                }

                var key = (i, end, NerLabels.TypeOf(sequence[i]));
                spans[key] = spans.GetValueOrDefault(key) + Math.Exp(score - logZ);
            }
        }

        return (logZ, spans);
    }

    // The textbook recurrences in log space: every label pair, forbidden ones at -inf.
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
