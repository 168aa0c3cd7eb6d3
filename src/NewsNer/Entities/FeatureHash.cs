using System.Runtime.CompilerServices;

namespace NewsNer.Entities;

/// <summary>
/// 64-bit hashing for features and lexicon keys: FNV-1a over UTF-16 code units, then a SplitMix64 finalizer to combine a
/// value with a template id. No strings are built: callers hash spans or fold characters one at a time.
/// </summary>
internal static class FeatureHash
{
    public const ulong Seed = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong hash, char c) => (hash ^ c) * Prime;

    public static ulong Of(ReadOnlySpan<char> text)
    {
        var h = Seed;
        foreach (var c in text)
        {
            h = (h ^ c) * Prime;
        }

        return h;
    }

    /// <summary>Hash of the form as written, with typographic apostrophes and hyphens read as ASCII (case kept).</summary>
    public static ulong OfFolded(ReadOnlySpan<char> text)
    {
        var h = Seed;
        foreach (var c in text)
        {
            h = (h ^ Fold(c)) * Prime;
        }

        return h;
    }

    /// <summary>Typographic apostrophes and hyphens read as ASCII; other characters unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Fold(char c) => c switch
    {
        '\u2019' or '\u2018' or '\u02BC' or '\u00B4' or '`' or '\u2032' => '\'',
        '\u2010' or '\u2011' => '-',
        _ => c,
    };

    /// <summary>Hash of the normalized form (lower case, ASCII apostrophes; see <see cref="Tokenization.TokenNormalizer"/>).</summary>
    public static ulong OfNormalized(ReadOnlySpan<char> text)
    {
        var h = Seed;
        foreach (var c in text)
        {
            h = (h ^ Tokenization.TokenNormalizer.NormalizeChar(c)) * Prime;
        }

        return h;
    }

    /// <summary>Combines a value hash with a template or domain id into a well-mixed feature key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong value, ulong template)
    {
        var z = value ^ (template * 0x9E3779B97F4A7C15UL) ^ 0xD6E8FEB86659FD93UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Combines two value hashes (bigrams) with a template id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong first, ulong second, ulong template) => Mix(first * 31 + Mix(second, template), template);
}
