using System.Runtime.InteropServices;
using NewsNer.Tokenization;

namespace NewsNer.Entities;

/// <summary>
/// Identifies, from the text alone, which of a model's profiles (annotation conventions of its training corpora) a
/// collection of sentences comes from: a multiclass maximum-entropy classifier over hashed sentence features (words,
/// word pairs, token shapes, length and final punctuation), trained with the model on its training sentences (by
/// Microsoft.ML, <c>NewsNer.Training</c>). Used by the evaluation tools to pick the convention of a CoNLL file without
/// looking at its labels; the library's pipeline always uses the news (default) profile. Immutable and thread-safe.
/// </summary>
internal sealed class ProfileClassifier
{
    /// <summary>Number of hashed feature buckets.</summary>
    public const int Dimensions = 1 << 16;

    private const ulong TUnigram = 101, TBigram = 102, TShape = 103, TSentence = 104, TFirstCap = 105;

    private readonly float[] _weights;
    private readonly float[] _biases;

    /// <param name="classes">The profile names.</param>
    /// <param name="types">Per profile, the entity types its corpora annotate.</param>
    /// <param name="weights">Weights, <c>[feature * classes.Length + class]</c>.</param>
    /// <param name="biases">One per class.</param>
    public ProfileClassifier(string[] classes, EntityType[][] types, float[] weights, float[] biases)
    {
        if (classes.Length == 0 || types.Length != classes.Length || biases.Length != classes.Length || weights.Length != Dimensions * classes.Length)
        {
            throw new ArgumentException("Inconsistent profile classifier sizes.");
        }

        Classes = classes;
        Types = types;
        _weights = weights;
        _biases = biases;
    }

    /// <summary>The profile names, in class order.</summary>
    public string[] Classes { get; }

    /// <summary>Per profile, the entity types its training corpora annotate (its label set).</summary>
    public EntityType[][] Types { get; }

    /// <summary>Distinct hashed features of one sentence (bucket indices), added to <paramref name="into"/>.</summary>
    public static void Features(ReadOnlySpan<Token> tokens, HashSet<int> into)
    {
        var previous = FeatureHash.Seed;
        for (var i = 0; i < tokens.Length; i++)
        {
            var s = tokens[i].Span;
            var lower = FeatureHash.OfNormalized(s);
            into.Add(Bucket(FeatureHash.Mix(lower, TUnigram)));
            into.Add(Bucket(FeatureHash.Mix(previous, lower, TBigram)));
            into.Add(Bucket(FeatureHash.Mix(Shape(s), TShape)));
            previous = lower;
        }

        var n = tokens.Length;
        var last = n > 0 ? tokens[n - 1].Span : default;
        var closed = last.Length > 0 && last[^1] is '.' or '!' or '?' or '…' ? 1UL : 0UL;
        var bucket = (ulong)Math.Min(n, 40) / 4;
        into.Add(Bucket(FeatureHash.Mix((bucket << 1) | closed, TSentence)));
        if (n > 0)
        {
            into.Add(Bucket(FeatureHash.Mix(char.IsUpper(tokens[0].Span[0]) ? 1UL : 0UL, TFirstCap)));
        }
    }

    /// <summary>Adds the log-probability of each class for one sentence's features to <paramref name="logProbabilities"/>.</summary>
    public void AddLogProbabilities(IEnumerable<int> features, Span<double> logProbabilities)
    {
        var k = Classes.Length;
        Span<double> scores = stackalloc double[k];
        for (var c = 0; c < k; c++)
        {
            scores[c] = _biases[c];
        }

        foreach (var f in features)
        {
            for (var c = 0; c < k; c++)
            {
                scores[c] += _weights[(f * k) + c];
            }
        }

        var max = double.NegativeInfinity;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        var sum = 0.0;
        foreach (var s in scores)
        {
            sum += Math.Exp(s - max);
        }

        var logZ = max + Math.Log(sum);
        for (var c = 0; c < k; c++)
        {
            logProbabilities[c] += scores[c] - logZ;
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Classes.Length);
        for (var c = 0; c < Classes.Length; c++)
        {
            writer.Write(Classes[c]);
            writer.Write(Types[c].Length);
            foreach (var t in Types[c])
            {
                writer.Write((int)t);
            }

            writer.Write(_biases[c]);
        }

        writer.Write(Dimensions);
        writer.Write(MemoryMarshal.AsBytes(_weights.AsSpan()));
    }

    public static ProfileClassifier Read(BinaryReader reader, Stream body)
    {
        var count = reader.ReadInt32();
        if (count is <= 0 or > 64)
        {
            throw new InvalidDataException(Internal.ErrorMessages.BadModel("NER model", "bad profile classifier"));
        }

        var classes = new string[count];
        var types = new EntityType[count][];
        var biases = new float[count];
        for (var c = 0; c < count; c++)
        {
            classes[c] = reader.ReadString();
            var n = reader.ReadInt32();
            if (n is < 0 or > 4)
            {
                throw new InvalidDataException(Internal.ErrorMessages.BadModel("NER model", "bad profile classifier"));
            }

            types[c] = new EntityType[n];
            for (var k = 0; k < n; k++)
            {
                types[c][k] = (EntityType)reader.ReadInt32();
            }

            biases[c] = reader.ReadSingle();
        }

        if (reader.ReadInt32() != Dimensions)
        {
            throw new InvalidDataException(Internal.ErrorMessages.BadModel("NER model", "bad profile classifier"));
        }

        var weights = GC.AllocateUninitializedArray<float>(Dimensions * count);
        body.ReadExactly(MemoryMarshal.AsBytes(weights.AsSpan()));
        return new ProfileClassifier(classes, types, weights, biases);
    }

    private static int Bucket(ulong hash) => (int)(hash & (Dimensions - 1));

    // Compressed shape: runs of X (upper), x (lower), d (digit), and other characters kept ("l '" splits, OCR noise).
    private static ulong Shape(ReadOnlySpan<char> s)
    {
        var h = FeatureHash.Seed;
        var last = '\0';
        foreach (var c in s)
        {
            var k = char.IsUpper(c) ? 'X' : char.IsLetter(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            if (k != last)
            {
                h = FeatureHash.Add(h, k);
                last = k;
            }
        }

        return h;
    }
}
