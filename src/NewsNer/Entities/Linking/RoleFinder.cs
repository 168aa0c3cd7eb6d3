using NewsNer.Internal.Lexicons;
using NewsNer.Internal.Phrases;

namespace NewsNer.Entities.Linking;

/// <summary>
/// Finds role descriptions (<c>le président russe</c>, <c>le ministre turc des Affaires étrangères</c>,
/// <c>le président de la République d'Angola</c>) and ties each to the name it modifies, if any. French builds them
/// as: determiner, role, then in any order a demonym, a former-marker (<c>déchu</c>), and a <c>de</c>-complement
/// naming a country, an organization or the rest of the portfolio (<c>des Affaires étrangères</c>).
/// </summary>
internal static class RoleFinder
{
    /// <summary>Longest role phrase we try to extend with a portfolio complement.</summary>
    private const int MaxRoleWords = 12;

    public static List<RoleExtent> Find(LexicalView view, IReadOnlyList<EntityMention> mentions, int[] mentionAt, CancellationToken cancellationToken = default)
    {
        var lexicons = view.Lexicons;
        var extents = new List<RoleExtent>();
        var ids = view.Ids;
        var i = 0;
        var check = 0;
        while (i < view.Count)
        {
            if (++check == 1024)
            {
                check = 0;
                cancellationToken.ThrowIfCancellationRequested();
            }

            var former = false;
            var length = lexicons.Roles.Longest(ids, i, out var roles);
            var roleStart = i;
            if (length == 0 && TryExPrefixed(view, i, out length, out roles))
            {
                former = true;
            }

            // A role inside a name is only read at the start of the name (NER spans that include the title).
            if (length == 0 || (mentionAt[i] >= 0 && mentions[mentionAt[i]].FirstToken != i))
            {
                i++;
                continue;
            }

            var extent = new RoleExtent { Role = roles[0], Start = i, RoleStart = i, End = i + length, Sentence = view.SentenceOf[i] };

            // Modifiers and determiner before the role: "l'ancien président", "le nouveau ministre".
            var start = roleStart;
            var modifier = lexicons.RoleModifiers.Longest(ids, start - 1, out var modifiers);
            if (modifier == 1 && modifiers[0] == RoleModifier.Former && view.SentenceOf[start - 1] == view.SentenceOf[start])
            {
                former = true;
                start--;
            }

            extent.Determiner = DeterminerEndingAt(view, start, out var detStart);
            extent.Start = extent.Determiner != WordClass.None ? detStart : start;
            extent.Former = former;
            ReadComplements(view, mentions, mentionAt, extent);
            extents.Add(extent);
            i = Math.Max(extent.End, i + 1);
        }

        var shared = new List<RoleExtent>();
        foreach (var extent in extents)
        {
            Attach(view, mentions, mentionAt, extent);
            if (extent.Attachment == RoleAttachment.PreModifier && (extent.Role.Plural || (extent.Determiner & WordClass.DetPlural) != 0))
            {
                // "les chefs de délégation Vladimir Medinsky et Rustem Umerov": the description fits every name of the list.
                var k = mentions[extent.Mention].EndToken;
                while (k < view.Count && (view.IsComma(k) || view.Is(k, WordClass.Coord)))
                {
                    k += Math.Max(1, (int)view.ClassLengths[k]);
                    if (k >= view.Count || mentionAt[k] < 0 || mentions[mentionAt[k]].FirstToken != k || mentions[mentionAt[k]].Type != EntityType.Person)
                    {
                        break;
                    }

                    var copy = extent.For(mentionAt[k]);
                    shared.Add(copy);
                    k = mentions[mentionAt[k]].EndToken;
                }
            }
        }

        // "les ministres arménien et azerbaïdjanais, X et Y": the countries go to the names in order.
        foreach (var group in shared.Concat(extents).Where(e => e.Countries.Count > 1).GroupBy(e => e.Start))
        {
            var ordered = group.OrderBy(e => e.Mention).ToList();
            if (ordered.Count == ordered[0].Countries.Count)
            {
                for (var n = 0; n < ordered.Count; n++)
                {
                    ordered[n].Country = ordered[n].Countries[n];
                }
            }
        }

        extents.AddRange(shared);
        extents.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Mention.CompareTo(b.Mention));

