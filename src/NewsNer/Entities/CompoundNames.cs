using NewsNer.Tokenization;

namespace NewsNer.Entities;

/// <summary>
/// Names written together in one hyphenated token (<c>Séoul-Tokyo</c>, <c>Moon-Kim</c>, <c>Canada-Royaume-Uni</c>,
/// <c>RDC-FMI</c>): the news convention annotates each name, so a mention that is exactly such a token is split into
/// one mention per name, each covering its characters of the token. A token splits in two at a hyphen when both sides
/// are names — a place or an organization of the gazetteers, or a name the document mentions on its own — and the whole
/// token is not itself a known place (<c>Guinée-Bissau</c>), never at a lower-case or one-letter side, and never a
/// compound of first names (<c>Jean-Pierre</c>).
/// </summary>
internal static class CompoundNames
{
    private const GazetteerCategory NameCategories = GazetteerCategory.Country | GazetteerCategory.City | GazetteerCategory.Commune
        | GazetteerCategory.Region | GazetteerCategory.Organization;

    /// <summary>
    /// The longest token looked at, in characters, and the most hyphens in it: no compound of names in news comes near
    /// (<c>Canada-Royaume-Uni</c> has two hyphens), and beyond them the search for split points, which tries the sides of
    /// every hyphen and may backtrack, would grow faster than the token (a line of capitals joined by hyphens, the
    /// <c>hyphen-chain</c> scaling shape, took seconds for a few kilobytes). See docs/reliability.md.
    /// </summary>
    internal const int MaxLength = 200, MaxHyphens = 8;

    /// <summary>
    /// The parts of a one-token mention as (start, end, type) character ranges, or false when it is not a compound of
    /// names (or longer than <see cref="MaxLength"/> characters or <see cref="MaxHyphens"/> hyphens). <paramref name="mentioned"/> gives the type of a name the document mentions on its own.
    /// </summary>
    public static bool TrySplit(in Token token, EntityType type, NerLexicons lexicons, Func<string, EntityType?> mentioned, List<(int Start, int End, EntityType Type)> parts)
    {
        parts.Clear();
        var text = token.Span;
        if (text.Length > MaxLength || text.Count('-') > MaxHyphens || text.IndexOf('-') < 0 || IsPlace(text, lexicons) || IsFirstNames(text, lexicons))
        {
            return false;
        }

        // The first split point (left to right) whose two sides are names; a side may itself be a compound name
        // (Royaume-Uni) or split again.
        for (var k = 1; k < text.Length - 1; k++)
        {
            if (text[k] != '-')
            {
                continue;
            }

            var left = text[..k];
            var right = text[(k + 1)..];
            if (NameType(left, lexicons, mentioned) is { } leftType && RightParts(token, k + 1, right, lexicons, mentioned, type, parts))
            {
                parts.Insert(0, (token.Start, token.Start + k, leftType));
                return true;
            }
        }

        parts.Clear();
        return false;
    }

    private static bool RightParts(in Token token, int offset, ReadOnlySpan<char> right, NerLexicons lexicons, Func<string, EntityType?> mentioned, EntityType type, List<(int Start, int End, EntityType Type)> parts)
    {
        if (NameType(right, lexicons, mentioned) is { } rightType)
        {
            parts.Add((token.Start + offset, token.End, rightType));
            return true;
        }

        for (var k = 1; k < right.Length - 1; k++)
        {
            if (right[k] == '-' && NameType(right[..k], lexicons, mentioned) is { } first
                && RightParts(token, offset + k + 1, right[(k + 1)..], lexicons, mentioned, type, parts))
            {
                parts.Insert(0, (token.Start + offset, token.Start + offset + k, first));
                return true;
            }
        }

        return false;
    }

    // The type of a side that is a name: a known place (LOC) or organization (ORG), else what the document calls it.
    private static EntityType? NameType(ReadOnlySpan<char> side, NerLexicons lexicons, Func<string, EntityType?> mentioned)
    {
        if (side.Length < 2 || !char.IsUpper(side[0]))
        {
            return null;
        }

        var category = lexicons.Phrase(NerFeatureExtractor.PhraseKey(side));
        if ((category & (NameCategories & ~GazetteerCategory.Organization)) != GazetteerCategory.None)
        {
            return EntityType.Location;
        }

        if ((category & GazetteerCategory.Organization) != GazetteerCategory.None)
        {
            return EntityType.Organization;
        }

        return mentioned(side.ToString());
    }

    // "Jean-Pierre", "Marie-Claude": a compound first name, whatever the document says of its parts.
    private static bool IsFirstNames(ReadOnlySpan<char> text, NerLexicons lexicons)
    {
        var hyphen = text.IndexOf('-');
        return (lexicons.Phrase(NerFeatureExtractor.PhraseKey(text[..hyphen])) & GazetteerCategory.FirstName) != GazetteerCategory.None
            && (lexicons.Phrase(NerFeatureExtractor.PhraseKey(text[(hyphen + 1)..])) & GazetteerCategory.FirstName) != GazetteerCategory.None;
    }

    private static bool IsPlace(ReadOnlySpan<char> text, NerLexicons lexicons) =>
        (lexicons.Phrase(NerFeatureExtractor.PhraseKey(text)) & NameCategories) != GazetteerCategory.None;
}
