using NewsNer.Tokenization;

namespace NewsNer.Internal.Phrases;

/// <summary>
/// Folds text for lexicon lookups: the <see cref="TokenNormalizer"/> form (lower case, ASCII apostrophes and quotes)
/// with diacritics removed from Latin letters (<c>État</c> → <c>etat</c>). One character in, one character out, so
/// offsets never move. French press drops accents on capitals (<c>Etat</c>, <c>Elysee</c>): folding makes both
/// spellings meet.
/// </summary>
internal static class TextFolding
{
    // Pairs "accented, plain" for Latin-1 Supplement and Latin Extended-A/B; everything else folds to itself.
    private const string Accented = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳıłøđħŧŀ";
    private const string Plain = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooyilodhtl";

    private static readonly char[] s_table = BuildTable();

    /// <summary>Folds one UTF-16 code unit.</summary>
    public static char Fold(char c)
    {
        c = TokenNormalizer.NormalizeChar(c);
        return c < s_table.Length ? s_table[c] : c;
    }

    /// <summary>Writes the folded form of <paramref name="source"/> into <paramref name="destination"/> (same length).</summary>
    public static void Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = Fold(source[i]);
        }
    }

    /// <summary>The folded form of <paramref name="text"/> as a new string.</summary>
    public static string Fold(ReadOnlySpan<char> text) =>
        text.IsEmpty ? string.Empty : string.Create(text.Length, text, static (destination, source) => Fold(source, destination));

    /// <summary>Whether two texts are equal once folded.</summary>
    public static bool FoldedEquals(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (Fold(a[i]) != Fold(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static char[] BuildTable()
    {
        var table = new char[0x250];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (char)i;
        }

        for (var i = 0; i < Accented.Length; i++)
        {
            table[Accented[i]] = Plain[i];
        }

        return table;
    }
}
