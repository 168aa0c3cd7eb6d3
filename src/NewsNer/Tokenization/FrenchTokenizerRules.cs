using System.Collections.Frozen;
using NewsNer.Internal;

namespace NewsNer.Tokenization;

/// <summary>
/// The French word lists the tokenizer consults, read once from the embedded files under <c>Resources/fr</c>
/// (see the README there). Immutable after construction; every lookup takes a span and allocates nothing.
/// </summary>
internal sealed class FrenchTokenizerRules
{
    /// <summary>Longest key worth normalizing on the stack for a lookup; longer spans are never in the lists.</summary>
    public const int MaxLookupLength = 48;

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _elisions;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _apostropheWords;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _abbreviations;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _ambiguousAbbreviations;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _hyphenSuffixes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _detachedHyphenSuffixes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _hyphenWords;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _ordinalSuffixes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _units;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _topLevelDomains;

    private FrenchTokenizerRules()
    {
        _elisions = Load("fr/elisions.txt", StringComparer.OrdinalIgnoreCase, out var elisionMax);
        MaxElisionLength = elisionMax;
        _apostropheWords = Load("fr/apostrophe-words.txt", StringComparer.OrdinalIgnoreCase, out _, normalize: true);
        _abbreviations = Load("fr/abbreviations.txt", StringComparer.Ordinal, out var abbreviationMax);
        _ambiguousAbbreviations = Load("fr/abbreviations-ambiguous.txt", StringComparer.Ordinal, out var ambiguousMax);
        MaxAbbreviationLength = Math.Max(abbreviationMax, ambiguousMax);
        _hyphenSuffixes = Load("fr/hyphen-suffixes.txt", StringComparer.Ordinal, out _);
        _detachedHyphenSuffixes = Load("fr/hyphen-suffixes-detached.txt", StringComparer.Ordinal, out _, normalize: true);
        _hyphenWords = Load("fr/hyphen-words.txt", StringComparer.OrdinalIgnoreCase, out _, normalize: true);
        _ordinalSuffixes = Load("fr/ordinal-suffixes.txt", StringComparer.Ordinal, out _);
        _units = Load("fr/units.txt", StringComparer.Ordinal, out _);
        _topLevelDomains = Load("fr/top-level-domains.txt", StringComparer.Ordinal, out _);
    }

    /// <summary>The rules of the embedded French data, loaded on first use.</summary>
    public static FrenchTokenizerRules French { get; } = new();

    /// <summary>Length of the longest elided word (<c>lorsqu</c>): longer words are never looked up.</summary>
    public int MaxElisionLength { get; }

    /// <summary>Length of the longest abbreviation, period included.</summary>
    public int MaxAbbreviationLength { get; }

    /// <summary>Whether <paramref name="word"/> (letters before an apostrophe) is an elided word such as <c>l</c> or <c>jusqu</c>.</summary>
    public bool IsElision(ReadOnlySpan<char> word) => word.Length <= MaxElisionLength && _elisions.Contains(word);

    /// <summary>Whether a word written with an apostrophe (any form) is listed as one word (<c>presqu'île</c>).</summary>
    public bool IsApostropheWord(ReadOnlySpan<char> word) => ContainsNormalized(_apostropheWords, word);

    /// <summary>Whether a hyphenated word (any hyphen form) is listed as one word although it ends like a clitic (<c>rendez-vous</c>).</summary>
    public bool IsHyphenWord(ReadOnlySpan<char> word) => ContainsNormalized(_hyphenWords, word);

    /// <summary>Whether <paramref name="candidate"/> (period included) always keeps its period; a capitalized form of a lower-case entry matches too.</summary>
    public bool IsAbbreviation(ReadOnlySpan<char> candidate) => ContainsWithCapital(_abbreviations, candidate);

