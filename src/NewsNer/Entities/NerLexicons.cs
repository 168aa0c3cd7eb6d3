using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using NewsNer.Internal;

namespace NewsNer.Entities;

/// <summary>Gazetteer categories of a phrase (bit flags), as compiled by <c>newsner build-resources</c>.</summary>
[Flags]
internal enum GazetteerCategory : ushort
{
    None = 0,
    Country = 1 << 0,
    City = 1 << 1,
    Commune = 1 << 2,
    Region = 1 << 3,
    FirstName = 1 << 4,
    LastName = 1 << 5,
    Demonym = 1 << 6,
    Person = 1 << 7,
    Organization = 1 << 8,
}

/// <summary>Classes of trigger words (<c>Resources/ner/triggers.fr.txt</c>): words that announce a name nearby.</summary>
[Flags]
internal enum TriggerClass : byte
{
    None = 0,
    Title = 1,
    Function = 2,
    Organization = 4,
    Location = 8,
    Person = 16,

    /// <summary>Head noun of event, work and law names (<c>Coupe</c>, <c>Festival</c>, <c>Traité</c>).</summary>
    Misc = 32,

    /// <summary>A lower-case word that joins the words of one name (<c>de</c>, <c>des</c>, <c>van</c>, <c>al</c>).</summary>
    Link = 64,
}

/// <summary>Classes of <c>Resources/ner/name-words.fr.txt</c>: words that close a foreign name or precede a person or an outlet.</summary>
[Flags]
internal enum NameWordClass : byte
{
    None = 0,

    /// <summary>Last word of an organization name (<c>Authority</c>, <c>Corporation</c>, <c>Shimbun</c>).</summary>
    OrganizationTail = 1,

    /// <summary>Last word of a place name (<c>Hotel</c>, <c>Ballroom</c>).</summary>
    LocationTail = 2,

    /// <summary>An honorific or title the trigger list lacks (<c>SEM</c>, <c>Altesse</c>, <c>Sheikh</c>).</summary>
    Title = 4,

    /// <summary>A kind of news outlet (<c>agence</c>, <c>quotidien</c>, <c>site</c>).</summary>
    Outlet = 8,
}

/// <summary>
/// The lexical resources the recognizer's features read: common French word forms, proper names, multi-word gazetteer
/// phrases, word clusters (one compiled binary, <c>Resources/ner/lexicons.bin.gz</c>) and trigger words (a text file).
/// Immutable and thread-safe; the embedded set is loaded once, on first use.
/// </summary>
internal sealed class NerLexicons
{
    public const string ResourcePath = "ner/lexicons.bin.gz";
    public const string TriggersPath = "ner/triggers.fr.txt";
    public const string NameWordsPath = "ner/name-words.fr.txt";
    private const uint Magic = 0x584C4E4E; // "NNLX"
    private const int FormatVersion = 1;

    private static readonly Lazy<NerLexicons> s_default = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly uint[] _commonWords;
    private readonly uint[] _properNames;
    private readonly uint[] _phraseTags;
    private readonly ushort[] _phraseValues;
    private readonly uint[] _clusterTags;
    private readonly uint[] _clusterValues;
    private readonly FrozenDictionary<ulong, TriggerClass> _triggers;
    private FrozenDictionary<ulong, NameWordClass> _nameWords = FrozenDictionary<ulong, NameWordClass>.Empty;

    internal NerLexicons(ulong id, uint[] commonWords, uint[] properNames, uint[] phraseTags, ushort[] phraseValues, uint[] clusterTags, uint[] clusterValues, FrozenDictionary<ulong, TriggerClass> triggers)
    {
        Id = id;
        _commonWords = commonWords;
        _properNames = properNames;
        _phraseTags = phraseTags;
        _phraseValues = phraseValues;
        _clusterTags = clusterTags;
        _clusterValues = clusterValues;
        _triggers = triggers;
    }

    /// <summary>The embedded lexicons.</summary>
    public static NerLexicons Default => s_default.Value;

    /// <summary>An empty set (no lexicon features); for tests and for models trained without lexicons.</summary>
    public static NerLexicons Empty { get; } = new(0, [], [], [], [], [], [], FrozenDictionary<ulong, TriggerClass>.Empty);

    /// <summary>Content checksum written by the compiler; a model records the id of the lexicons it was trained with.</summary>
    public ulong Id { get; }

    public bool HasClusters => _clusterTags.Length > 0;

    public bool IsCommonWord(ulong normalizedHash) => HashTables.Find(_commonWords, normalizedHash) >= 0;

    public bool IsProperName(ulong caseSensitiveHash) => HashTables.Find(_properNames, caseSensitiveHash) >= 0;

    public GazetteerCategory Phrase(ulong phraseKey)
    {
        var slot = HashTables.Find(_phraseTags, phraseKey);
        return slot < 0 ? GazetteerCategory.None : (GazetteerCategory)_phraseValues[slot];
    }

    /// <summary>The word's clusters, packed (fine class in bits 0–8, middle in 9–15, coarse in 16–20, bit 31 set); 0 when unknown.</summary>
    public uint Cluster(ulong normalizedHash)
    {
        var slot = HashTables.Find(_clusterTags, normalizedHash);
        return slot < 0 ? 0 : _clusterValues[slot];
    }

    /// <summary>Starts loading the common-word and cluster slots of a word (see <see cref="HashTables.Prefetch"/>).</summary>
    public void PrefetchWord(ulong normalizedHash)
    {
        HashTables.Prefetch(_commonWords, normalizedHash);
        HashTables.Prefetch(_clusterTags, normalizedHash);
    }

