using NewsNer.Tokenization;
using NewsNer.Training.Conll;

namespace NewsNer.Training.Resources;

/// <summary>
/// Word clusters learned from unlabeled text with the exchange algorithm (Kneser &amp; Ney 1993; Martin, Liermann &amp;
/// Ney 1998): words move, one at a time, to the class that most increases the likelihood of a class-bigram model,
/// until no move helps. Run at several granularities (32, 128 and 512 classes by default): a word's value packs its class
/// at each one, and the recognizer gets one feature per granularity (coarse classes generalize, fine ones discriminate,
/// like Brown-cluster path prefixes). Deterministic: words are visited by frequency, ties broken by text.
/// </summary>
public static class WordClusters
{
    private static readonly int[] s_granularities = [32, 128, 512];

    /// <summary>
    /// Learns clusters over the lower-cased tokens of the given splits (default <c>train</c>; never pass <c>test</c>) of
    /// every corpus in <c>data/ner</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, uint> LearnFromCorpora(string sharedDir, int minCount = 3, int iterations = 8, Action<string>? log = null, IReadOnlyList<string>? splits = null)
    {
        splits ??= ["train"];
        if (splits.Contains("test", StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Word clusters never learn from test splits.", nameof(splits));
        }

        var sentences = new List<string[]>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(sharedDir, "data", "ner")).Order(StringComparer.Ordinal))
        {
            foreach (var split in splits)
            {
                var file = Path.Combine(dir, split + ".conll");
                if (File.Exists(file))
                {
                    foreach (var doc in ConllReader.ReadFile(file))
                    {
                        sentences.AddRange(doc.Sentences.Select(s => s.Tokens.Select(t => TokenNormalizer.Normalize(t)).ToArray()));
                    }
                }
            }
        }

