using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using NewsNer.Internal;

namespace NewsNer.Entities;

/// <summary>
/// A trained linear sequence model for <see cref="NerLabels"/>: per-feature label weights in an open-addressing table
/// stored ready to use (tag + 9 quantized weights per 24-byte slot, one cache line access per feature), label transition,
/// start and end scores. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// File format (little-endian): <c>"NNER"</c>, format version, feature-template version, lexicon id, label count and names,
/// metadata (UTF-8 JSON), transitions (<c>labels × labels</c> floats, from × to), start and end scores, weight scale,
/// table capacity, then the slots (version 3: the number of used slots, a bitmap of the used slots and their tags and
/// weights only, so loading decompresses a third of the table and scatters it), then (version 2 on) a flag and the
/// <see cref="ProfileClassifier"/>. The file may be gzip- or Brotli-compressed; <see cref="Read"/> detects it.
/// </remarks>
internal sealed class NerModel
{
    private const uint Magic = 0x52454E4E; // "NNER"
    private const int FormatVersion = 3;

    /// <summary>Table load factor of the models written from now on: dense (less to allocate and to fault in at load) with short probes.</summary>
    internal const double MaxLoadFactor = 0.65;

    private readonly Slot[] _slots;
    private readonly float _scale;

    // Tables of format versions 1–2 are powers of two indexed by the hash's low bits; version 3 tables have any size and
    // are indexed by multiply-shift range reduction (Lemire 2019) of the hash's low 32 bits.
    private readonly bool _powerOfTwo;

    public NerModel(Slot[] slots, float scale, float[] transitions, float[] start, float[] end, ulong lexiconId, string metadata, string[]? profiles = null, string defaultProfile = "", ProfileClassifier? profileClassifier = null)
    {
        ProfileClassifier = profileClassifier;
        Profiles = profiles ?? [];
        DefaultProfile = defaultProfile;
        _powerOfTwo = slots.Length != 0 && (slots.Length & (slots.Length - 1)) == 0;

        _slots = slots;
        _scale = scale;
        Transitions = transitions;
        Start = start;
        End = end;
        ExpTransitions = [.. transitions.Select(t => Math.Exp(t))];
        ExpStart = [.. start.Select(t => Math.Exp(t))];
        ExpEnd = [.. end.Select(t => Math.Exp(t))];
        LexiconId = lexiconId;
        Metadata = metadata;
    }

    /// <summary>Transition scores, <c>[from * Count + to]</c>.</summary>
    public float[] Transitions { get; }

    public float[] Start { get; }

    public float[] End { get; }

    /// <summary>exp of <see cref="Transitions"/> (0 for forbidden pairs), for the probability-domain forward–backward.</summary>
    public double[] ExpTransitions { get; }

    /// <summary>exp of <see cref="Start"/>.</summary>
    public double[] ExpStart { get; }

    /// <summary>exp of <see cref="End"/>.</summary>
    public double[] ExpEnd { get; }

    public ulong LexiconId { get; }

    /// <summary>
    /// The domain profiles (annotation conventions) the model was trained with. The table holds the default profile's
    /// weights under the plain feature keys, and each other profile's difference under <see cref="ProfileKey"/> keys.
    /// </summary>
    public string[] Profiles { get; }

    /// <summary>Identifies a text's profile from the text alone (evaluation tools), or null when the model has none.</summary>
    public ProfileClassifier? ProfileClassifier { get; }

    /// <summary>The same model with a profile classifier.</summary>
    public NerModel WithProfileClassifier(ProfileClassifier? classifier) =>
        new(_slots, _scale, Transitions, Start, End, LexiconId, Metadata, Profiles, DefaultProfile, classifier);

    /// <summary>The profile whose weights the plain keys hold ("" = the shared weights alone).</summary>
    public string DefaultProfile { get; }

    /// <summary>Salt of a profile's feature copies.</summary>
    public static ulong ProfileSalt(string profile) => FeatureHash.Of(profile) | 1;

    /// <summary>Key of the profile-specific copy of a feature.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ProfileKey(ulong feature, ulong salt) => FeatureHash.Mix(feature, salt);