    /// <summary>Starts loading the slot of a gazetteer phrase key.</summary>
    public void PrefetchPhrase(ulong phraseKey) => HashTables.Prefetch(_phraseTags, phraseKey);

    public TriggerClass Trigger(ulong normalizedHash) => _triggers.TryGetValue(normalizedHash, out var c) ? c : TriggerClass.None;

    /// <summary>The class of a word in the name-word list (lower-case normalized hash).</summary>
    public NameWordClass NameWord(ulong normalizedHash) => _nameWords.TryGetValue(normalizedHash, out var c) ? c : NameWordClass.None;

    /// <summary>The same lexicons with a name-word list (<c>form&lt;TAB&gt;class[,class]</c>: orgtail, loctail, title, outlet).</summary>
    public NerLexicons WithNameWords(IEnumerable<string> lines)
    {
        var map = new Dictionary<ulong, NameWordClass>();
        foreach (var line in lines)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var cls = NameWordClass.None;
            foreach (var part in line[(tab + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                cls |= part switch
                {
                    "orgtail" => NameWordClass.OrganizationTail,
                    "loctail" => NameWordClass.LocationTail,
                    "title" => NameWordClass.Title,
                    "outlet" => NameWordClass.Outlet,
                    _ => throw new InvalidDataException($"Unknown name-word class '{part}' in '{line}'."),
                };
            }

            var key = FeatureHash.OfNormalized(line.AsSpan(0, tab).Trim());
            map[key] = map.GetValueOrDefault(key) | cls;
        }

        var copy = (NerLexicons)MemberwiseClone();
        copy._nameWords = map.ToFrozenDictionary();
        return copy;
    }

    /// <summary>Reads compiled lexicons (and trigger words, when given).</summary>
    public static NerLexicons Read(Stream stream, IEnumerable<string>? triggerLines)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("NewsNer lexicons need a little-endian machine.");
        }

        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadUInt32() != Magic || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException(ErrorMessages.BadModel("NER lexicon file", "wrong header or version"));
        }

        var id = reader.ReadUInt64();
        uint[] common = [], proper = [], phraseTags = [], clusterTags = [], clusterValues = [];
        ushort[] phraseValues = [];
        var sections = reader.ReadInt32();
        for (var s = 0; s < sections; s++)
        {
            var kind = reader.ReadInt32();
            var capacity = reader.ReadInt32();
            if (capacity < 0 || (capacity & (capacity - 1)) != 0)
            {
                throw new InvalidDataException(ErrorMessages.BadModel("NER lexicon file", "bad table capacity"));
            }

            var tags = ReadArray<uint>(stream, capacity);
            switch (kind)
            {
                case 1: common = tags; break;
                case 2: proper = tags; break;
                case 3: phraseTags = tags; phraseValues = ReadArray<ushort>(stream, capacity); break;
                case 4: clusterTags = tags; clusterValues = ReadArray<uint>(stream, capacity); break;
                default: throw new InvalidDataException(ErrorMessages.BadModel("NER lexicon file", $"unknown section {kind}"));
            }
        }

        return new NerLexicons(id, common, proper, phraseTags, phraseValues, clusterTags, clusterValues, ParseTriggers(triggerLines ?? []));
    }

    /// <summary>Writes compiled lexicons (the trigger words stay a text resource).</summary>
    public static void Write(Stream stream, ulong id, uint[] common, uint[] proper, uint[] phraseTags, ushort[] phraseValues, uint[] clusterTags, uint[] clusterValues)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(id);
        writer.Write(4);
        WriteSection(writer, 1, common);
        WriteSection(writer, 2, proper);
        WriteSection(writer, 3, phraseTags);
        writer.Write(MemoryMarshal.AsBytes(phraseValues.AsSpan()));
        WriteSection(writer, 4, clusterTags);
        writer.Write(MemoryMarshal.AsBytes(clusterValues.AsSpan()));
    }

    /// <summary>Parses trigger lines: <c>form&lt;TAB&gt;class[,class]</c>, classes title, function, org, loc, per, misc, link.</summary>
    public static FrozenDictionary<ulong, TriggerClass> ParseTriggers(IEnumerable<string> lines)
    {
        var map = new Dictionary<ulong, TriggerClass>();
        foreach (var line in lines)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var cls = TriggerClass.None;
            foreach (var part in line[(tab + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                cls |= part switch
                {
                    "title" => TriggerClass.Title,
                    "function" => TriggerClass.Function,
                    "org" => TriggerClass.Organization,
                    "loc" => TriggerClass.Location,
                    "per" => TriggerClass.Person,
                    "misc" => TriggerClass.Misc,
                    "link" => TriggerClass.Link,
                    _ => TriggerClass.None,
                };
            }

            var key = FeatureHash.OfNormalized(line.AsSpan(0, tab).Trim());
            map[key] = map.GetValueOrDefault(key) | cls;
        }

        return map.ToFrozenDictionary();
    }

    private static void WriteSection(BinaryWriter writer, int kind, uint[] tags)
    {
        writer.Write(kind);
        writer.Write(tags.Length);
        writer.Write(MemoryMarshal.AsBytes(tags.AsSpan()));
    }

    private static T[] ReadArray<T>(Stream stream, int count)
        where T : unmanaged
    {
        var array = GC.AllocateUninitializedArray<T>(count);
        stream.ReadExactly(MemoryMarshal.AsBytes(array.AsSpan()));
        return array;
    }

    private static NerLexicons LoadEmbedded()
    {
        var triggers = EmbeddedResources.ReadLines(TriggersPath);
        using var stream = new BufferedStream(EmbeddedResources.Open(ResourcePath), 1 << 16);
        return Read(stream, triggers).WithNameWords(EmbeddedResources.ReadLines(NameWordsPath));
    }
}