        ResolveCounterparts(view, mentions, extents);
        FindBareDemonyms(view, mentions, mentionAt, extents);
        extents.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Mention.CompareTo(b.Mention));
        return extents;
    }

    /// <summary>"ex-président" written as one token: a former role.</summary>
    private static bool TryExPrefixed(LexicalView view, int i, out int length, out RoleEntry[] roles)
    {
        length = 0;
        roles = [];
        var span = view.Tokens[i].Span;
        if (span.Length <= 3 || !(span[0] is 'e' or 'E') || !(span[1] is 'x' or 'X') || span[2] != '-')
        {
            return false;
        }

        var rest = view.Lexicons.Vocabulary.Lookup(span[3..]);
        if (rest < 0)
        {
            return false;
        }

        Span<int> buffer = stackalloc int[Math.Min(MaxRoleWords, view.Count - i)];
        buffer[0] = rest;
        ids(view, i + 1, buffer[1..]);
        length = view.Lexicons.Roles.Longest(buffer, 0, out roles);
        return length > 0;

        static void ids(LexicalView view, int from, Span<int> destination)
        {
            for (var k = 0; k < destination.Length; k++)
            {
                destination[k] = from + k < view.Count ? view.Ids[from + k] : Vocabulary.Unknown;
            }
        }
    }

    /// <summary>
    /// The determiner phrase that ends just before <paramref name="index"/> (le, la, l', son, de la, du ...), in its
    /// sentence: a description never spans a sentence break (« … le\fministre »).
    /// </summary>
    internal static WordClass DeterminerEndingAt(LexicalView view, int index, out int start)
    {
        for (var back = 1; back <= 3; back++)
        {
            var k = index - back;
            if (k < 0 || (index < view.Count && view.SentenceOf[k] != view.SentenceOf[index]))
            {
                break;
            }

            if (view.ClassLengths[k] == back && (view.Classes[k] & WordClass.Determiner) != 0)
            {
                start = k;
                return view.Classes[k] & (WordClass.Determiner | WordClass.DetPlural | WordClass.Pair);
            }
        }

        start = index;
        return WordClass.None;
    }

    private static void ReadComplements(LexicalView view, IReadOnlyList<EntityMention> mentions, int[] mentionAt, RoleExtent extent)
    {
        var lexicons = view.Lexicons;
        var ids = view.Ids;
        var j = extent.End;
        var sentence = extent.Sentence;

        // A role that ends inside a country's official name: "président de la [République d'Angola]".
        if (j > 0 && j < view.Count && mentionAt[j - 1] >= 0 && mentionAt[j - 1] == mentionAt[j] && mentions[mentionAt[j]].Type == EntityType.Location
            && PlaceOf(view, mentions[mentionAt[j]]) is { Kind: "country" } official)
        {
            extent.Country ??= official.Country;
            extent.End = mentions[mentionAt[j]].EndToken;
            return;
        }

        for (var guard = 0; guard < 6 && j < view.Count && view.SentenceOf[j] == sentence; guard++)
        {
            if (mentionAt[j] >= 0)
            {
                break;
            }

            // déchu, destitué, par intérim, élu
            var length = lexicons.RoleModifiers.Longest(ids, j, out var modifiers);
            if (length > 0)
            {
                extent.Former |= modifiers[0] == RoleModifier.Former;
                j += length;
                continue;
            }

            length = lexicons.Demonyms.Longest(ids, j, out var countries);
            if (length > 0 && !view.IsCapitalized(j))
            {
                extent.Country ??= countries[0];
                extent.Countries.Add(countries[0]);
                j += length;

                // "les ministres arménien et azerbaïdjanais": coordinated demonyms, one per person named next.
                while (j < view.Count && view.Is(j, WordClass.Coord) && view.ClassLengths[j] == 1)
                {
                    var other = lexicons.Demonyms.Longest(ids, j + 1, out var more);
                    if (other == 0 || view.IsCapitalized(j + 1))
                    {
                        break;
                    }

                    extent.Countries.Add(more[0]);
                    j += 1 + other;
                }

                continue;
            }

            if (view.Is(j, WordClass.De) && view.ClassLengths[j] > 0)
            {
                var after = j + view.ClassLengths[j];
                if (after < view.Count && mentionAt[after] >= 0 && mentions[mentionAt[after]].FirstToken == after)
                {
                    var mention = mentions[mentionAt[after]];
                    if (mention.Type == EntityType.Location)
                    {
                        // "président de l'Angola", "maire de Paris", "gouverneur de Kherson": the place gives the country.
                        var place = PlaceOf(view, mention);
                        extent.Country ??= place?.Country;
                        j = mention.EndToken;
                        continue;
                    }

                    if (mention.Type == EntityType.Organization)
                    {
                        extent.AffiliationMention = mentionAt[after];
                        j = SkipParenthesis(view, mention.EndToken);
                        continue;
                    }

                    break;
                }

                // A country the recognizer missed: "président du Sénégal".
                var placeLength = lexicons.Places.Longest(ids, after, p => p.Kind == "country", out var country);
                if (placeLength > 0 && view.IsCapitalized(after))
                {
                    extent.Country ??= country.Country;
                    j = after + placeLength;
                    continue;
                }

                // The rest of the portfolio after a demonym: "ministre turc des Affaires étrangères".
                if (TryExtendPortfolio(view, extent, j, out var extended, out var consumed))
                {
                    extent.Role = extended;
                    j += consumed;
                    continue;
                }

                // An institution in common nouns: "chef d'état-major de l'armée française", "président de la commission".
                if (InstitutionEnd(view, mentionAt, after) is var (institutionEnd, institutionCountry) && institutionEnd > after)
                {
                    extent.InstitutionComplement = true;
                    extent.Country ??= institutionCountry;
                    j = institutionEnd;
                    continue;
                }
            }

            // A posting: "l'ambassadeur d'Ukraine en France", "le représentant de l'ONU en Libye".
            if (extent.Role.Function is "ambassador" or "envoy" or "diplomat" or "journalist" && view.Is(j, WordClass.Locative) && view.ClassLengths[j] > 0)
            {
                var after = j + view.ClassLengths[j];
                if (after < view.Count && mentionAt[after] >= 0 && mentions[mentionAt[after]].FirstToken == after && mentions[mentionAt[after]].Type == EntityType.Location)
                {
                    j = mentions[mentionAt[after]].EndToken;
                    continue;
                }
            }

            break;
        }

        extent.End = j;
    }

    /// <summary>
    /// The end of a short common-noun phrase after "de" (determiner, one or two lower-case words, an optional
    /// demonym) that ends before a comma or a name, with the demonym's country.
    /// </summary>
    private static (int End, string? Country)? InstitutionEnd(LexicalView view, int[] mentionAt, int start)
    {
        var k = start;
        if (k < view.Count && (view.Classes[k] & WordClass.Determiner) != 0 && view.ClassLengths[k] > 0)
        {
            k += view.ClassLengths[k];
        }

        var words = 0;
        while (k < view.Count && words < 2 && mentionAt[k] < 0 && view.ClassLengths[k] == 0 && view.Tokens[k].Kind == Tokenization.TokenKind.Word
            && !view.IsCapitalized(k) && view.Lexicons.Demonyms.Longest(view.Ids, k, out _) == 0)
        {
            k++;
            words++;
        }

        if (words == 0)
        {
            return null;
        }

        string? country = null;
        var demonym = view.Lexicons.Demonyms.Longest(view.Ids, k, out var countries);
        if (demonym > 0 && !view.IsCapitalized(k))
        {
            country = countries[0];
            k += demonym;
        }

        // Only when a name or a comma follows: otherwise the phrase belongs to the sentence, not to the title.
        var next = k < view.Count && view.IsComma(k) ? k + 1 : k;
        return next < view.Count && mentionAt[next] >= 0 ? (k, country) : null;
    }

    /// <summary>The nationality of "l'Ukrainien Dmytro Kouleba", "et ukrainien Dmytro Kouleba": no role, a country.</summary>
    internal static readonly RoleEntry Nationality = new(string.Empty, "nationality", null, false, false, true);

    private static void FindBareDemonyms(LexicalView view, IReadOnlyList<EntityMention> mentions, int[] mentionAt, List<RoleExtent> extents)
    {
        var modified = extents.Where(e => e.Mention >= 0).Select(e => e.Mention).ToHashSet();
        for (var m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            var before = mention.FirstToken - 1;
            if (mention.Type != EntityType.Person || modified.Contains(m) || before < 0 || mentionAt[before] >= 0)
            {
                continue;
            }

            var length = view.Lexicons.Demonyms.Longest(view.Ids, before, out var countries);
            if (length != 1)
            {
                continue;
            }

            // Only where a noun phrase starts: after a determiner, "et", a comma, or at the start of a sentence.
            var previous = before - 1;
            var determiner = DeterminerEndingAt(view, before, out var start);
            if (determiner == WordClass.None && previous >= 0 && view.SentenceOf[previous] == view.SentenceOf[before]
                && !view.Is(previous, WordClass.Coord) && !view.IsComma(previous))
            {
                continue;
            }

            extents.Add(new RoleExtent
            {
                Role = Nationality,
                Start = determiner != WordClass.None ? start : before,
                RoleStart = before,
                End = before + 1,
                Country = countries[0],
                Determiner = determiner,
                Sentence = view.SentenceOf[before],
                Attachment = RoleAttachment.PreModifier,
                Mention = m,
            });
        }
    }

    private static bool TryExtendPortfolio(LexicalView view, RoleExtent extent, int from, out RoleEntry role, out int consumed)
    {
        role = extent.Role;
        consumed = 0;
        var roleWords = extent.End - extent.RoleStart;
        var roleLength = Math.Min(roleWords, MaxRoleWords);
        var available = Math.Min(MaxRoleWords, view.Count - from);
        Span<int> buffer = stackalloc int[roleLength + available];
        view.Ids.AsSpan(extent.RoleStart, roleLength).CopyTo(buffer);
        view.Ids.AsSpan(from, available).CopyTo(buffer[roleLength..]);
        var length = view.Lexicons.Roles.Longest(buffer, 0, out var roles);
        if (length <= roleLength || roles.Length == 0)
        {
            return false;
        }

        role = roles[0];
        consumed = length - roleLength;
        return true;
    }

    private static int SkipParenthesis(LexicalView view, int index)
    {
        if (view.IsChar(index, '('))
        {
            for (var k = index + 1; k < Math.Min(view.Count, index + 8); k++)
            {
                if (view.IsChar(k, ')'))
                {
                    return k + 1;
                }
            }
        }

        return index;
    }

    private static void Attach(LexicalView view, IReadOnlyList<EntityMention> mentions, int[] mentionAt, RoleExtent extent)
    {
        // A role that opens a name span ("Président Macron" tagged as one PER) modifies that name.
        if (mentionAt[extent.RoleStart] >= 0)
        {
            extent.Attachment = RoleAttachment.PreModifier;
            extent.Mention = mentionAt[extent.RoleStart];
            return;
        }

        // Pre-modifier: role [,] [honorific] NAME.
        var k = extent.End;
        var comma = view.IsComma(k);
        if (comma)
        {
            k++;
        }

        k += view.Lexicons.Honorifics.Longest(view.Ids, k, out _);
        if (k < view.Count && view.SentenceOf[k] == extent.Sentence && mentionAt[k] >= 0 && mentions[mentionAt[k]].FirstToken == k
            && IsPersonLike(view, mentions[mentionAt[k]], comma))
        {
            extent.Attachment = RoleAttachment.PreModifier;
            extent.Mention = mentionAt[k];
            return;
        }

        // Apposition: NAME , [det] role.
        var before = extent.Start - 1;
        if (view.IsComma(before) && before > 0 && mentionAt[before - 1] >= 0)
        {
            var mention = mentions[mentionAt[before - 1]];
            if (mention.EndToken == before && mention.Type == EntityType.Person)
            {
                extent.Attachment = RoleAttachment.Apposition;
                extent.Mention = mentionAt[before - 1];
                return;
            }
        }

        extent.Attachment = RoleAttachment.Standalone;
    }

    /// <summary>A name a role can modify: a person, or a name the recognizer typed otherwise that no lexicon knows as a place or organization.</summary>
    private static bool IsPersonLike(LexicalView view, EntityMention mention, bool afterComma)
    {
        if (mention.Type == EntityType.Person)
        {
            return true;
        }

        if (afterComma)
        {
            return false;
        }

        return PlaceOf(view, mention) is null && OrganizationOf(view, mention) is null;
    }

    /// <summary>The lexicon place whose name is exactly this mention, or null.</summary>
    internal static PlaceEntry? PlaceOf(LexicalView view, EntityMention mention)
    {
        var length = view.Lexicons.Places.Longest(view.Ids, mention.FirstToken, out var places);
        return length == mention.TokenCount && places.Length > 0 ? places[0] : null;
    }

    /// <summary>The lexicon organization whose name is exactly this mention, or null.</summary>
    internal static OrganizationEntry? OrganizationOf(LexicalView view, EntityMention mention)
    {
        var length = view.Lexicons.Organizations.Longest(view.Ids, mention.FirstToken, out var organizations);
        return length == mention.TokenCount && organizations.Length > 0 ? organizations[0] : null;
    }

    /// <summary>
    /// "Son homologue syrien" takes the role of the person it is the counterpart of: the nearest earlier person of
    /// the sentence that has a role of its own.
    /// </summary>
    private static void ResolveCounterparts(LexicalView view, IReadOnlyList<EntityMention> mentions, List<RoleExtent> extents)
    {
        // The extents are in text order: the latest possible anchor is carried along instead of searched back for, so a
        // sentence of many counterparts stays linear.
        RoleExtent? anchor = null;
        for (var e = 0; e < extents.Count; e++)
        {
            var extent = extents[e];
            if (anchor is not null && anchor.Sentence != extent.Sentence)
            {
                anchor = null;
            }

            if (extent.Role.Counterpart)
            {
                if (anchor is not null)
                {
                    extent.ResolvedRole = anchor.Role;
                }
            }
            else if (!extent.Role.Plural)
            {
                anchor = extent;
            }
        }
    }
}
