using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NewsNer.Entities;

namespace NewsNer.Training.Crf;

/// <summary>
/// First-order linear-chain CRF over the BIO labels, trained by L-BFGS with L2 regularization. Sentences whose corpus
/// leaves some types unannotated are trained on partial labels: the numerator sums over every label sequence allowed by
/// the annotation (Tsuboi et al. 2008), so unannotated names are not taught as <c>O</c>. Deterministic: the data are
/// split into fixed contiguous shards, one per thread, and the shard gradients are summed in order. With a prior (domain
/// adaptation, Chelba &amp; Acero 2004), training starts from the prior's weights and the L2 penalty pulls towards them
/// instead of towards zero: features the new data does not contradict keep their old weights.
/// </summary>
internal sealed class CrfTrainer
{
    private const int L = NerLabels.Count;
    private readonly FeatureTable _table;
    private readonly IReadOnlyList<TrainingSentence> _sentences;
    private readonly double _l2;
    private readonly int _threads;
    private readonly int _transitionOffset;
    private readonly double[]? _prior;

    /// <param name="table">The training sentences' features.</param>
    /// <param name="sentences">The training sentences.</param>
    /// <param name="l2">L2 strength (per parameter, on the summed loss).</param>
    /// <param name="threads">Threads for the gradient (no effect on the result).</param>
    /// <param name="prior">
    /// The weights the penalty pulls towards and training starts from (<see cref="ParameterCount"/> values, laid out as
    /// the trained parameters), or null for zero.
    /// </param>
    public CrfTrainer(FeatureTable table, IReadOnlyList<TrainingSentence> sentences, double l2, int threads, double[]? prior = null)
    {
        _table = table;
        _sentences = sentences;
        _l2 = l2;
        _threads = Math.Max(1, threads);
        _transitionOffset = table.FeatureCount * L;
        ParameterCount = _transitionOffset + (L * L) + (2 * L);
        if (prior is not null && prior.Length != ParameterCount)
        {
            throw new ArgumentException($"The prior has {prior.Length} values; the model has {ParameterCount} parameters.", nameof(prior));
        }

        _prior = prior;
    }

    public int ParameterCount { get; }

    public int TransitionOffset => _transitionOffset;

    public double[] Train(int maxIterations, double tolerance, Action<string>? log, Action<int, double[]>? checkpoint = null)
    {
        var x = _prior is null ? new double[ParameterCount] : (double[])_prior.Clone();
        var lbfgs = new Lbfgs(6);
        var started = DateTime.UtcNow;
        lbfgs.Minimize(x, Evaluate, maxIterations, tolerance, (it, f) =>
        {
            log?.Invoke($"  iteration {it,3}  loss {f:0.000}  ({(DateTime.UtcNow - started).TotalSeconds:0}s)");
            checkpoint?.Invoke(it, x);
        });
        return x;
    }