    /// <summary>The salt to pass to <see cref="Score"/> for a profile: 0 for the default one.</summary>
    /// <exception cref="ArgumentException">The model has no such profile.</exception>
    public ulong SaltFor(string? profile)
    {
        if (string.IsNullOrEmpty(profile) || profile == DefaultProfile)
        {
            return 0;
        }

        if (Array.IndexOf(Profiles, profile) < 0)
        {
            throw new ArgumentException(ErrorMessages.UnknownProfile(profile, Profiles, DefaultProfile), nameof(profile));
        }

        return ProfileSalt(profile);
    }

    /// <summary>Free-form JSON describing how the model was trained (data, seed, learner, scores).</summary>
    public string Metadata { get; }

    public int FeatureCount
    {
        get
        {
            var count = 0;
            foreach (ref readonly var s in _slots.AsSpan())
            {
                if (s.Tag != 0)
                {
                    count++;
                }
            }

            return count;
        }
    }

    public int Capacity => _slots.Length;

    /// <summary>One table entry: the key's tag and its 9 label weights (quantized).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 2)]
    internal struct Slot
    {
        public uint Tag;
        public Weights Weights;
        public short Padding;
    }

    [InlineArray(NerLabels.Count)]
    internal struct Weights
    {
        private short _element;
    }

    /// <summary>
    /// Asks the processor to start loading the table slots of <paramref name="features"/> (their first probe) into the
    /// cache, so that a later <see cref="Score"/> of them does not wait for memory one feature at a time. The table is
    /// larger than the caches and features are spread at random over it; no effect on results.
    /// </summary>
    public unsafe void Prefetch(ReadOnlySpan<ulong> features)
    {
        var slots = _slots;
        if (!Sse.IsSupported || slots.Length == 0)
        {
            return;
        }

        var mask = slots.Length - 1;
        fixed (Slot* table = slots)
        {
            foreach (var feature in features)
            {
                Sse.Prefetch0(table + ((int)feature & mask));
            }
        }
    }

