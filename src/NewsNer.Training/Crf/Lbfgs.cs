namespace NewsNer.Training.Crf;

/// <summary>
/// Limited-memory BFGS minimizer (two-loop recursion, backtracking line search with the Armijo condition). History
/// vectors are stored as floats to halve memory on models with millions of parameters.
/// </summary>
internal sealed class Lbfgs
{
    private readonly int _memory;

    public Lbfgs(int memory = 6) => _memory = memory;

    /// <summary>Minimizes <paramref name="evaluate"/> (returns the value and fills the gradient) from <paramref name="x"/>, in place.</summary>
    public void Minimize(double[] x, Func<double[], double[], double> evaluate, int maxIterations, double tolerance, Action<int, double>? progress = null)
    {
        var n = x.Length;
        var g = new double[n];
        var f = evaluate(x, g);
        var s = new List<float[]>();
        var y = new List<float[]>();
        var rho = new List<double>();
        var d = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var alpha = new double[_memory];
        var history = new Queue<double>();
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            // Direction d = -H g by the two-loop recursion.
            for (var i = 0; i < n; i++)
            {
                d[i] = -g[i];
            }

            for (var k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * Dot(s[k], d);
                Axpy(-alpha[k], y[k], d);
            }

            if (s.Count > 0)
            {
                var last = s.Count - 1;
                var gamma = Dot(s[last], y[last]) / Dot(y[last], y[last]);
                for (var i = 0; i < n; i++)
                {
                    d[i] *= gamma;
                }
            }

            for (var k = 0; k < s.Count; k++)
            {
                var beta = rho[k] * Dot(y[k], d);
                Axpy(alpha[k] - beta, s[k], d);
            }

            var slope = 0.0;
            for (var i = 0; i < n; i++)
            {
                slope += g[i] * d[i];
            }

            if (slope >= 0)
            {
                // Not a descent direction: restart from steepest descent.
                s.Clear();
                y.Clear();
                rho.Clear();
                for (var i = 0; i < n; i++)
                {
                    d[i] = -g[i];
                }

                slope = -Dot(g, g);
            }

            var step = s.Count == 0 ? 1.0 / Math.Sqrt(Math.Max(1e-12, Dot(g, g))) : 1.0;
            double fNew;
            var tries = 0;
            while (true)
            {
                for (var i = 0; i < n; i++)
                {
                    xNew[i] = x[i] + (step * d[i]);
                }

                fNew = evaluate(xNew, gNew);
                if (fNew <= f + (1e-4 * step * slope) || ++tries >= 20)
                {
                    break;
                }

                step *= 0.5;
            }

            var sk = new float[n];
            var yk = new float[n];
            double sy = 0;
            for (var i = 0; i < n; i++)
            {
                var si = xNew[i] - x[i];
                var yi = gNew[i] - g[i];
                sk[i] = (float)si;
                yk[i] = (float)yi;
                sy += si * yi;
            }

            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            var previous = f;
            f = fNew;
            progress?.Invoke(iteration, f);
            if (sy > 1e-10)
            {
                if (s.Count == _memory)
                {
                    s.RemoveAt(0);
                    y.RemoveAt(0);
                    rho.RemoveAt(0);
                }

                s.Add(sk);
                y.Add(yk);
                rho.Add(1.0 / sy);
            }

            history.Enqueue(previous);
            if (history.Count > 5)
            {
                var old = history.Dequeue();
                if ((old - f) / Math.Max(1.0, Math.Abs(f)) < tolerance * 5)
                {
                    break;
                }
            }
        }
    }

    private static double Dot(float[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Axpy(double a, float[] x, double[] y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
