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
    private const int FormatVersion = 4;

    /// <summary>Table load factor of the models written from now on: dense (less to allocate and to fault in at load) with short probes.</summary>
    internal const double MaxLoadFactor = 0.65;

    private readonly Slot[] _slots;
    private readonly float _scale;

    // Tables of format versions 1–2 are powers of two indexed by the hash's low bits; version 3 tables have any size and
    // are indexed by multiply-shift range reduction (Lemire 2019) of the hash's low 32 bits.
    private readonly bool _powerOfTwo;

    // With a layer (format 4): _slots holds the layer's weights in place of the base's for the keys it modified;
    // _replaced keeps the base weights of those keys, _added the layer's keys the base lacks (both power-of-two tables).
    private readonly NerModelLayer? _layer;
    private readonly Slot[] _added = [];
    private readonly Slot[] _replaced = [];

    // What this view of the model scores with: the layer (default profile of a layered model: its added keys are looked
    // up when the table misses) or the base (its replaced weights override the table's), plus a profile salt.
    private readonly bool _withLayer;
    private readonly ulong _salt;

    public NerModel(Slot[] slots, float scale, float[] transitions, float[] start, float[] end, ulong lexiconId, string metadata, string[]? profiles = null, string defaultProfile = "", ProfileClassifier? profileClassifier = null)
    {
        ProfileClassifier = profileClassifier;
        BaseProfiles = profiles ?? [];
        BaseDefaultProfile = defaultProfile;
        Profiles = BaseProfiles;
        DefaultProfile = defaultProfile;
        _powerOfTwo = slots.Length != 0 && (slots.Length & (slots.Length - 1)) == 0;

        _slots = slots;
        _scale = scale;
        Transitions = transitions;
        Start = start;
        End = end;
        BaseTransitions = transitions;
        BaseStart = start;
        BaseEnd = end;
        ExpTransitions = [.. transitions.Select(t => Math.Exp(t))];
        ExpStart = [.. start.Select(t => Math.Exp(t))];
        ExpEnd = [.. end.Select(t => Math.Exp(t))];
        LexiconId = lexiconId;
        Metadata = metadata;
    }

    // A model whose table holds the layer's weights (already applied to slots), viewed with its default (layer) profile.
    private NerModel(NerModel baseModel, Slot[] slots, NerModelLayer layer, Slot[] added, Slot[] replaced)
        : this(slots, baseModel._scale, baseModel.BaseTransitions, baseModel.BaseStart, baseModel.BaseEnd, baseModel.LexiconId, baseModel.Metadata, baseModel.BaseProfiles, baseModel.BaseDefaultProfile, baseModel.ProfileClassifier)
    {
        TemplateVersion = baseModel.TemplateVersion;
        _layer = layer;
        _added = added;
        _replaced = replaced;
        _withLayer = true;
        Profiles = [.. BaseProfiles.Append(layer.Profile).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        DefaultProfile = layer.Profile;
        Transitions = layer.Transitions;
        Start = layer.Start;
        End = layer.End;
        ExpTransitions = [.. Transitions.Select(t => Math.Exp(t))];
        ExpStart = [.. Start.Select(t => Math.Exp(t))];
        ExpEnd = [.. End.Select(t => Math.Exp(t))];
    }

    // Another view of the same tables: the base's weights and transitions (a corpus profile of a layered model), plus a salt.
    private NerModel(NerModel model, bool withLayer, ulong salt)
        : this(model._slots, model._scale, withLayer ? model.Transitions : model.BaseTransitions, withLayer ? model.Start : model.BaseStart, withLayer ? model.End : model.BaseEnd, model.LexiconId, model.Metadata, model.BaseProfiles, model.BaseDefaultProfile, model.ProfileClassifier)
    {
        TemplateVersion = model.TemplateVersion;
        _layer = model._layer;
        _added = model._added;
        _replaced = model._replaced;
        _withLayer = withLayer && model._layer is not null;
        _salt = salt;
        Profiles = model.Profiles;
        DefaultProfile = model.DefaultProfile;
        BaseTransitions = model.BaseTransitions;
        BaseStart = model.BaseStart;
        BaseEnd = model.BaseEnd;
    }

    /// <summary>Transition scores, <c>[from * Count + to]</c>.</summary>
    public float[] Transitions { get; }

    public float[] Start { get; }

    public float[] End { get; }

    /// <summary>The base model's transitions (the corpus profiles of a layered model use them).</summary>
    public float[] BaseTransitions { get; }

    public float[] BaseStart { get; }

    public float[] BaseEnd { get; }

    /// <summary>The domain layer applied to this model (the news layer), or null.</summary>
    public NerModelLayer? Layer => _layer;

    /// <summary>The profiles of the base model (the corpora's annotation conventions).</summary>
    public string[] BaseProfiles { get; }

    /// <summary>The base model's default profile (its plain keys): the default of a model without a layer.</summary>
    public string BaseDefaultProfile { get; }

    /// <summary>The quantization step of the weights (one global scale).</summary>
    public float Scale => _scale;

    /// <summary>exp of <see cref="Transitions"/> (0 for forbidden pairs), for the probability-domain forward–backward.</summary>
    public double[] ExpTransitions { get; }

    /// <summary>exp of <see cref="Start"/>.</summary>
    public double[] ExpStart { get; }

    /// <summary>exp of <see cref="End"/>.</summary>
    public double[] ExpEnd { get; }

    public ulong LexiconId { get; }

    /// <summary>The feature-template version the base table was trained with (<see cref="NerFeatureExtractor.CanRead"/>).</summary>
    public int TemplateVersion { get; private init; } = NerFeatureExtractor.Version;

    /// <summary>
    /// The domain profiles (annotation conventions) the model was trained with. The table holds the default profile's
    /// weights under the plain feature keys, and each other profile's difference under <see cref="ProfileKey"/> keys.
    /// A layered model adds the layer's profile (its default) to the base's.
    /// </summary>
    public string[] Profiles { get; }

    /// <summary>Identifies a text's profile from the text alone (evaluation tools), or null when the model has none.</summary>
    public ProfileClassifier? ProfileClassifier { get; }

    /// <summary>The same model with a profile classifier.</summary>
    public NerModel WithProfileClassifier(ProfileClassifier? classifier)
    {
        var model = new NerModel(_layer is null ? _slots : WithoutLayer()._slots, _scale, BaseTransitions, BaseStart, BaseEnd, LexiconId, Metadata, BaseProfiles, BaseDefaultProfile, classifier) { TemplateVersion = TemplateVersion };
        return _layer is null ? model : model.WithLayer(_layer);
    }

    /// <summary>The profile the model uses by default: the layer's when it has one, else the one its plain keys hold ("" = the shared weights alone).</summary>
    public string DefaultProfile { get; }

    /// <summary>Salt of a profile's feature copies.</summary>
    public static ulong ProfileSalt(string profile) => FeatureHash.Of(profile) | 1;

    /// <summary>Key of the profile-specific copy of a feature.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ProfileKey(ulong feature, ulong salt) => FeatureHash.Mix(feature, salt);

    /// <summary>
    /// The model as one profile sees it: the default profile (null or <see cref="DefaultProfile"/>) is the model itself;
    /// a base profile of a layered model scores with the base's weights and transitions, exactly as before the layer.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no such profile.</exception>
    public NerModel ForProfile(string? profile)
    {
        if (string.IsNullOrEmpty(profile) || profile == DefaultProfile)
        {
            return this;
        }

        if (Array.IndexOf(BaseProfiles, profile) < 0)
        {
            throw new ArgumentException(ErrorMessages.UnknownProfile(profile, Profiles, DefaultProfile), nameof(profile));
        }

        return new NerModel(this, withLayer: false, profile == BaseDefaultProfile ? 0 : ProfileSalt(profile));
    }

    /// <summary>
    /// Whether a profile follows the news convention of literal buildings (<c>Kremlin</c> is a place): the default profile
    /// and the base's default (Sequoia, whose convention the news guide follows).
    /// </summary>
    public bool IsLiteralConvention(string? profile) =>
        string.IsNullOrEmpty(profile) || profile == DefaultProfile || profile == BaseDefaultProfile;

    /// <summary>The salt to pass to <see cref="Score"/> for a base profile: 0 for the base's default one.</summary>
    /// <exception cref="ArgumentException">The model has no such profile.</exception>
    public ulong SaltFor(string? profile)
    {
        if (string.IsNullOrEmpty(profile) || profile == BaseDefaultProfile || profile == DefaultProfile)
        {
            return 0;
        }

        if (Array.IndexOf(BaseProfiles, profile) < 0)
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

        var powerOfTwo = _powerOfTwo;
        fixed (Slot* table = slots)
        {
            foreach (var feature in features)
            {
                Sse.Prefetch0(table + Home(feature, slots.Length, powerOfTwo));
            }
        }
    }

    // First probe of a key: the low bits (power-of-two tables of format 1–2, layer tables) or multiply-shift range
    // reduction of the low 32 bits (format 3 on).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(ulong key, int length, bool powerOfTwo) =>
        powerOfTwo ? (int)key & (length - 1) : (int)(((key & 0xFFFFFFFF) * (ulong)length) >> 32);

    /// <summary>The slot of <paramref name="key"/> in <paramref name="table"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(Slot[] table, ulong key, bool powerOfTwo)
    {
        if (table.Length == 0)
        {
            return -1;
        }

        var tag = HashTables.Tag(key);
        var i = Home(key, table.Length, powerOfTwo);
        while (true)
        {
            var t = table[i].Tag;
            if (t == tag)
            {
                return i;
            }

            if (t == 0)
            {
                return -1;
            }

            if (++i == table.Length)
            {
                i = 0;
            }
        }
    }

    /// <summary>
    /// Adds the label scores of <paramref name="features"/> into <paramref name="scores"/> (length 9), as this view of the
    /// model sees them (<see cref="ForProfile"/>); with a profile salt (<see cref="SaltFor"/>), that base profile's copies
    /// are added too.
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
        var powerOfTwo = _powerOfTwo;
        var salt = profileSalt != 0 ? profileSalt : _salt;
        var added = _withLayer ? _added : null;
        var replaced = !_withLayer && _replaced.Length > 0 ? _replaced : null;
        var count = salt == 0 ? features.Length : 2 * features.Length;
        for (var n = 0; n < count; n++)
        {
            var feature = n < features.Length ? features[n] : ProfileKey(features[n - features.Length], salt);
            var i = Find(slots, feature, powerOfTwo);
            ref var slot = ref Unsafe.NullRef<Slot>();
            if (i >= 0)
            {
                slot = ref slots[i];
                if (replaced is not null && n < features.Length && Find(replaced, feature, true) is var r and >= 0)
                {
                    slot = ref replaced[r];
                }
            }
            else if (added is not null && Find(added, feature, true) is var a and >= 0)
            {
                slot = ref added[a];
            }
            else
            {
                continue;
            }

            ref var w = ref Unsafe.As<Weights, short>(ref slot.Weights);
            var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref w));
            low += lo;
            high += hi;
            last += Unsafe.Add(ref w, 8);
        }

        for (var k = 0; k < 4; k++)
        {
            scores[k] += low[k] * _scale;
            scores[k + 4] += high[k] * _scale;
        }

        scores[8] += last * _scale;
    }

    /// <summary>
    /// The weights of one feature under the base model's default profile (what a layer is trained from); false, and
    /// zeros, when the base has no such feature.
    /// </summary>
    public bool TryGetBaseWeights(ulong key, Span<float> weights)
    {
        weights[..NerLabels.Count].Clear();
        var i = Find(_slots, key, _powerOfTwo);
        if (i < 0)
        {
            return false;
        }

        var r = Find(_replaced, key, true);
        var copy = r >= 0 ? _replaced[r].Weights : _slots[i].Weights;
        Span<short> q = copy;
        for (var k = 0; k < NerLabels.Count; k++)
        {
            weights[k] = q[k] * _scale;
        }

        return true;
    }

    /// <summary>Quantizes weights with this model's scale (clamped to the 16-bit range).</summary>
    public Weights Quantize(ReadOnlySpan<float> weights)
    {
        var q = default(Weights);
        Span<short> target = q;
        for (var k = 0; k < NerLabels.Count; k++)
        {
            target[k] = (short)Math.Clamp(Math.Round(weights[k] / _scale), -short.MaxValue, short.MaxValue);
        }

        return q;
    }

    /// <summary>
    /// The model with a domain layer applied (its profile becomes the default; the base's profiles keep their weights).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model already has a layer.</exception>
    /// <exception cref="InvalidDataException">The layer does not fit this base (a modified key it lacks, an added key it has).</exception>
    public NerModel WithLayer(NerModelLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (_layer is not null)
        {
            throw new InvalidOperationException("The model already has a layer: apply a new one to WithoutLayer().");
        }

        return Apply(this, (Slot[])_slots.Clone(), layer);
    }

    // Writes the layer's weights into slots (a copy of the base's table, or the freshly read one) and builds its tables.
    private static NerModel Apply(NerModel baseModel, Slot[] slots, NerModelLayer layer)
    {
        var powerOfTwo = baseModel._powerOfTwo;
        var replaced = new Slot[LayerCapacity(layer.ModifiedKeys.Length)];
        for (var k = 0; k < layer.ModifiedKeys.Length; k++)
        {
            var key = layer.ModifiedKeys[k];
            var i = Find(slots, key, powerOfTwo);
            if (i < 0 || Find(replaced, key, true) >= 0)
            {
                throw new InvalidDataException(ErrorMessages.BadModel("NER model", "its news layer does not fit its base table"));
            }

            Insert(replaced, key, slots[i].Weights);
            slots[i].Weights = layer.ModifiedWeights[k];
        }

        var added = new Slot[LayerCapacity(layer.AddedKeys.Length)];
        for (var k = 0; k < layer.AddedKeys.Length; k++)
        {
            var key = layer.AddedKeys[k];
            if (Find(slots, key, powerOfTwo) >= 0 || Find(added, key, true) >= 0)
            {
                throw new InvalidDataException(ErrorMessages.BadModel("NER model", "its news layer does not fit its base table"));
            }

            Insert(added, key, layer.AddedWeights[k]);
        }

        return new NerModel(baseModel, slots, layer, added, replaced);
    }

    /// <summary>The base model: the layer's changes undone (the model itself when it has no layer).</summary>
    public NerModel WithoutLayer()
    {
        if (_layer is null)
        {
            return this;
        }

        var slots = (Slot[])_slots.Clone();
        foreach (var key in _layer.ModifiedKeys)
        {
            slots[Find(slots, key, _powerOfTwo)].Weights = _replaced[Find(_replaced, key, true)].Weights;
        }

        return new NerModel(slots, _scale, BaseTransitions, BaseStart, BaseEnd, LexiconId, Metadata, BaseProfiles, BaseDefaultProfile, ProfileClassifier) { TemplateVersion = TemplateVersion };
    }

    // Power-of-two capacity at a load factor of at most one half.
    private static int LayerCapacity(int count) => count == 0 ? 0 : HashTables.CapacityFor(count);

    private static void Insert(Slot[] table, ulong key, Weights weights)
    {
        var tag = HashTables.Tag(key);
        var i = Home(key, table.Length, true);
        while (table[i].Tag != 0)
        {
            i = i + 1 == table.Length ? 0 : i + 1;
        }

        table[i].Tag = tag;
        table[i].Weights = weights;
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

    /// <summary>
    /// Writes the model. A layered model is written as its base (table, profiles and transitions exactly as the base's)
    /// followed by the layer, so that reading it back can always restore the base.
    /// </summary>
    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(TemplateVersion);
        writer.Write(LexiconId);
        writer.Write(NerLabels.Count);
        foreach (var name in NerLabels.Names)
        {
            writer.Write(name);
        }

        writer.Write(Metadata);
        writer.Write(BaseProfiles.Length);
        foreach (var profile in BaseProfiles)
        {
            writer.Write(profile);
        }

        writer.Write(BaseDefaultProfile);
        WriteFloats(writer, BaseTransitions);
        WriteFloats(writer, BaseStart);
        WriteFloats(writer, BaseEnd);
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

        // The base's weights: where the layer replaced them, the replaced ones.
        var restored = new Dictionary<int, Weights>();
        if (_layer is not null)
        {
            foreach (var key in _layer.ModifiedKeys)
            {
                restored[Find(_slots, key, _powerOfTwo)] = _replaced[Find(_replaced, key, true)].Weights;
            }
        }

        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Tag != 0)
            {
                var weights = restored.TryGetValue(i, out var original) ? original : _slots[i].Weights;
                writer.Write(MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in weights, 1)));
            }
        }

        writer.Write(ProfileClassifier is null ? 0 : 1);
        ProfileClassifier?.Write(writer);
        writer.Write(_layer is null ? 0 : 1);
        _layer?.Write(writer);
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

            var templateVersion = reader.ReadInt32();
            if (!NerFeatureExtractor.CanRead(templateVersion))
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
            var model = new NerModel(slots, scale, transitions, start, end, lexiconId, metadata, profiles, defaultProfile, classifier) { TemplateVersion = templateVersion };
            if (version >= 4 && reader.ReadInt32() == 1)
            {
                // The table just read is this model's own: the layer is written into it without a copy.
                model = Apply(model, slots, NerModelLayer.Read(reader, body));
            }

            return model;
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
