using NewsNer.Internal.Lexicons;

namespace NewsNer.Entities.Linking;

/// <summary>
/// Repairs the recognizer's mentions before linking clusters them, for the news convention (docs/linking.md): words that
/// are never names are left out, a mention inside a country's official name becomes that name, and titles become role
/// attributes rather than names. Immutable and thread-safe.
/// </summary>
internal sealed class MentionRepairs(FrenchLexicons lexicons)
{
    /// <summary>Mentions that are exactly a word news prints like a name but never is one (<c>USD</c>, <c>GMT</c>) are left out.</summary>
    public List<EntityMention> WithoutNonNames(LexicalView view, List<EntityMention> mentions)
    {
        mentions.RemoveAll(m => lexicons.NotNames.Longest(view.Ids, m.FirstToken, out _) == m.TokenCount);
        return mentions;
    }

    /// <summary>
    /// A mention inside a country's name becomes that name, a place: "République du [Sénégal]", "[République]
    /// [Gabonaise]" (a person, for the recognizer), "[Corée] du Sud". The longest country name of the place lexicon that
    /// covers the mention and no other mention wins.
    /// </summary>
    public List<EntityMention> ExtendToCountryNames(LexicalView view, List<EntityMention> mentions)
    {
        for (var m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            var previousEnd = m > 0 ? mentions[m - 1].EndToken : 0;
            var nextStart = m + 1 < mentions.Count ? mentions[m + 1].FirstToken : view.Count;
            var bestStart = -1;
            var bestEnd = -1;
            for (var s = Math.Max(previousEnd, mention.FirstToken - 4); s <= mention.FirstToken; s++)
            {
                var length = lexicons.Places.Longest(view.Ids, s, p => p.Kind == "country", out _);
                var end = s + length;
                if (length > 0 && end >= mention.EndToken && end <= nextStart && end - s > mention.TokenCount && end - s > bestEnd - bestStart)
                {
                    bestStart = s;
                    bestEnd = end;
                }
            }

            if (bestStart >= 0)
            {
                mentions[m] = mention with
                {
                    Start = view.Tokens[bestStart].Start,
                    End = view.Tokens[bestEnd - 1].End,
                    FirstToken = bestStart,
                    TokenCount = bestEnd - bestStart,
                    Type = EntityType.Location,
                };
            }
        }

        return mentions;
    }

    /// <summary>
    /// Titles become role attributes rather than names. A name the recognizer started inside a title: "président de la
    /// [Commission de l'UA]" → "UA" — but a country's official name stays whole ("président de la [République
    /// d'Angola]", as the news guide annotates it). A mention that starts with honorifics or a role (<c>SEM Ali Sherif Al-Amadi</c>,
    /// <c>Son Altesse Sheikh Tamim</c>, <c>Haut Représentant de l'Union européenne</c>) keeps the capitalized name after
    /// them (the role finder then reads the title before it); a mention that is nothing but a title (<c>Général</c>, a
    /// role and its complement in lower case) is not a name and is left out. A name inside a title is kept.
    /// </summary>
    public List<EntityMention> TrimTitles(LexicalView view, List<EntityMention> mentions)
    {
        var kept = new List<EntityMention>(mentions.Count);
        foreach (var original in mentions)
        {
            var mention = original;
            // A country's official name stays whole after a title: "président de la [République du Sénégal]".
            var isCountry = lexicons.Places.Longest(view.Ids, mention.FirstToken, p => p.Kind == "country", out _) == mention.TokenCount;
            for (var t = Math.Max(0, mention.FirstToken - 6); t < mention.FirstToken && !isCountry; t++)
            {
                var length = lexicons.Roles.Longest(view.Ids, t, out _);
                var end = t + length;
                if (length == 0 || end <= mention.FirstToken || end >= mention.EndToken)
                {
                    continue;
                }

                if (view.Is(end, WordClass.De))
                {
                    end += view.ClassLengths[end];
                }

                // Only when a name follows: "président du [Conseil de la nation]" is the council, not "nation".
                if (end < mention.EndToken && view.IsCapitalized(end))
                {
                    mention = Starting(view, mention, end);
                }

                break;
            }

            // Honorifics and roles at the mention's start, up to three ("Son Altesse Sheikh", "le roi Mohammed VI").
            var isName = true;
            for (var guard = 0; guard < 3; guard++)
            {
                var first = mention.FirstToken;
                var length = lexicons.Honorifics.Longest(view.Ids, first, out _);
                if (length == 0)
                {
                    length = lexicons.Roles.Longest(view.Ids, first, out _);
                }

                if (length == 0)
                {
                    break;
                }

                var end = first + length;
                if (end < mention.EndToken && view.Is(end, WordClass.De))
                {
                    end += view.ClassLengths[end];
                }

                if (end >= mention.EndToken)
                {
                    // Nothing but a title (and its complement): a description, not a name.
                    isName = false;
                    break;
                }

                if (!view.IsCapitalized(end))
                {
                    break;
                }

                mention = Starting(view, mention, end);
            }

            if (isName)
            {
                kept.Add(mention);
            }
        }

        return kept;

        static EntityMention Starting(LexicalView view, EntityMention mention, int token) =>
            mention with { Start = view.Tokens[token].Start, FirstToken = token, TokenCount = mention.EndToken - token };
    }
}