    /// <summary>Negative log-likelihood plus L2 penalty; fills the gradient.</summary>
    public double Evaluate(double[] x, double[] gradient)
    {
        var shards = new (double Loss, double[] Gradient)[_threads];
        var count = _sentences.Count;
        Parallel.For(0, _threads, new ParallelOptions { MaxDegreeOfParallelism = _threads }, t =>
        {
            var g = t == 0 ? gradient : new double[gradient.Length];
            Array.Clear(g);
            var loss = 0.0;
            var work = new Workspace();
            for (var s = t * count / _threads; s < (t + 1) * count / _threads; s++)
            {
                loss += Sentence(s, x, g, work);
            }

            shards[t] = (loss, g);
        });

        var total = shards[0].Loss;
        for (var t = 1; t < _threads; t++)
        {
            total += shards[t].Loss;
            var g = shards[t].Gradient;
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] += g[i];
            }
        }

        var prior = _prior;
        for (var i = 0; i < x.Length; i++)
        {
            var d = prior is null ? x[i] : x[i] - prior[i];
            total += 0.5 * _l2 * d * d;
            gradient[i] += _l2 * d;
        }

        return total;
    }

    private sealed class Workspace
    {
        public double[] Emissions = new double[64 * L];
        public double[] Psi = new double[64 * L];
        public double[] Alpha = new double[64 * L];
        public double[] Beta = new double[64 * L];
        public double[] Scale = new double[64];
        public double[] Marginals = new double[64 * L];
        public double[] Pairs = new double[L * L];
        public double[] Start = new double[L];
        public double[] End = new double[L];

        public void Ensure(int n)
        {
            if (Scale.Length >= n)
            {
                return;
            }

            Emissions = new double[n * L];
            Psi = new double[n * L];
            Alpha = new double[n * L];
            Beta = new double[n * L];
            Scale = new double[n];
            Marginals = new double[n * L];
        }
    }

    private double Sentence(int index, double[] x, double[] g, Workspace w)
    {
        var sentence = _sentences[index];
        var first = _table.SentenceStarts[index];
        var n = _table.SentenceStarts[index + 1] - first;
        if (n == 0)
        {
            return 0;
        }

        w.Ensure(n);
        var ids = _table.Ids;
        var starts = _table.TokenStarts;
        var e = w.Emissions;
        for (var i = 0; i < n; i++)
        {
            var row = i * L;
            var sum0 = Vector256<double>.Zero;
            var sum1 = Vector256<double>.Zero;
            var sum8 = 0.0;
            for (var k = starts[first + i]; k < starts[first + i + 1]; k++)
            {
                var fo = ids[k] * L;
                ref var wf = ref x[fo];
                sum0 += Vector256.LoadUnsafe(ref wf);
                sum1 += Vector256.LoadUnsafe(ref Unsafe.Add(ref wf, 4));
                sum8 += Unsafe.Add(ref wf, 8);
            }

            sum0.StoreUnsafe(ref e[row]);
            sum1.StoreUnsafe(ref e[row + 4]);
            e[row + 8] = sum8;
        }

        var weight = sentence.Weight;
        // Model expectation (+) and constrained expectation (−); fully labelled sentences have a single allowed path,
        // whose score and counts are read directly.
        var logZ = ForwardBackward(x, n, null, w);
        Accumulate(g, first, n, +weight, w);
        if (!sentence.IsPartial)
        {
            return weight * (logZ - GoldPath(x, g, first, n, sentence.Labels, weight, w));
        }

        var logZc = ForwardBackward(x, n, sentence.Allowed, w);
        Accumulate(g, first, n, -weight, w);
        return weight * (logZ - logZc);
    }

    // Score of the gold label path; subtracts its feature and transition counts from the gradient.
    private double GoldPath(double[] x, double[] g, int first, int n, int[] labels, double weight, Workspace w)
    {
        var ids = _table.Ids;
        var starts = _table.TokenStarts;
        var t = _transitionOffset;
        var e = w.Emissions;
        var score = x[t + (L * L) + labels[0]] + x[t + (L * L) + L + labels[n - 1]];
        g[t + (L * L) + labels[0]] -= weight;
        g[t + (L * L) + L + labels[n - 1]] -= weight;
        for (var i = 0; i < n; i++)
        {
            var y = labels[i];
            score += e[(i * L) + y];
            for (var k = starts[first + i]; k < starts[first + i + 1]; k++)
            {
                g[(ids[k] * L) + y] -= weight;
            }

            if (i > 0)
            {
                var pair = (labels[i - 1] * L) + y;
                score += x[t + pair];
                g[t + pair] -= weight;
            }
        }

        return score;
    }

    private void Accumulate(double[] g, int first, int n, double sign, Workspace w)
    {
        var ids = _table.Ids;
        var starts = _table.TokenStarts;
        var m = w.Marginals;
        for (var i = 0; i < n; i++)
        {
            var row = i * L;
            var m0 = Vector256.LoadUnsafe(ref m[row]) * sign;
            var m1 = Vector256.LoadUnsafe(ref m[row + 4]) * sign;
            var m8 = sign * m[row + 8];
            for (var k = starts[first + i]; k < starts[first + i + 1]; k++)
            {
                ref var gw = ref g[ids[k] * L];
                (Vector256.LoadUnsafe(ref gw) + m0).StoreUnsafe(ref gw);
                ref var gw4 = ref Unsafe.Add(ref gw, 4);
                (Vector256.LoadUnsafe(ref gw4) + m1).StoreUnsafe(ref gw4);
                Unsafe.Add(ref gw, 8) += m8;
            }
        }

        var t = _transitionOffset;
        for (var k = 0; k < L * L; k++)
        {
            g[t + k] += sign * w.Pairs[k];
        }

        for (var y = 0; y < L; y++)
        {
            g[t + (L * L) + y] += sign * w.Start[y];
            g[t + (L * L) + L + y] += sign * w.End[y];
        }
    }

    // Scaled forward–backward; leaves token marginals, summed transition marginals, start/end marginals in the workspace.
    private double ForwardBackward(double[] x, int n, ushort[]? allowed, Workspace w)
    {
        var e = w.Emissions;
        var psi = w.Psi;
        var a = w.Alpha;
        var b = w.Beta;
        var c = w.Scale;
        var t = _transitionOffset;
        Span<double> trans = stackalloc double[L * L];
        Span<double> start = stackalloc double[L];
        Span<double> end = stackalloc double[L];
        var allowedTable = NerDecoder.Allowed;
        for (var k = 0; k < L * L; k++)
        {
            trans[k] = allowedTable[k] ? Math.Exp(x[t + k]) : 0;
        }

        for (var y = 0; y < L; y++)
        {
            start[y] = NerLabels.IsInside(y) ? 0 : Math.Exp(x[t + (L * L) + y]);
            end[y] = Math.Exp(x[t + (L * L) + L + y]);
        }

        var logZ = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = i * L;
            var max = double.NegativeInfinity;
            for (var y = 0; y < L; y++)
            {
                max = Math.Max(max, e[row + y]);
            }

            logZ += max;
            var mask = allowed is null ? 0xFFFF : allowed[i];
            for (var y = 0; y < L; y++)
            {
                psi[row + y] = (mask & (1 << y)) != 0 ? Math.Exp(e[row + y] - max) : 0;
            }
        }

        // Forward.
        var sum = 0.0;
        for (var y = 0; y < L; y++)
        {
            a[y] = start[y] * psi[y];
            sum += a[y];
        }

        c[0] = sum;
        for (var y = 0; y < L; y++)
        {
            a[y] /= sum;
        }

        for (var i = 1; i < n; i++)
        {
            var row = i * L;
            var prev = row - L;
            sum = 0;
            for (var y = 0; y < L; y++)
            {
                var s = 0.0;
                for (var p = 0; p < L; p++)
                {
                    s += a[prev + p] * trans[(p * L) + y];
                }

                a[row + y] = s * psi[row + y];
                sum += a[row + y];
            }

            c[i] = sum;
            for (var y = 0; y < L; y++)
            {
                a[row + y] /= sum;
            }
        }

        var lastRow = (n - 1) * L;
        var zEnd = 0.0;
        for (var y = 0; y < L; y++)
        {
            zEnd += a[lastRow + y] * end[y];
        }

        for (var i = 0; i < n; i++)
        {
            logZ += Math.Log(c[i]);
        }

        logZ += Math.Log(zEnd);

        // Backward.
        for (var y = 0; y < L; y++)
        {
            b[lastRow + y] = end[y] / zEnd;
        }

        for (var i = n - 2; i >= 0; i--)
        {
            var row = i * L;
            var next = row + L;
            for (var p = 0; p < L; p++)
            {
                var s = 0.0;
                for (var y = 0; y < L; y++)
                {
                    s += trans[(p * L) + y] * psi[next + y] * b[next + y];
                }

                b[row + p] = s / c[i + 1];
            }
        }

        // Marginals.
        var m = w.Marginals;
        for (var i = 0; i < n * L; i++)
        {
            m[i] = a[i] * b[i];
        }

        Array.Clear(w.Pairs);
        for (var i = 1; i < n; i++)
        {
            var row = i * L;
            var prev = row - L;
            for (var p = 0; p < L; p++)
            {
                var ap = a[prev + p] / c[i];
                if (ap == 0)
                {
                    continue;
                }

                for (var y = 0; y < L; y++)
                {
                    w.Pairs[(p * L) + y] += ap * trans[(p * L) + y] * psi[row + y] * b[row + y];
                }
            }
        }

        for (var y = 0; y < L; y++)
        {
            w.Start[y] = m[y];
            w.End[y] = m[lastRow + y];
        }

        return logZ;
    }
}
