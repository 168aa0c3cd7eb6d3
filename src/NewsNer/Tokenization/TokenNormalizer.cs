namespace NewsNer.Tokenization;

/// <summary>
/// Normalizes token text for lookups and features: lower case (invariant), typographic apostrophes, quotes and
/// dashes read as their ASCII forms, non-breaking and thin spaces read as a space. The original text is never changed.
/// </summary>
public static class TokenNormalizer
{
    /// <summary>Returns the normalized form of <paramref name="text"/>.</summary>
    public static string Normalize(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        return string.Create(text.Length, text, static (destination, source) => Normalize(source, destination));
    }

    /// <summary>Writes the normalized form of <paramref name="source"/> into <paramref name="destination"/> (same length).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Normalize(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination must be at least as long as the source.", nameof(destination));
        }

        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = NormalizeChar(source[i]);
        }
    }

    /// <summary>Normalizes one UTF-16 code unit (surrogates are returned unchanged).</summary>
    public static char NormalizeChar(char c) => c switch
    {
        '\u2019' or '\u2018' or '\u02BC' or '\u00B4' or '`' or '\u2032' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' => '"',
        '\u2010' or '\u2011' => '-',
        '\u00A0' or '\u202F' or '\u2009' or '\u2007' or '\u2008' or '\u200A' => ' ',
        _ => char.ToLowerInvariant(c),
    };
}