    /// <summary>
    /// Adds the label scores of <paramref name="features"/> into <paramref name="scores"/> (length 9); with a profile salt
    /// (<see cref="SaltFor"/>), the profile's copies are added too.
    /// </summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores, ulong profileSalt = 0)
    {
        var slots = _slots;
        if (slots.Length == 0)
        {
            return;
        }

        // 16-bit weights summed in 32-bit lanes: labels 0–7 in two vectors, label 8 apart.
        var low = Vector128<int>.Zero;
        var high = Vector128<int>.Zero;
        var last = 0;
        var mask = slots.Length - 1;
        var length = (ulong)slots.Length;
        var powerOfTwo = _powerOfTwo;
        var count = profileSalt == 0 ? features.Length : 2 * features.Length;
        for (var n = 0; n < count; n++)
        {
            var feature = n < features.Length ? features[n] : ProfileKey(features[n - features.Length], profileSalt);
            var tag = HashTables.Tag(feature);
            var i = powerOfTwo ? (int)feature & mask : (int)(((feature & 0xFFFFFFFF) * length) >> 32);
            while (true)
            {
                ref var slot = ref slots[i];
                if (slot.Tag == tag)
                {
                    ref var w = ref Unsafe.As<Weights, short>(ref slot.Weights);
                    var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref w));
                    low += lo;
                    high += hi;
                    last += Unsafe.Add(ref w, 8);
                    break;
                }

                if (slot.Tag == 0)
                {
                    break;
                }

                if (++i == slots.Length)
                {
                    i = 0;
                }
            }
        }

        for (var k = 0; k < 4; k++)
        {
            scores[k] += low[k] * _scale;
            scores[k + 4] += high[k] * _scale;
        }

        scores[8] += last * _scale;
    }

    /// <summary>Builds a model from float weights per feature key (quantized to 16 bits with one global scale).</summary>
    public static NerModel Create(IReadOnlyDictionary<ulong, float[]> weights, float[] transitions, float[] start, float[] end, ulong lexiconId, string metadata, string[]? profiles = null, string defaultProfile = "")
    {
        var max = 1e-6f;
        foreach (var w in weights.Values)
        {
            foreach (var x in w)
            {
                max = Math.Max(max, Math.Abs(x));
            }
        }

        var scale = max / short.MaxValue;
        var slots = new Slot[Math.Max(16, (int)Math.Ceiling(weights.Count / MaxLoadFactor))];
        foreach (var (key, w) in weights)
        {
            var tag = HashTables.Tag(key);
            var i = (int)(((key & 0xFFFFFFFF) * (ulong)slots.Length) >> 32);
            while (slots[i].Tag != 0 && slots[i].Tag != tag)
            {
                i = i + 1 == slots.Length ? 0 : i + 1;
            }

            slots[i].Tag = tag;
            Span<short> q = slots[i].Weights;
            for (var k = 0; k < NerLabels.Count; k++)
            {
                q[k] = (short)Math.Round(w[k] / scale);
            }
        }

        return new NerModel(slots, scale, transitions, start, end, lexiconId, metadata, profiles, defaultProfile);
    }

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(NerFeatureExtractor.Version);
        writer.Write(LexiconId);
        writer.Write(NerLabels.Count);
        foreach (var name in NerLabels.Names)
        {
            writer.Write(name);
        }

        writer.Write(Metadata);
        writer.Write(Profiles.Length);
        foreach (var profile in Profiles)
        {
            writer.Write(profile);
        }

        writer.Write(DefaultProfile);
        WriteFloats(writer, Transitions);
        WriteFloats(writer, Start);
        WriteFloats(writer, End);
        writer.Write(_scale);
        writer.Write(_slots.Length);
        var used = 0;
        var bitmap = new ulong[(_slots.Length + 63) / 64];
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Tag != 0)
            {
                bitmap[i >> 6] |= 1UL << (i & 63);
                used++;
            }
        }

        writer.Write(used);
        writer.Write(MemoryMarshal.AsBytes(bitmap.AsSpan()));
        // Tags, then weights: grouping like with like compresses better.
        foreach (ref readonly var slot in _slots.AsSpan())
        {
            if (slot.Tag != 0)
            {
                writer.Write(slot.Tag);
            }
        }

        foreach (ref readonly var slot in _slots.AsSpan())
        {
            if (slot.Tag != 0)
            {
                writer.Write(MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in slot.Weights, 1)));
            }
        }

        writer.Write(ProfileClassifier is null ? 0 : 1);
        ProfileClassifier?.Write(writer);
    }

    /// <summary>Reads a model (raw, gzip or Brotli).</summary>
    /// <exception cref="InvalidDataException">Not a NewsNer model, or written by an incompatible version.</exception>
    public static NerModel Read(Stream stream)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("NewsNer models need a little-endian machine.");
        }

        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        var input = new BufferedStream(stream, 1 << 16);
        Span<byte> head = stackalloc byte[4];
        var peek = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        input.Seek(-peek, SeekOrigin.Current);
        Stream body = peek >= 2 && head[0] == 0x1F && head[1] == 0x8B ? new GZipStream(input, CompressionMode.Decompress)
            : peek == 4 && BitConverter.ToUInt32(head) == Magic ? input
            : new BrotliStream(input, CompressionMode.Decompress);
        try
        {
            using var reader = new BinaryReader(body, Encoding.UTF8, leaveOpen: true);
            if (reader.ReadUInt32() != Magic)
            {
                throw new InvalidDataException(ErrorMessages.BadModel("NER model", "not a NewsNer model file"));
            }

            var version = reader.ReadInt32();
            if (version is < 1 or > FormatVersion)
            {
                throw new InvalidDataException(ErrorMessages.BadModel("NER model", "unsupported format version"));
            }

            if (reader.ReadInt32() != NerFeatureExtractor.Version)
            {
                throw new InvalidDataException(ErrorMessages.BadModel("NER model", "it was trained with other feature templates"));
            }

            var lexiconId = reader.ReadUInt64();
            var labels = reader.ReadInt32();
            if (labels != NerLabels.Count)
            {
                throw new InvalidDataException(ErrorMessages.BadModel("NER model", "unexpected label set"));
            }

            for (var k = 0; k < labels; k++)
            {
                if (reader.ReadString() != NerLabels.Name(k))
                {
                    throw new InvalidDataException(ErrorMessages.BadModel("NER model", "unexpected label set"));
                }
            }

            var metadata = reader.ReadString();
            var profileCount = reader.ReadInt32();
            if (profileCount is < 0 or > 64)
            {
                throw new InvalidDataException(ErrorMessages.BadModel("NER model", "bad profile list"));
            }

            var profiles = new string[profileCount];
            for (var k = 0; k < profileCount; k++)
            {
                profiles[k] = reader.ReadString();
            }

            var defaultProfile = reader.ReadString();
            var transitions = ReadFloats(reader, NerLabels.Count * NerLabels.Count);
            var start = ReadFloats(reader, NerLabels.Count);
            var end = ReadFloats(reader, NerLabels.Count);
            var scale = reader.ReadSingle();
            var capacity = reader.ReadInt32();
            if (capacity < 0 || (version < 3 && (capacity & (capacity - 1)) != 0) || capacity > (1 << 26))
            {
                throw new InvalidDataException(ErrorMessages.BadModel("NER model", "bad table size"));
            }

            Slot[] slots;
            if (version < 3)
            {
                slots = GC.AllocateUninitializedArray<Slot>(capacity);
                body.ReadExactly(MemoryMarshal.AsBytes(slots.AsSpan()));
            }
            else
            {
                slots = ReadUsedSlots(reader, body, capacity);
            }

            var classifier = version >= 2 && reader.ReadInt32() == 1 ? ProfileClassifier.Read(reader, body) : null;
            return new NerModel(slots, scale, transitions, start, end, lexiconId, metadata, profiles, defaultProfile, classifier);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException(ErrorMessages.BadModel("NER model", "the file is truncated"), e);
        }
        finally
        {
            if (!ReferenceEquals(body, input))
            {
                body.Dispose();
            }
        }
    }

    // Version 3 table: bitmap of used slots, their tags, their weights; the other slots stay zero (empty).
    private static Slot[] ReadUsedSlots(BinaryReader reader, Stream body, int capacity)
    {
        var used = reader.ReadInt32();
        if (used < 0 || used > capacity)
        {
            throw new InvalidDataException(ErrorMessages.BadModel("NER model", "bad table size"));
        }

        var bitmap = new ulong[(capacity + 63) / 64];
        body.ReadExactly(MemoryMarshal.AsBytes(bitmap.AsSpan()));
        // Tags, then weights, streamed in chunks straight into their slots (no used-size copies: less to allocate and
        // to collect at load).
        var slots = new Slot[capacity];
        const int Chunk = 1 << 14;
        var tags = System.Buffers.ArrayPool<uint>.Shared.Rent(Chunk);
        var weights = System.Buffers.ArrayPool<Weights>.Shared.Rent(Chunk);
        var k = 0;
        try
        {
            var word = 0;
            var bits = bitmap.Length > 0 ? bitmap[0] : 0;
            for (var done = 0; done < used; done += Chunk)
            {
                var n = Math.Min(Chunk, used - done);
                body.ReadExactly(MemoryMarshal.AsBytes(tags.AsSpan(0, n)));
                for (var c = 0; c < n; c++)
                {
                    while (bits == 0 && ++word < bitmap.Length)
                    {
                        bits = bitmap[word];
                    }

                    var i = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    if (bits == 0 || i >= capacity || tags[c] == 0)
                    {
                        throw new InvalidDataException(ErrorMessages.BadModel("NER model", "bad table"));
                    }

                    bits &= bits - 1;
                    slots[i].Tag = tags[c];
                    k++;
                }
            }

            // Every used slot has a tag: no bit may be left over.
            while (bits == 0 && ++word < bitmap.Length)
            {
                bits = bitmap[word];
            }

            if (bits != 0)
            {
                throw new InvalidDataException(ErrorMessages.BadModel("NER model", "bad table"));
            }

            // Second pass over the same positions, for the weights.
            word = 0;
            bits = bitmap.Length > 0 ? bitmap[0] : 0;
            for (var done = 0; done < used; done += Chunk)
            {
                var n = Math.Min(Chunk, used - done);
                body.ReadExactly(MemoryMarshal.AsBytes(weights.AsSpan(0, n)));
                for (var c = 0; c < n; c++)
                {
                    while (bits == 0 && ++word < bitmap.Length)
                    {
                        bits = bitmap[word];
                    }

                    var i = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    slots[i].Weights = weights[c];
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<uint>.Shared.Return(tags);
            System.Buffers.ArrayPool<Weights>.Shared.Return(weights);
        }

        if (k != used)
        {
            throw new InvalidDataException(ErrorMessages.BadModel("NER model", "bad table"));
        }

        return slots;
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (var k = 0; k < count; k++)
        {
            values[k] = reader.ReadSingle();
        }

        return values;
    }
}