    /// <summary>Whether <paramref name="candidate"/> (period included) is an abbreviation that is also an ordinary word.</summary>
    public bool IsAmbiguousAbbreviation(ReadOnlySpan<char> candidate) => ContainsWithCapital(_ambiguousAbbreviations, candidate);

    /// <summary>
    /// Whether a segment after a hyphen is a clitic suffix (<c>il</c>, <c>t-il</c>, <c>ci</c>). Lower case, or all
    /// capitals when <paramref name="allowCapitals"/> (text written in capitals).
    /// </summary>
    public bool IsHyphenSuffix(ReadOnlySpan<char> segment, bool allowCapitals)
    {
        if (segment.IsEmpty || segment.Length > 8)
        {
            return false;
        }

        var capitals = char.IsUpper(segment[0]);
        if (capitals && !allowCapitals)
        {
            return false;
        }

        Span<char> lower = stackalloc char[segment.Length];
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (capitals ? char.IsLower(c) : char.IsUpper(c))
            {
                return false; // mixed case: a name (Jean-Elle), not a clitic
            }

            lower[i] = CharClasses.IsHyphen(c) ? '-' : char.ToLowerInvariant(c);
        }

        return _hyphenSuffixes.Contains(lower);
    }

    /// <summary>Whether a clitic suffix may also stand after a space (<c>dit -elle</c>): pronouns a dash never introduces.</summary>
    public bool IsDetachedHyphenSuffix(ReadOnlySpan<char> segment) => ContainsNormalized(_detachedHyphenSuffixes, segment);

    /// <summary>Whether <paramref name="suffix"/> is an ordinal ending (<c>er</c>, <c>e</c>, <c>ème</c>).</summary>
    public bool IsOrdinalSuffix(ReadOnlySpan<char> suffix) => suffix.Length <= 4 && _ordinalSuffixes.Contains(suffix);

    /// <summary>Whether <paramref name="unit"/> is a unit split off the number it is glued to (<c>km</c>).</summary>
    public bool IsUnit(ReadOnlySpan<char> unit) => unit.Length <= 4 && _units.Contains(unit);

    /// <summary>Whether <paramref name="domain"/> (lower case) is a top-level domain that makes a bare <c>name.tld</c> a URL.</summary>
    public bool IsTopLevelDomain(ReadOnlySpan<char> domain) => domain.Length <= 6 && _topLevelDomains.Contains(domain);

    private static bool ContainsWithCapital(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> set, ReadOnlySpan<char> candidate)
    {
        if (set.Contains(candidate))
        {
            return true;
        }

        if (candidate.Length > MaxLookupLength || !char.IsUpper(candidate[0]))
        {
            return false;
        }

        Span<char> buffer = stackalloc char[candidate.Length];
        candidate.CopyTo(buffer);
        buffer[0] = char.ToLowerInvariant(buffer[0]);
        return set.Contains(buffer);
    }

    private static bool ContainsNormalized(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> set, ReadOnlySpan<char> word)
    {
        if (word.Length > MaxLookupLength)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[word.Length];
        Normalize(word, buffer);
        return set.Contains(buffer);
    }

    // Apostrophes and hyphens read as ASCII; case is left to the set's comparer.
    private static void Normalize(ReadOnlySpan<char> word, Span<char> destination)
    {
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            destination[i] = CharClasses.Of(c) switch
            {
                CharClass.Apostrophe => '\'',
                CharClass.Hyphen => '-',
                _ => c,
            };
        }
    }

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Load(
        string path, StringComparer comparer, out int maxLength, bool normalize = false)
    {
        var entries = new List<string>();
        maxLength = 0;
        foreach (var line in EmbeddedResources.ReadLines(path))
        {
            var entry = line;
            if (normalize)
            {
                var buffer = new char[line.Length];
                Normalize(line, buffer);
                entry = new string(buffer);
            }

            entries.Add(entry);
            maxLength = Math.Max(maxLength, entry.Length);
        }

        return entries.ToFrozenSet(comparer).GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