        log?.Invoke($"cluster text: {sentences.Count} sentences, {sentences.Sum(s => s.Length)} tokens");
        return Learn(sentences, minCount, iterations, log);
    }

    /// <summary>Learns clusters over tokenized sentences; returns word → packed classes (never 0).</summary>
    public static IReadOnlyDictionary<string, uint> Learn(IReadOnlyList<string[]> sentences, int minCount, int iterations, Action<string>? log = null)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sentences)
        {
            foreach (var w in s)
            {
                frequency[w] = frequency.GetValueOrDefault(w) + 1;
            }
        }

        // Word ids by frequency; rare words share one id (not clustered); 0 = sentence boundary.
        var vocabulary = frequency.Where(kv => kv.Value >= minCount).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToArray();
        var id = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Length; i++)
        {
            id[vocabulary[i]] = i + 2;
        }

        var words = vocabulary.Length + 2; // 0 boundary, 1 rare
        var right = new Dictionary<int, int>[words];
        var left = new Dictionary<int, int>[words];
        for (var i = 0; i < words; i++)
        {
            right[i] = [];
            left[i] = [];
        }

        foreach (var s in sentences)
        {
            var previous = 0;
            for (var k = 0; k <= s.Length; k++)
            {
                var current = k < s.Length ? id.GetValueOrDefault(s[k], 1) : 0;
                right[previous][current] = right[previous].GetValueOrDefault(current) + 1;
                left[current][previous] = left[current].GetValueOrDefault(previous) + 1;
                previous = current;
            }
        }

        var rightPairs = right.Select(d => d.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToArray()).ToArray();
        var leftPairs = left.Select(d => d.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToArray()).ToArray();
        var packed = new uint[words];
        var shift = 0;
        foreach (var classes in s_granularities.Reverse())
        {
            var assignment = Exchange(rightPairs, leftPairs, classes, iterations, log);
            for (var w = 2; w < words; w++)
            {
                packed[w] |= (uint)assignment[w] << shift;
            }

            shift += BitsFor(classes);
        }

        var result = new Dictionary<string, uint>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Length; i++)
        {
            result[vocabulary[i]] = packed[i + 2] | (1u << 31);
        }

        return result;
    }

    /// <summary>Splits a packed value into its class at each granularity (coarse first).</summary>
    public static int BitsFor(int classes) => (int)Math.Ceiling(Math.Log2(classes));

    private static int[] Exchange((int Key, int Value)[][] right, (int Key, int Value)[][] left, int classes, int iterations, Action<string>? log)
    {
        var words = right.Length;
        var cls = new int[words];
        // Boundary and rare words keep classes of their own (0 and 1); others start round-robin by frequency.
        cls[0] = 0;
        cls[1] = 1;
        for (var w = 2; w < words; w++)
        {
            cls[w] = 2 + ((w - 2) % (classes - 2));
        }

        var n = new double[classes * classes];
        var nl = new double[classes];
        var nr = new double[classes];
        for (var w = 0; w < words; w++)
        {
            foreach (var (v, c) in right[w])
            {
                n[(cls[w] * classes) + cls[v]] += c;
                nl[cls[w]] += c;
                nr[cls[v]] += c;
            }
        }

        var rw = new double[classes];
        var lw = new double[classes];
        var touchedR = new List<int>();
        var touchedL = new List<int>();
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var moves = 0;
            for (var w = 2; w < words; w++)
            {
                var a = cls[w];
                double self = 0, nlw = 0, nrw = 0;
                touchedR.Clear();
                touchedL.Clear();
                foreach (var (v, c) in right[w])
                {
                    nlw += c;
                    if (v == w)
                    {
                        self += c;
                        continue;
                    }

                    if (rw[cls[v]] == 0)
                    {
                        touchedR.Add(cls[v]);
                    }

                    rw[cls[v]] += c;
                }

                foreach (var (u, c) in left[w])
                {
                    nrw += c;
                    if (u == w)
                    {
                        continue;
                    }

                    if (lw[cls[u]] == 0)
                    {
                        touchedL.Add(cls[u]);
                    }

                    lw[cls[u]] += c;
                }

                // Remove w from a.
                foreach (var d in touchedR)
                {
                    n[(a * classes) + d] -= rw[d];
                }

                foreach (var c in touchedL)
                {
                    n[(c * classes) + a] -= lw[c];
                }

                n[(a * classes) + a] -= self;
                nl[a] -= nlw;
                nr[a] -= nrw;

                var best = a;
                var bestGain = double.NegativeInfinity;
                for (var b = 2; b < classes; b++)
                {
                    var gain = 0.0;
                    foreach (var d in touchedR)
                    {
                        if (d != b)
                        {
                            gain += Delta(n[(b * classes) + d], rw[d]);
                        }
                    }

                    foreach (var c in touchedL)
                    {
                        if (c != b)
                        {
                            gain += Delta(n[(c * classes) + b], lw[c]);
                        }
                    }

                    gain += Delta(n[(b * classes) + b], rw[b] + lw[b] + self);
                    gain -= Delta(nl[b], nlw) + Delta(nr[b], nrw);
                    if (gain > bestGain + 1e-9 || (b == a && gain >= bestGain - 1e-9))
                    {
                        bestGain = gain;
                        best = b;
                    }
                }

                // Add w to best.
                foreach (var d in touchedR)
                {
                    if (d != best)
                    {
                        n[(best * classes) + d] += rw[d];
                    }
                }

                foreach (var c in touchedL)
                {
                    if (c != best)
                    {
                        n[(c * classes) + best] += lw[c];
                    }
                }

                n[(best * classes) + best] += rw[best] + lw[best] + self;
                nl[best] += nlw;
                nr[best] += nrw;
                if (best != a)
                {
                    cls[w] = best;
                    moves++;
                }

                foreach (var d in touchedR)
                {
                    rw[d] = 0;
                }

                foreach (var c in touchedL)
                {
                    lw[c] = 0;
                }
            }

            log?.Invoke($"  {classes} classes, iteration {iteration + 1}: {moves} moves");
            if (moves == 0)
            {
                break;
            }
        }

        return cls;
    }

    private static double Delta(double count, double add) => F(count + add) - F(count);

    private static double F(double x) => x > 0 ? x * Math.Log(x) : 0;
}
