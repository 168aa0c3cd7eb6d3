using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Entities.Linking;

/// <summary>
/// Clusters the name mentions of one document into entities and gives them attributes. Mentions join when they are
/// the same name up to case, accents and punctuation (<c>Al-Chaar</c> = <c>al-Chaar</c>), a surname or a shorter
/// form of a fuller name (<c>Poutine</c> → <c>Vladimir Poutine</c>), an acronym and its expansion
/// (<c>Commission électorale nationale autonome (CENA)</c>), two names of one known organization
/// (<c>ONU</c> = <c>Nations unies</c>), or spellings one letter apart (<c>palais Cirigan</c> = <c>palais de Ciragan</c>).
/// Role descriptions give people roles, countries and CAMEO codes, and those used alone
/// (<c>le président russe</c>) become nominal mentions of the one entity they fit. Immutable and thread-safe.
/// </summary>
internal sealed class EntityLinker(FrenchLexicons lexicons)
{
    /// <summary>Confidence given to a nominal mention attached by role, country and uniqueness.</summary>
    private const float NominalConfidence = 0.8f;

    private static readonly HashSet<string> s_initialsSkipped = ["de", "des", "du", "la", "le", "les", "l", "d", "et", "pour", "en", "a", "au", "aux", "sur", "of", "the", "and", "for"];

    // One delegate for every call (a method group would allocate one per name).
    private static readonly Func<string, bool> s_isInitialSkipped = s_initialsSkipped.Contains;

    private readonly MentionRepairs _repairs = new(lexicons);
    private readonly NestedNames _nestedNames = new(lexicons);

    /// <summary>The shared linker over the embedded lexicons.</summary>
    public static EntityLinker Default { get; } = new(FrenchLexicons.Default);

    public FrenchLexicons Lexicons => lexicons;

    /// <summary>Links the mentions of a document; the view's <see cref="LexicalView.Cancellation"/> is checked between passes (each linear).</summary>
    public LinkingResult Link(LexicalView view, IReadOnlyList<EntityMention> rawMentions)
    {
        var cancellationToken = view.Cancellation;
        var mentions = _repairs.TrimTitles(view, _repairs.ExtendToCountryNames(view, _repairs.WithoutNonNames(view, CleanMentions(view, rawMentions))));
        var mentionAt = NoneArray(view.Count);
        for (var m = 0; m < mentions.Count; m++)
        {
            for (var t = mentions[m].FirstToken; t < mentions[m].EndToken; t++)
            {
                mentionAt[t] = m;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var roles = RoleFinder.Find(view, mentions, mentionAt, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (mentions.Count == 0)
        {
            var empty = LinkingResult.Empty(view);
            return new LinkingResult
            {
                View = view,
                Entities = [],
                Mentions = mentions,
                MentionEntity = [],
                Roles = roles,
                RoleEntity = NoneArray(roles.Count),
                MentionAt = empty.MentionAt,
            };
        }

        var forms = new NameForm[mentions.Count];
        for (var m = 0; m < mentions.Count; m++)
        {
            forms[m] = NameForm.Create(NameText(view, mentions[m]), lexicons);
        }

        var typeVotes = TypeEvidence(view, mentions, roles);
        var personVotes = new float[typeVotes.Length];
        for (var m = 0; m < typeVotes.Length; m++)
        {
            personVotes[m] = typeVotes[m][(int)EntityType.Person];
        }

        cancellationToken.ThrowIfCancellationRequested();
        var clusters = new UnionFind(mentions.Count);
        JoinSameNames(forms, clusters);
        JoinParentheticalAcronyms(view, mentions, mentionAt, forms, clusters);
        JoinKnownOrganizations(view, mentions, clusters);
        JoinKnownCountries(view, mentions, clusters);
        var names = DistinctNames(mentions, forms);
        cancellationToken.ThrowIfCancellationRequested();
        JoinAcronymsToExpansions(mentions, forms, names, clusters, personVotes);
        // Spelling variants first (Ariel Heny = Ariel Henry), so that a shorter name finds one person, not two.
        JoinSpellingVariants(mentions, forms, names, clusters, typeVotes);
        cancellationToken.ThrowIfCancellationRequested();
        JoinPartialNames(view, mentions, forms, names, clusters, typeVotes);
        cancellationToken.ThrowIfCancellationRequested();

        var result = BuildEntities(view, mentions, mentionAt, forms, clusters, roles, typeVotes);
        if (_nestedNames.Find(view, mentions) is { Count: > 0 } nested)
        {
            _nestedNames.AddTo(view, result, nested);
        }

        return result;
    }

    /// <summary>An array of <paramref name="length"/> times -1 (no mention, no entity).</summary>
    private static int[] NoneArray(int length)
    {
        var array = new int[length];
        array.AsSpan().Fill(-1);
        return array;
    }

    /// <summary>Sorted, non-overlapping mentions with at least one letter.</summary>
    private static List<EntityMention> CleanMentions(LexicalView view, IReadOnlyList<EntityMention> raw)
    {
        // Start ascending, longer first at equal starts, input order last (a stable sort, as OrderBy/ThenBy would give).
        var sorted = new List<(EntityMention Mention, int Index)>(raw.Count);
        for (var k = 0; k < raw.Count; k++)
        {
            var m = raw[k];
            if (m.TokenCount > 0 && m.FirstToken >= 0 && m.EndToken <= view.Count && m.Kind == MentionKind.Name
                && view.Text.AsSpan(m.Start, m.Length).IndexOfAnyExceptInRange('\0', '@') >= 0)
            {
                sorted.Add((m, k));
            }
        }

        sorted.Sort(static (a, b) => a.Mention.Start != b.Mention.Start ? a.Mention.Start.CompareTo(b.Mention.Start)
            : a.Mention.Length != b.Mention.Length ? b.Mention.Length.CompareTo(a.Mention.Length)
            : a.Index.CompareTo(b.Index));
        var kept = new List<EntityMention>(sorted.Count);
        var end = -1;
        foreach (var (mention, _) in sorted)
        {
            if (mention.Start >= end && ContainsLetter(view.Text.AsSpan(mention.Start, mention.Length)))
            {
                kept.Add(mention);
                end = mention.End;
            }
        }

        return kept;
    }

    /// <summary>Weight of a lexicon or context clue about a mention's type: more than one confident label.</summary>
    private const float ClueWeight = 1.5f;

    /// <summary>
    /// Evidence of type beyond the recognizer's label, per mention: a role before the name (a person), a name the
    /// lexicons know as a place or an organization, a place noun before it ("la province de X", "la base aérienne de
    /// X"), a news-outlet noun before it ("l'agence X"). Event names ("Forum de Dakar") are MISC.
    /// </summary>
    private float[][] TypeEvidence(LexicalView view, List<EntityMention> mentions, List<RoleExtent> roles)
    {
        var votes = new float[mentions.Count][];
        for (var m = 0; m < mentions.Count; m++)
        {
            votes[m] = new float[4];
            var mention = mentions[m];
            if (RoleFinder.PlaceOf(view, mention) is not null)
            {
                votes[m][(int)EntityType.Location] += ClueWeight;
            }

            if (RoleFinder.OrganizationOf(view, mention) is not null)
            {
                votes[m][(int)EntityType.Organization] += ClueWeight;
            }

            // A foreign name ending with its kind: "Qatar Investment Authority", "The New York Palace Hotel".
            if (mention.TokenCount >= 2 && lexicons.NameTails.Longest(view.Ids, mention.EndToken - 1, out var tails) == 1 && view.IsCapitalized(mention.EndToken - 1))
            {
                votes[m][(int)(tails[0] == "org" ? EntityType.Organization : EntityType.Location)] += ClueWeight;
            }

            if (lexicons.EventHeads.Longest(view.Ids, mention.FirstToken, out _) > 0 && mention.Type != EntityType.Person)
            {
                votes[m][(int)EntityType.Misc] += 10f;
            }

            // The noun before the name: "province de X" (place), "l'agence X", "le quotidien X" (organization),
            // "l'ordre national du X", "le prix X" (an honour or a prize: MISC).
            var k = mention.FirstToken;
            var before = k;
            for (var back = 1; back <= 3 && k - back >= 0; back++)
            {
                if (view.ClassLengths[k - back] == back && view.Is(k - back, WordClass.De))
                {
                    before = k - back; // "du", "de la", "de l'"
                }
            }

            for (var back = 1; back <= 4 && before - back >= 0; back++)
            {
                if (lexicons.MiscContexts.Longest(view.Ids, before - back, out _) == back && mention.Type != EntityType.Person)
                {
                    votes[m][(int)EntityType.Misc] += 10f;
                    break;
                }
            }

            if (k >= 2 && view.Is(k - 1, WordClass.De) && view.ClassLengths[k - 1] == 1)
            {
                for (var back = 2; back <= 3 && k - back >= 0; back++)
                {
                    if (lexicons.PlaceHeads.Longest(view.Ids, k - back, out _) == back - 1)
                    {
                        votes[m][(int)EntityType.Location] += ClueWeight;
                        break;
                    }
                }
            }

            // A kind of organization just before the name: "l'agence X", "le quotidien X", "le parti Ennahdha", "la société
            // Ageroute", "le groupe Wagner" (not a ministry or a court: "ministre X" names a person).
            for (var back = 1; back <= 3 && k - back >= 0; back++)
            {
                if (lexicons.OrganizationHeads.Longest(view.Ids, k - back, out var heads) == back
                    && heads[0].Kind is "news_agency" or "agency" or "media" or "party" or "company" or "group" or "bank" or "armed_group" or "club")
                {
                    votes[m][(int)EntityType.Organization] += ClueWeight;
                    break;
                }
            }
        }

        foreach (var role in roles)
        {
            if (role.Mention >= 0 && !ReferenceEquals(role.Role, RoleFinder.Nationality))
            {
                votes[role.Mention][(int)EntityType.Person] += 1f;
            }
        }

        return votes;
    }

    private static bool ContainsLetter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name part of a mention: leading honorifics, determiners and titles the recognizer included are left out.</summary>
    private ReadOnlySpan<char> NameText(LexicalView view, EntityMention mention)
    {
        var first = NameStart(view, mention);
        // A name inside a hyphenated token (Tokyo in Séoul-Tokyo) starts inside its first token.
        var start = Math.Max(view.Tokens[first].Start, mention.Start);
        return view.Text.AsSpan(start, mention.End - start);
    }

    private int NameStart(LexicalView view, EntityMention mention)
    {
        var first = mention.FirstToken;
        var end = mention.EndToken;
        for (var guard = 0; guard < 4 && first < end - 1; guard++)
        {
            var skip = lexicons.Honorifics.Longest(view.Ids, first, out _);
            if (skip == 0)
            {
                skip = lexicons.Roles.Longest(view.Ids, first, out _);
            }

            if (skip == 0 && (view.Classes[first] & WordClass.DetDef) != 0 && !view.IsCapitalized(first + view.ClassLengths[first]) is false)
            {
                skip = 0;
            }

            if (skip == 0 || first + skip >= end)
            {
                break;
            }

            first += skip;
        }

        return first;
    }

    private void JoinSameNames(NameForm[] forms, UnionFind clusters)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var byCore = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < forms.Length; m++)
        {
            if (forms[m].Parts.Length == 0)
            {
                continue;
            }

            if (byKey.TryGetValue(forms[m].Key, out var other))
            {
                clusters.Union(other, m);
            }
            else
            {
                byKey[forms[m].Key] = m;
            }

            // "Assad" and "al-Assad": the same name once particles are set aside, but for the patronymic ones ("Ben
            // Salmane", the son, is not "Salmane", the father; "bin Salmane" is "ben Salmane").
            var core = forms[m].PatronymicKey(lexicons.PatronymicParticles) ?? forms[m].CoreKey;
            if (forms[m].Core.Length < forms[m].Parts.Length || byCore.ContainsKey(core))
            {
                if (byCore.TryGetValue(core, out other))
                {
                    clusters.Union(other, m);
                }
                else
                {
                    byCore[core] = m;
                }
            }
            else
            {
                byCore.TryAdd(core, m);
            }
        }
    }

    /// <summary>"Commission électorale nationale autonome (CENA)" and "CENA (Commission ...)".</summary>
    private static void JoinParentheticalAcronyms(LexicalView view, List<EntityMention> mentions, int[] mentionAt, NameForm[] forms, UnionFind clusters)
    {
        for (var m = 0; m < mentions.Count; m++)
        {
            var open = mentions[m].EndToken;
            if (!view.IsChar(open, '(') || open + 1 >= view.Count)
            {
                continue;
            }

            var inner = mentionAt[open + 1];
            if (inner < 0 || mentions[inner].FirstToken != open + 1 || !view.IsChar(mentions[inner].EndToken, ')'))
            {
                continue;
            }

            var (acronym, expansion) = forms[inner].Acronym is not null && forms[m].Parts.Length > 1 ? (forms[inner].Acronym, forms[m])
                : forms[m].Acronym is not null && forms[inner].Parts.Length > 1 ? (forms[m].Acronym, forms[inner])
                : (null, null);
            if (acronym is not null && !AbbreviatesComplement(acronym, expansion!))
            {
                clusters.Union(m, inner);
            }
        }
    }

    /// <summary>
    /// Whether an acronym spells only the complement of a name, not the whole name: "Comité central du Parti communiste
    /// chinois (PCC)" — PCC is the party, another entity than its committee.
    /// </summary>
    private static bool AbbreviatesComplement(string acronym, NameForm name)
    {
        if (IsExpansion(acronym, name))
        {
            return false;
        }

        for (var p = 1; p < name.Parts.Length - 1; p++)
        {
            if (name.Parts[p] is "de" or "du" or "des" or "d" or "l" or "la" or "le" or "les" && IsExpansion(acronym, NameFormOf(name.Parts[(p + 1)..])))
            {
                return true;
            }
        }

        return false;

        static NameForm NameFormOf(string[] parts) => NameForm.FromParts(parts);
    }

    private void JoinKnownOrganizations(LexicalView view, List<EntityMention> mentions, UnionFind clusters)
    {
        var byGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < mentions.Count; m++)
        {
            if (mentions[m].Type == EntityType.Person)
            {
                continue;
            }

            var start = NameStart(view, mentions[m]);
            var length = lexicons.Organizations.Longest(view.Ids, start, out var organizations);
            if (length == 0 || start + length != mentions[m].EndToken)
            {
                continue;
            }

            if (byGroup.TryGetValue(organizations[0].Group, out var other))
            {
                clusters.Union(other, m);
            }
            else
            {
                byGroup[organizations[0].Group] = m;
            }
        }
    }

    /// <summary>
    /// Two names of one country: its usual and official names (<c>Russie</c> = <c>Fédération de Russie</c>,
    /// <c>France</c> = <c>République française</c>, <c>Iran</c> = <c>République islamique d'Iran</c>).
    /// </summary>
    private void JoinKnownCountries(LexicalView view, List<EntityMention> mentions, UnionFind clusters)
    {
        var byCountry = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < mentions.Count; m++)
        {
            if (mentions[m].Type == EntityType.Person)
            {
                continue;
            }

            var start = NameStart(view, mentions[m]);
            var length = lexicons.Places.Longest(view.Ids, start, p => p.Kind == "country", out var place);
            if (length == 0 || start + length != mentions[m].EndToken || place.Country is not { } country)
            {
                continue;
            }

            if (byCountry.TryGetValue(country, out var other))
            {
                clusters.Union(other, m);
            }
            else
            {
                byCountry[country] = m;
            }
        }
    }

    /// <summary>One mention per distinct name (mentions of the same name are already joined), with the positions of all.</summary>
    private static List<(int Representative, List<int> Starts)> DistinctNames(List<EntityMention> mentions, NameForm[] forms)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<(int, List<int>)>();
        for (var m = 0; m < mentions.Count; m++)
        {
            if (forms[m].Parts.Length == 0)
            {
                continue;
            }

            if (!byKey.TryGetValue(forms[m].Key, out var index))
            {
                index = names.Count;
                byKey[forms[m].Key] = index;
                names.Add((m, []));
            }

            names[index].Item2.Add(mentions[m].Start);
        }

        return names;
    }

    /// <summary>
    /// CENA = Commission électorale nationale autonome, when exactly one expansion in the document fits. The acronym's
    /// letters are the initials of the expansion's words in order, each content word giving its initial and each
    /// function word giving it or not (<c>CEDEAO</c>: Communauté économique des États de l'Afrique de l'Ouest, with
    /// the D of "des"). An organization name written as a word (<c>Cédéao</c>, <c>Farc</c>, <c>Cemac</c>) is tried as
    /// an acronym too.
    /// </summary>
    private static void JoinAcronymsToExpansions(
        List<EntityMention> mentions, NameForm[] forms, List<(int Representative, List<int> Starts)> names, UnionFind clusters, float[] personVotes)
    {
        var byFirstLetter = new Dictionary<char, List<int>>();
        foreach (var (m, _) in names)
        {
            if (forms[m].Parts.Length >= 2 && forms[m].Acronym is null && mentions[m].Type != EntityType.Person)
            {
                var first = forms[m].Parts[0][0];
                if (!byFirstLetter.TryGetValue(first, out var list))
                {
                    byFirstLetter[first] = list = [];
                }

                list.Add(m);
            }
        }

        var roots = new HashSet<int>();
        foreach (var (a, _) in names)
        {
            var acronym = forms[a].Acronym
                ?? (forms[a].Parts.Length == 1 && mentions[a].Type == EntityType.Organization && forms[a].Parts[0].Length is >= 3 and <= 8 ? forms[a].Parts[0] : null);
            if (acronym is null || acronym.Length < 2 || mentions[a].Type == EntityType.Person || personVotes[a] > 0
                || !byFirstLetter.TryGetValue(acronym[0], out var expansions))
            {
                continue;
            }

            roots.Clear();
            foreach (var e in expansions)
            {
                if (IsExpansion(acronym, forms[e]))
                {
                    roots.Add(clusters.Find(e));
                }
            }

            if (roots.Count == 1)
            {
                clusters.Union(a, roots.First());
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="acronym"/> (folded letters) spells the initials of <paramref name="expansion"/>'s parts in
    /// order: every content word gives its initial, a function word (<c>de</c>, <c>des</c>, <c>et</c>) its initial or nothing.
    /// </summary>
    internal static bool IsExpansion(string acronym, NameForm expansion)
    {
        var parts = expansion.Parts;
        if (parts.Length > 24 || acronym.Length > 12)
        {
            return false;
        }

        // reachable[k] after part i: the first k letters are spelled by parts [0, i).
        Span<bool> reachable = stackalloc bool[acronym.Length + 1];
        Span<bool> next = stackalloc bool[acronym.Length + 1];
        reachable.Clear();
        reachable[0] = true;
        var contentWords = 0;
        foreach (var part in parts)
        {
            var optional = s_isInitialSkipped(part);
            contentWords += optional ? 0 : 1;
            next.Clear();
            for (var k = 0; k <= acronym.Length; k++)
            {
                if (!reachable[k])
                {
                    continue;
                }

                if (optional)
                {
                    next[k] = true;
                }

                if (k < acronym.Length && part[0] == acronym[k])
                {
                    next[k + 1] = true;
                }
            }

            next.CopyTo(reachable);
        }

        return contentWords >= 2 && reachable[acronym.Length];
    }

    /// <summary>
    /// A shorter name joins the fuller one it is part of. A person: a surname (<c>Poutine</c>, <c>Sall</c>) joins the
    /// person whose name ends with it, but never a name it follows as the father's name (<c>Salmane</c> after
    /// <c>ben</c> in <c>Mohamed ben Salmane</c>); two or more parts join a name that has them in order from its first
    /// part (<c>Felix Tshisekedi</c>, <c>Faure Gnassingbé</c>, <c>A. Ouattara</c>) or the same parts in another order;
    /// when no surname fits, a single part that is the first or a middle part of exactly one person's name joins it (a
    /// given name, <c>Anwar</c>; a family name written first, <c>Moon</c> for <c>Moon Jae-in</c>; a usual name,
    /// <c>Lula</c>). An organization or a place: a shortened name joins the longer one it starts (<c>Cour
    /// constitutionnelle</c> → <c>... du Bénin</c>; a head word alone when one name fits: <c>Commission</c>) or ends, unless
    /// it is that name's complement (<c>Union africaine</c> in <c>Commission de l'Union africaine</c> is another
    /// entity); a place alone joins a region or city named after it (<c>province de Lattaquié</c>), not a building
    /// (<c>palais de Carthage</c>). With several candidates, the one mentioned last before wins. Candidates come from
    /// indexes of name parts, so a long document costs about one lookup per distinct name.
    /// </summary>
    private void JoinPartialNames(
        LexicalView view, List<EntityMention> mentions, NameForm[] forms, List<(int Representative, List<int> Starts)> names, UnionFind clusters, float[][] typeVotes)
    {
        var types = ProvisionalTypes(mentions, forms, clusters, typeVotes);
        var starts = names.ToDictionary(n => n.Representative, n => n.Starts);
        var byLast = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byFirst = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byPersonPart = new Dictionary<string, List<int>>(StringComparer.Ordinal);

        // Names of the same length fit only through the same parts (in order, or in any order for three parts or more)
        // unless the short name has an initial: those are found through these two exact indexes, not by looking at every
        // name that shares a part (thousands of people sharing a surname or a first name).
        var byCore = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var bySortedParts = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var inByFirst = new HashSet<int>();
        var inByPersonPart = new HashSet<int>();

        // Distinct last parts of five letters or more, with their rank among those of the same first letter: a surname
        // alone is compared with the first 5,000 of its letter, found through an index rather than one by one.
        var lastParts = new OneEditIndex();
        var letterRanks = new List<int>();
        var perLetter = new Dictionary<char, int>();
        foreach (var (m, _) in names)
        {
            var core = forms[m].Core;
            if (core.Length < 2)
            {
                continue;
            }

            Index(byLast, core[^1], m);
            Index(byCore, string.Join(' ', core), m);
            if (core.Length >= 3)
            {
                Index(bySortedParts, string.Join(' ', core.Order(StringComparer.Ordinal)), m);
            }

            if (types[clusters.Find(m)] == EntityType.Person)
            {
                // Every part but the last (the last is a surname: byLast), for given names and parts written first.
                foreach (var part in core.AsSpan(0, core.Length - 1))
                {
                    Index(byPersonPart, part, m);
                }

                inByPersonPart.Add(m);
            }

            if (types[clusters.Find(m)] is EntityType.Organization or EntityType.Location)
            {
                // Prefixes only join organizations and places ("Cour constitutionnelle" → "... du Bénin"): persons
                // sharing a first name stay out of this index.
                Index(byFirst, core[0], m);
                inByFirst.Add(m);
            }

            if (core[^1].Length >= 5 && byLast[core[^1]].Count == 1)
            {
                var letter = core[^1][0];
                var rank = perLetter.GetValueOrDefault(letter);
                perLetter[letter] = rank + 1;
                letterRanks.Add(rank);
                lastParts.Add(core[^1]);
            }
        }

        // Only names at least as long as the short one can take it (longer ones unless it has an initial); in a long
        // document many names share a part, so each list is also kept sorted by length to skip the others unseen.
        var candidates = new List<int>();
        var seen = new HashSet<int>();
        var byLength = new Dictionary<List<int>, int[]>(ReferenceEqualityComparer.Instance);
        var similar = new List<string>();
        Func<int, bool> withinFirst5000 = rank => letterRanks[rank] < 5000;
        var partMatches = new HashSet<int>();
        foreach (var (s, sStarts) in names)
        {
            var shortForm = forms[s];
            if (shortForm.Core.Length == 0 || shortForm.Acronym is not null)
            {
                continue;
            }

            candidates.Clear();
            seen.Clear();
            var shortType = types[clusters.Find(s)];
            var length = shortForm.Core.Length;
            var withInitial = Array.Exists(shortForm.Core, part => part.Length == 1);
            var minLength = withInitial ? length : length + 1;
            var byPersonParts = length >= 2 && shortType == EntityType.Person;
            AddLonger(byLast, shortForm.Core[^1], minLength);
            if (shortType is EntityType.Organization or EntityType.Location)
            {
                AddLonger(byFirst, shortForm.Core[0], minLength);
            }

            if (byPersonParts)
            {
                // Parts in order from the first one; an initial ("A. Ouattara") is found through the surname (byLast).
                AddLonger(byPersonPart, shortForm.Core[0], minLength);
            }

            if (!withInitial && length >= 2)
            {
                // The names of the same length that can fit: the same parts, in order or (three or more) in any order,
                // when one of the indexes above holds them.
                AddSameLength(byCore, string.Join(' ', shortForm.Core));
                if (length >= 3)
                {
                    AddSameLength(bySortedParts, string.Join(' ', shortForm.Core.Order(StringComparer.Ordinal)));
                }
            }

            if (length == 1 && shortForm.Core[0].Length >= 5)
            {
                // A surname alone one letter apart: Zelenski / Volodymyr Zelensky.
                lastParts.Find(shortForm.Core[0], withinFirst5000, similar);
                foreach (var part in similar)
                {
                    AddLonger(byLast, part, minLength);
                }
            }

            var isKnownPlace = RoleFinder.PlaceOf(view, mentions[s]) is not null || RoleFinder.OrganizationOf(view, mentions[s]) is not null;
            var reference = sStarts[0];
            var best = -1;
            var bestDistance = int.MaxValue;
            var headMatches = 0;
            foreach (var l in candidates)
            {
                var longForm = forms[l];
                if (longForm.Core.Length < shortForm.Core.Length || clusters.Find(l) == clusters.Find(s))
                {
                    continue;
                }

                var longType = types[clusters.Find(l)];
                bool fits;
                if (longType == EntityType.Person)
                {
                    fits = !isKnownPlace && shortType is EntityType.Person or EntityType.Location or EntityType.Organization or EntityType.Misc
                        && PersonFits(longForm, shortForm, shortType == EntityType.Person);
                }
                else if (longType == shortType && longType is EntityType.Organization or EntityType.Location && longForm.Core.Length > shortForm.Core.Length)
                {
                    if (shortForm.Core.Length >= 2)
                    {
                        fits = StartsWith(longForm.Core, shortForm.Core) || (EndsWith(longForm.Core, shortForm.Core) && !IsComplement(longForm, shortForm));
                    }
                    else if (shortType == EntityType.Location)
                    {
                        // "province de Lattaquié" is Lattaquié; "palais de Carthage" is not Carthage, but "palais de l'Élysée"
                        // is the Élysée (a known building named alone).
                        fits = EndsWith(longForm.Core, shortForm.Core) && lexicons.PlaceHeads.Longest(view.Ids, mentions[l].FirstToken, out var kinds) > 0
                            && (kinds[0] != "building" || RoleFinder.PlaceOf(view, mentions[s]) is { Kind: "building" });
                    }
                    else
                    {
                        // A head word alone ("Commission", "Parlement", "Fonds"): only when one organization starts with it.
                        fits = StartsWith(longForm.Core, shortForm.Core) && shortForm.Capitals > 0 && !isKnownPlace;
                        headMatches += fits ? 1 : 0;
                    }
                }
                else
                {
                    fits = false;
                }

                if (!fits)
                {
                    continue;
                }

                // Prefer the nearest earlier mention; a later one only when none comes before.
                var lStarts = starts[l];
                var at = lStarts.BinarySearch(reference);
                var before = at >= 0 ? at : ~at - 1;
                var distance = before >= 0 ? reference - lStarts[before] : int.MaxValue / 2 + lStarts[0] - reference;
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = l;
                }
            }

            if (headMatches > 1 && shortForm.Core.Length == 1 && shortType == EntityType.Organization)
            {
                best = -1;
            }

            if (best < 0 && shortForm.Core.Length == 1 && shortType == EntityType.Person && !isKnownPlace
                && byPersonPart.TryGetValue(shortForm.Core[0], out var byPart))
            {
                // A given name alone (Anwar), a family name written first (Moon, M. Wang), a usual middle name (Lula):
                // only when exactly one person's name has it, and never where it follows "ben" (a father's name).
                // "Ben Salmane", the particle written, is the one whose name has "ben Salmane". (Each name is looked
                // up once, in the list of its own part: linear in all.)
                partMatches.Clear();
                var patronymic = StartsWithPatronymic(shortForm);
                foreach (var l in byPart)
                {
                    var longForm = forms[l];
                    var index = Array.IndexOf(longForm.Core, shortForm.Core[0]);
                    if (index >= 0 && longForm.FollowsPatronymic(index, lexicons.PatronymicParticles) == patronymic && clusters.Find(l) != clusters.Find(s))
                    {
                        partMatches.Add(clusters.Find(l));
                        if (partMatches.Count > 1)
                        {
                            break;
                        }
                    }
                }

                if (partMatches.Count == 1)
                {
                    best = partMatches.First();
                }
            }

            if (best >= 0)
            {
                var person = types[clusters.Find(best)] == EntityType.Person || types[clusters.Find(s)] == EntityType.Person;
                var type = types[clusters.Find(best)];
                clusters.Union(s, best);
                types[clusters.Find(s)] = person ? EntityType.Person : type;
            }

            // The names of index[key] of the short name's length that one of the part indexes queried above holds.
            void AddSameLength(Dictionary<string, List<int>> index, string key)
            {
                if (!index.TryGetValue(key, out var list))
                {
                    return;
                }

                foreach (var l in list)
                {
                    var core = forms[l].Core;
                    var listed = core[^1] == shortForm.Core[^1]
                        || (shortType is EntityType.Organization or EntityType.Location && inByFirst.Contains(l) && core[0] == shortForm.Core[0])
                        || (byPersonParts && inByPersonPart.Contains(l) && Array.IndexOf(core, shortForm.Core[0], 0, core.Length - 1) >= 0);
                    if (core.Length == length && listed && seen.Add(l))
                    {
                        candidates.Add(l);
                    }
                }
            }
        }

        static void Index(Dictionary<string, List<int>> index, string key, int value)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(value);
        }

        // Adds the names of index[key] whose core has at least `length` parts, once each.
        void AddLonger(Dictionary<string, List<int>> index, string key, int length)
        {
            if (!index.TryGetValue(key, out var list))
            {
                return;
            }

            if (list.Count <= 16)
            {
                foreach (var m in list)
                {
                    if (forms[m].Core.Length >= length && seen.Add(m))
                    {
                        candidates.Add(m);
                    }
                }

                return;
            }

            if (!byLength.TryGetValue(list, out var sorted))
            {
                sorted = [.. list];
                Array.Sort(sorted, (a, b) => forms[b].Core.Length.CompareTo(forms[a].Core.Length));
                byLength[list] = sorted;
            }

            for (var i = 0; i < sorted.Length && forms[sorted[i]].Core.Length >= length; i++)
            {
                if (seen.Add(sorted[i]))
                {
                    candidates.Add(sorted[i]);
                }
            }
        }
    }

    /// <summary>
    /// Whether the person name <paramref name="shortForm"/> can be a shorter (or reordered) form of <paramref name="longForm"/>:
    /// its last parts end the long name, not right after a patronymic particle; or its parts appear in order in the long
    /// name from its first part (a one-letter part standing for an initial); or both have the same parts.
    /// </summary>
    private bool PersonFits(NameForm longForm, NameForm shortForm, bool shortIsPerson)
    {
        var patronymics = lexicons.PatronymicParticles;
        var offset = longForm.Core.Length - shortForm.Core.Length;
        if (offset > 0 && EndsWith(longForm.Core, shortForm.Core))
        {
            // "Salmane" after "ben" names the father; "Ben Salmane" (the particle written) is the son's usual name.
            return StartsWithPatronymic(shortForm) || !longForm.FollowsPatronymic(offset, patronymics);
        }

        if (!shortIsPerson || shortForm.Core.Length < 2)
        {
            return false;
        }

        if (longForm.Core.Length == shortForm.Core.Length && longForm.Core.Length >= 3 && SameParts(longForm.Core, shortForm.Core))
        {
            return true;
        }

        // In order, from the first part: "Felix Tshisekedi" in "Felix-Antoine Tshisekedi Tshilombo".
        if (!PartMatches(longForm.Core[0], shortForm.Core[0]))
        {
            return false;
        }

        var k = 1;
        for (var i = 1; i < shortForm.Core.Length; i++)
        {
            while (k < longForm.Core.Length && !PartMatches(longForm.Core[k], shortForm.Core[i]))
            {
                k++;
            }

            if (k == longForm.Core.Length)
            {
                return false;
            }

            k++;
        }

        return true;

        // A part, or its initial (A. Ouattara).
        static bool PartMatches(string full, string part) => full == part || (part.Length == 1 && full.Length > 1 && full[0] == part[0]);
    }

    /// <summary>Whether a name starts with a patronymic particle (<c>Ben Salmane</c>, <c>Ould Daddah</c>).</summary>
    private bool StartsWithPatronymic(NameForm form) =>
        form.Parts.Length > form.Core.Length && form.IsParticle[0] && lexicons.PatronymicParticles.Contains(form.Parts[0]);

    /// <summary>The same parts, in any order (Bola Ahmed Tinubu = Ahmed Bola Tinubu).</summary>
    private static bool SameParts(string[] a, string[] b) =>
        a.Length == b.Length && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>
    /// Whether the short name ends the long one as its complement (<c>Union africaine</c> after <c>de l'</c> in
    /// <c>Commission de l'Union africaine</c>): then it names another entity.
    /// </summary>
    private static bool IsComplement(NameForm longForm, NameForm shortForm)
    {
        var position = longForm.CorePositions[longForm.Core.Length - shortForm.Core.Length];
        return position > 0 && longForm.Parts[position - 1] is "de" or "du" or "des" or "d" or "l" or "la" or "le" or "les";
    }

    /// <summary>
    /// Names with more parts are not compared for spelling variants: no name is that long, and a run of capitalized
    /// words the recognizer took for one name (a hyphenated line of capitals, tens of thousands of parts) would fill the
    /// buckets with a key per part.
    /// </summary>
    private const int MaxVariantParts = 16;

    /// <summary>
    /// Names one letter apart (transliterations, typos): <c>Zelensky</c>/<c>Zelenski</c>, <c>Cirigan</c>/<c>Ciragan</c>.
    /// Names are bucketed by the other parts, the first letter and the length of the differing part, so only near
    /// neighbours are compared.
    /// </summary>
    private static void JoinSpellingVariants(
        List<EntityMention> mentions, NameForm[] forms, List<(int Representative, List<int> Starts)> names, UnionFind clusters, float[][] typeVotes)
    {
        var types = ProvisionalTypes(mentions, forms, clusters, typeVotes);
        var buckets = new Dictionary<(int Type, int Others, char First, int Length), List<int>>();
        var before = new int[16];
        var after = new int[16];
        foreach (var (m, _) in names)
        {
            var core = forms[m].Core;
            if (core.Length == 0 || core.Length > MaxVariantParts || forms[m].Acronym is not null)
            {
                continue;
            }

            var type = (int)types[clusters.Find(m)];

            // The other parts of each position, hashed from running hashes of the parts before and after it, so that a
            // name of many parts (a run of capitalized words the recognizer took for one name) costs linear time.
            if (before.Length <= core.Length)
            {
                before = new int[core.Length * 2];
                after = new int[core.Length * 2];
            }

            before[0] = core.Length;
            for (var i = 0; i < core.Length; i++)
            {
                before[i + 1] = HashCode.Combine(before[i], StringComparer.Ordinal.GetHashCode(core[i]));
            }

            after[core.Length] = 0;
            for (var i = core.Length - 1; i >= 0; i--)
            {
                after[i] = HashCode.Combine(StringComparer.Ordinal.GetHashCode(core[i]), after[i + 1]);
            }

            for (var p = 0; p < core.Length; p++)
            {
                // A part of 5 letters or more; of 4 when the other parts (context enough) are the same (Heny / Henry).
                var minLength = core.Length >= 2 ? 4 : 5;
                if (core[p].Length < minLength)
                {
                    continue;
                }

                // The other parts and the position; an equal hash is checked part by part below.
                var rest = HashCode.Combine(p, before[p], after[p + 1]);

                for (var delta = -1; delta <= 1; delta++)
                {
                    if (!buckets.TryGetValue((type, rest, core[p][0], core[p].Length + delta), out var neighbours))
                    {
                        continue;
                    }

                    foreach (var other in neighbours)
                    {
                        var otherCore = forms[other].Core;
                        if (clusters.Find(other) != clusters.Find(m) && OtherPartsEqual(otherCore, core, p) && OneEditApart(otherCore[p], core[p], minLength))
                        {
                            clusters.Union(other, m);
                        }
                    }
                }

                var key = (type, rest, core[p][0], core[p].Length);
                if (!buckets.TryGetValue(key, out var list))
                {
                    buckets[key] = list = [];
                }

                list.Add(m);
            }
        }

        static bool OtherPartsEqual(string[] a, string[] b, int except)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Length; i++)
            {
                if (i != except && a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The type each cluster would get now, indexed by the cluster's root mention (other entries are unused): one
    /// array of votes and one of types per document, instead of a dictionary per cluster.
    /// </summary>
    private static EntityType[] ProvisionalTypes(List<EntityMention> mentions, NameForm[] forms, UnionFind clusters, float[][] typeVotes)
    {
        var votes = new float[mentions.Count * 4];
        var isRoot = new bool[mentions.Count];
        for (var m = 0; m < mentions.Count; m++)
        {
            var root = clusters.Find(m);
            isRoot[root] = true;
            var v = votes.AsSpan(root * 4, 4);
            v[(int)mentions[m].Type] += Weight(mentions[m], forms[m]);
            for (var t = 0; t < 4; t++)
            {
                v[t] += typeVotes[m][t];
            }
        }

        var types = new EntityType[mentions.Count];
        for (var root = 0; root < types.Length; root++)
        {
            if (isRoot[root])
            {
                types[root] = Argmax(votes.AsSpan(root * 4, 4));
            }
        }

        return types;
    }

    private static float Weight(EntityMention mention, NameForm form)
    {
        var weight = Math.Max(mention.Confidence, 0.05f);

        // A full personal name (first name + surname) is the strongest evidence of a person.
        return mention.Type == EntityType.Person && form.Core.Length >= 2 ? weight * 2 : weight;
    }

    private static EntityType Argmax(ReadOnlySpan<float> votes)
    {
        var best = 0;
        for (var t = 1; t < votes.Length; t++)
        {
            if (votes[t] > votes[best])
            {
                best = t;
            }
        }

        return (EntityType)best;
    }

    internal static bool EndsWith(string[] full, string[] part)
    {
        if (part.Length > full.Length)
        {
            return false;
        }

        // A surname alone may be spelled one letter apart (Zelenski / Zelensky); longer forms must match exactly,
        // or Marine Le Pen would join Jean-Marie Le Pen.
        var offset = full.Length - part.Length;
        for (var i = 0; i < part.Length; i++)
        {
            if (full[offset + i] != part[i] && !(part.Length == 1 && OneEditApart(full[offset + i], part[i])))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool StartsWith(string[] full, string[] part)
    {
        if (part.Length > full.Length)
        {
            return false;
        }

        for (var i = 0; i < part.Length; i++)
        {
            if (full[i] != part[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two name parts of <paramref name="minLength"/> letters or more, starting alike, are one edit apart (Damerau–Levenshtein).</summary>
    internal static bool OneEditApart(string a, string b, int minLength = 5)
    {
        if (a.Length < minLength || b.Length < minLength || a[0] != b[0] || Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (i == a.Length || i == b.Length)
        {
            // Equal, or one is the other plus a last letter.
            return a.Length != b.Length;
        }

        if (a.Length == b.Length)
        {
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1)))
            {
                return true;
            }

            // transposition of two neighbours
            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
        }

        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : b.AsSpan(i + 1).SequenceEqual(a.AsSpan(i));
    }

    /// <summary>
    /// An entity's name mentions (in text order already) and its nominal mentions, merged in text order; at equal starts
    /// names come first (the order a stable sort of names then nominals gives). One array, no enumerators: this runs
    /// for every entity of every document.
    /// </summary>
    private static ImmutableArray<EntityMention> MentionsInTextOrder(List<EntityMention> mentions, List<int> members, List<EntityMention> nominals)
    {
        var all = new EntityMention[members.Count + nominals.Count];
        for (var k = 0; k < members.Count; k++)
        {
            all[k] = mentions[members[k]];
        }

        // Nominals are few (role descriptions standing for the entity): a stable insertion sort, then a stable merge.
        var tail = all.AsSpan(members.Count);
        for (var k = 0; k < nominals.Count; k++)
        {
            var nominal = nominals[k];
            var j = k;
            while (j > 0 && tail[j - 1].Start > nominal.Start)
            {
                tail[j] = tail[j - 1];
                j--;
            }

            tail[j] = nominal;
        }

        if (nominals.Count > 0 && members.Count > 0 && all[members.Count - 1].Start > all[members.Count].Start)
        {
            var names = all.AsSpan(0, members.Count).ToArray();
            var sortedNominals = tail.ToArray();
            int n = 0, o = 0, w = 0;
            while (n < names.Length && o < sortedNominals.Length)
            {
                all[w++] = sortedNominals[o].Start < names[n].Start ? sortedNominals[o++] : names[n++];
            }

            while (n < names.Length)
            {
                all[w++] = names[n++];
            }

            while (o < sortedNominals.Length)
            {
                all[w++] = sortedNominals[o++];
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(all);
    }

    /// <summary>The distinct labels of an entity's roles (nationalities left out), in order of first appearance.</summary>
    private static ImmutableArray<string> RoleLabels(List<RoleExtent> roles)
    {
        var labels = ImmutableArray.CreateBuilder<string>(roles.Count);
        foreach (var role in roles)
        {
            if (!ReferenceEquals(role.Role, RoleFinder.Nationality) && !labels.Contains(role.Label, StringComparer.Ordinal))
            {
                labels.Add(role.Label);
            }
        }

        return labels.DrainToImmutable();
    }

    /// <summary>The mean confidence of the name mentions, summed in double as <c>Enumerable.Average</c> does.</summary>
    private static float AverageConfidence(List<EntityMention> mentions, List<int> members)
    {
        var sum = 0.0;
        foreach (var m in members)
        {
            sum += mentions[m].Confidence;
        }

        return (float)(sum / members.Count);
    }

    private LinkingResult BuildEntities(
        LexicalView view, List<EntityMention> mentions, int[] mentionAt, NameForm[] forms, UnionFind clusters, List<RoleExtent> roles, float[][] typeVotes)
    {
        // Clusters in order of first mention.
        var order = new List<int>();
        var clusterIndex = new Dictionary<int, int>();
        var mentionEntity = new int[mentions.Count];
        for (var m = 0; m < mentions.Count; m++)
        {
            var root = clusters.Find(m);
            if (!clusterIndex.TryGetValue(root, out var index))
            {
                index = order.Count;
                clusterIndex[root] = index;
                order.Add(root);
            }

            mentionEntity[m] = index;
        }

        var members = new List<int>[order.Count];
        for (var e = 0; e < members.Length; e++)
        {
            members[e] = [];
        }

        for (var m = 0; m < mentions.Count; m++)
        {
            members[mentionEntity[m]].Add(m);
        }

        var roleEntity = NoneArray(roles.Count);
        var rolesOf = new List<RoleExtent>[order.Count];
        for (var e = 0; e < rolesOf.Length; e++)
        {
            rolesOf[e] = [];
        }

        for (var r = 0; r < roles.Count; r++)
        {
            if (roles[r].Mention >= 0)
            {
                roleEntity[r] = mentionEntity[roles[r].Mention];
                rolesOf[roleEntity[r]].Add(roles[r]);
            }
        }

        var drafts = new EntityDraft[order.Count];
        for (var e = 0; e < drafts.Length; e++)
        {
            drafts[e] = Describe(view, mentions, forms, members[e], rolesOf[e], typeVotes);
        }

        // People speaking for an international organization take its code: "le secrétaire général de l'ONU" → IGOUNO.
        for (var e = 0; e < drafts.Length; e++)
        {
            if (drafts[e].Type != EntityType.Person || drafts[e].Country is not null)
            {
                continue;
            }

            foreach (var role in rolesOf[e])
            {
                if (!role.Former && role.AffiliationMention >= 0 && drafts[mentionEntity[role.AffiliationMention]].ActorCode is { } code && code.StartsWith("IGO", StringComparison.Ordinal))
                {
                    drafts[e].ActorCode = code;
                    break;
                }
            }
        }

        AttachNominals(view, roles, roleEntity, drafts, rolesOf);

        var entities = new List<Entity>(drafts.Length);
        for (var e = 0; e < drafts.Length; e++)
        {
            var draft = drafts[e];
            entities.Add(new Entity
            {
                Id = "e" + (e + 1).ToString(CultureInfo.InvariantCulture),
                Type = draft.Type,
                Canonical = draft.Canonical,
                Mentions = MentionsInTextOrder(mentions, members[e], draft.Nominals),
                Roles = RoleLabels(rolesOf[e]),
                Country = draft.Country,
                Kind = draft.Kind,
                ActorCode = draft.ActorCode,
                Confidence = AverageConfidence(mentions, members[e]),
            });
        }

        return new LinkingResult
        {
            View = view,
            Entities = entities,
            Mentions = mentions,
            MentionEntity = mentionEntity,
            Roles = roles,
            RoleEntity = roleEntity,
            MentionAt = mentionAt,
        };
    }

    private sealed class EntityDraft
    {
        public EntityType Type { get; set; }

        public string Canonical { get; set; } = string.Empty;

        public string? Country { get; set; }

        public string? Kind { get; set; }

        public string? ActorCode { get; set; }

        public List<EntityMention> Nominals { get; } = [];
    }

    private EntityDraft Describe(LexicalView view, List<EntityMention> mentions, NameForm[] forms, List<int> members, List<RoleExtent> roles, float[][] typeVotes)
    {
        // One vote per distinct name, the mean of its mentions' votes: repeats of a surname (whose labels the
        // consistency pass copies from one another) do not outvote the full name they joined.
        var votes = new float[4];
        var repeats = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            repeats[forms[m].Key] = repeats.GetValueOrDefault(forms[m].Key) + 1;
        }

        foreach (var m in members)
        {
            var share = 1f / repeats[forms[m].Key];
            votes[(int)mentions[m].Type] += share * Weight(mentions[m], forms[m]);
            for (var t = 0; t < 4; t++)
            {
                votes[t] += share * typeVotes[m][t];
            }
        }

        var draft = new EntityDraft { Type = Argmax(votes) };

        // The fullest form: most name parts, then most capitals, then longest, then first.
        var best = members[0];
        foreach (var m in members)
        {
            var a = forms[m];
            var b = forms[best];
            var better = a.Core.Length != b.Core.Length ? a.Core.Length > b.Core.Length
                : a.Parts.Length != b.Parts.Length ? a.Parts.Length > b.Parts.Length
                : a.Capitals != b.Capitals ? a.Capitals > b.Capitals
                : NameText(view, mentions[m]).Length > NameText(view, mentions[best]).Length;
            if (better)
            {
                best = m;
            }
        }

        draft.Canonical = NameText(view, mentions[best]).ToString();

        switch (draft.Type)
        {
            case EntityType.Person:
                DescribePerson(roles, mentions, draft);
                break;
            case EntityType.Location:
                DescribePlace(view, mentions, members, draft);
                break;
            case EntityType.Organization:
                DescribeOrganization(view, mentions, members, draft);
                break;
        }

        return draft;
    }

    private void DescribePerson(List<RoleExtent> roles, List<EntityMention> mentions, EntityDraft draft)
    {
        // The current role decides the sector; a former one still gives the nationality.
        RoleExtent? current = null;
        foreach (var role in roles)
        {
            draft.Country ??= role.Country;
            if (!role.Former && current is null && role.EffectiveRole.Sector is not null)
            {
                current = role;
            }
        }

        _ = mentions;
        var titled = roles.Any(r => !ReferenceEquals(r.Role, RoleFinder.Nationality));
        if (draft.Country is not null && lexicons.CountryCodes.TryGetValue(draft.Country, out var code))
        {
            // Country + sector of the current role; ELI (elite) for a former office holder; the country alone otherwise.
            draft.ActorCode = current is not null ? code + current.EffectiveRole.Sector : titled ? code + "ELI" : code;
        }
    }

    private void DescribePlace(LexicalView view, List<EntityMention> mentions, List<int> members, EntityDraft draft)
    {
        foreach (var m in members)
        {
            var start = NameStart(view, mentions[m]);
            var length = lexicons.Places.Longest(view.Ids, start, out var places);
            if (length > 0 && start + length == mentions[m].EndToken)
            {
                var place = places[0];
                if (place.Kind is null)
                {
                    // A place the CAMEO actors file under a country without saying what it is: the words around it
                    // tell the kind (« la province de Raqqa »).
                    draft.Country = place.Country;
                    break;
                }

                draft.Kind = place.Kind;
                draft.Country = place.Country;
                draft.ActorCode = place.ActorCode ?? (place.Kind == "country" ? place.Country is { } iso && lexicons.CountryCodes.TryGetValue(iso, out var code) ? code : null : null);
                return;
            }
        }

        foreach (var m in members)
        {
            // "palais de la République": the head noun gives the kind.
            if (lexicons.PlaceHeads.Longest(view.Ids, mentions[m].FirstToken, out var kinds) > 0)
            {
                draft.Kind = kinds[0];
                break;
            }

            // "la province de Lattaquié", "la ville de X": the noun before the name.
            var det = mentions[m].FirstToken - 1;
            if (det >= 1 && view.Is(det, WordClass.De))
            {
                var length = lexicons.PlaceHeads.Longest(view.Ids, det - 1, out kinds);
                if (length == 1)
                {
                    draft.Kind = kinds[0];
                    break;
                }
            }
        }

        // "à Rio de Janeiro, au Brésil": a country in apposition.
        foreach (var m in members)
        {
            var k = mentions[m].EndToken;
            if (view.IsComma(k) && view.Is(k + 1, WordClass.Locative))
            {
                var after = k + 1 + view.ClassLengths[k + 1];
                var length = lexicons.Places.Longest(view.Ids, after, p => p.Kind == "country", out var country);
                if (length > 0)
                {
                    draft.Country ??= country.Country;
                    draft.Kind ??= "city";
                    break;
                }
            }
        }
    }

    private void DescribeOrganization(LexicalView view, List<EntityMention> mentions, List<int> members, EntityDraft draft)
    {
        foreach (var m in members)
        {
            var start = NameStart(view, mentions[m]);
            var length = lexicons.Organizations.Longest(view.Ids, start, out var organizations);
            if (length > 0 && start + length == mentions[m].EndToken)
            {
                var organization = organizations[0];
                draft.Kind = organization.Kind;
                draft.Country = organization.Country;
                draft.ActorCode = organization.ActorCode;
                return;
            }
        }

        string? sector = null;
        foreach (var m in members)
        {
            var mention = mentions[m];
            if (draft.Kind is null && lexicons.OrganizationHeads.Longest(view.Ids, mention.FirstToken, out var heads) > 0)
            {
                draft.Kind = heads[0].Kind;
                sector = heads[0].Sector;
            }

            // "l'agence Reuters", "le quotidien Le Monde": the noun before the name.
            if (draft.Kind is null)
            {
                var before = RoleFinder.DeterminerEndingAt(view, mention.FirstToken, out _) != WordClass.None ? mention.FirstToken - 1 : mention.FirstToken;
                for (var back = 1; back <= 3 && before - back >= 0; back++)
                {
                    if (lexicons.OrganizationHeads.Longest(view.Ids, before - back, out heads) == back && heads[0].Kind is "news_agency" or "agency" or "media")
                    {
                        draft.Kind = heads[0].Kind == "agency" ? "news_agency" : heads[0].Kind;
                        sector = "MED";
                        break;
                    }
                }
            }

            // A demonym or a country inside the name: "ministère russe des Affaires étrangères", "Cour constitutionnelle du Bénin".
            for (var t = mention.FirstToken + 1; t < mention.EndToken && draft.Country is null; t++)
            {
                if (lexicons.Demonyms.Longest(view.Ids, t, out var countries) > 0 && !view.IsCapitalized(t))
                {
                    draft.Country = countries[0];
                }
                else if (view.Is(t - 1, WordClass.De) && lexicons.Places.Longest(view.Ids, t, p => p.Kind == "country", out var place) > 0)
                {
                    draft.Country = place.Country;
                }
            }
        }

        if (draft.Country is not null && sector is not null && lexicons.CountryCodes.TryGetValue(draft.Country, out var code))
        {
            draft.ActorCode = code + sector;
        }
    }

    /// <summary>
    /// A role description used alone (<c>le président russe</c>, <c>son homologue syrien</c>) becomes a mention of the
    /// one person whose own descriptions fit it: same function (chef de l'État = président), same country, both current
    /// or both former. Ambiguous or unmatched descriptions stay unattached.
    /// </summary>
    private static void AttachNominals(LexicalView view, List<RoleExtent> roles, int[] roleEntity, EntityDraft[] drafts, List<RoleExtent>[] rolesOf)
    {
        // Only people with a role can fit a description; index them by country and by the functions of their roles so
        // that a long document stays linear.
        var people = new List<int>();
        var byCountry = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byFunction = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var e = 0; e < drafts.Length; e++)
        {
            if (drafts[e].Type != EntityType.Person || rolesOf[e].Count == 0)
            {
                continue;
            }

            people.Add(e);
            if (drafts[e].Country is { } country)
            {
                AddTo(byCountry, country, e);
            }

            foreach (var role in rolesOf[e])
            {
                AddTo(byFunction, role.Function, e);
            }
        }

        var holders = new Dictionary<string, List<int>>(StringComparer.Ordinal);

        for (var r = 0; r < roles.Count; r++)
        {
            var nominal = roles[r];
            if (nominal.Attachment != RoleAttachment.Standalone || nominal.Role.Plural
                || (nominal.Determiner & (WordClass.DetDef | WordClass.DetPoss | WordClass.DetDem)) == 0 || (nominal.Determiner & WordClass.DetPlural) != 0)
            {
                continue;
            }

            var specific = nominal.Country is not null || nominal.AffiliationMention >= 0;
            if (nominal.Role.Generic && !specific)
            {
                continue;
            }

            if (nominal.Role.Counterpart && nominal.Country is null)
            {
                continue;
            }

            var match = -1;
            var ambiguous = false;
            var candidates = nominal.Country is { } wanted ? (byCountry.TryGetValue(wanted, out var sameCountry) ? sameCountry
                : []) : nominal.Role.Counterpart || nominal.Function == "counterpart" ? people : HoldersOf(nominal.Function);
            foreach (var e in candidates)
            {
                if (!Fits(nominal, drafts[e], rolesOf[e]))
                {
                    continue;
                }

                ambiguous |= match >= 0;
                match = e;
                if (ambiguous)
                {
                    break;
                }
            }

            if (match < 0 || ambiguous)
            {
                continue;
            }

            roleEntity[r] = match;
            var first = view.Tokens[nominal.Start];
            var last = view.Tokens[nominal.End - 1];
            drafts[match].Nominals.Add(new EntityMention(
                first.Start, last.End, nominal.Start, nominal.End - nominal.Start, EntityType.Person, nominal.Sentence, NominalConfidence, MentionKind.Nominal));
        }

        // The people holding a role whose function a description of `function` can denote (FunctionsFit), ascending;
        // gathered once per function.
        List<int> HoldersOf(string function)
        {
            if (holders.TryGetValue(function, out var list))
            {
                return list;
            }

            list = [];
            foreach (var (own, people) in byFunction)
            {
                if (FunctionsFit(function, own))
                {
                    list.AddRange(people);
                }
            }

            list.Sort();
            holders[function] = list;
            return list;
        }
    }

    private static void AddTo(Dictionary<string, List<int>> index, string key, int e)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (list.Count == 0 || list[^1] != e)
        {
            list.Add(e);
        }
    }

    private static bool Fits(RoleExtent nominal, EntityDraft person, List<RoleExtent> ownRoles)
    {
        if (nominal.Country is not null && person.Country != nominal.Country)
        {
            return false;
        }

        foreach (var own in ownRoles)
        {
            if (own.Former != nominal.Former)
            {
                continue;
            }

            if (nominal.Role.Counterpart && nominal.ResolvedRole is null)
            {
                return true;
            }

            if (FunctionsFit(nominal.Function, own.Function))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a description with function <paramref name="nominal"/> can denote a holder of <paramref name="own"/>.</summary>
    internal static bool FunctionsFit(string nominal, string own) =>
        nominal == own
        || (nominal == "leader" && own is "head_of_state" or "head_of_government" or "party_leader" or "rebel_leader" or "opposition_leader" or "head_of_organization")
        || (nominal == "minister" && own.EndsWith("_minister", StringComparison.Ordinal))
        || (nominal == "counterpart");

    /// <summary>Disjoint sets over mention indices.</summary>
    private sealed class UnionFind
    {
        private readonly int[] _parent;

        public UnionFind(int count)
        {
            _parent = new int[count];
            for (var i = 0; i < count; i++)
            {
                _parent[i] = i;
            }
        }

        public int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }

            return x;
        }

        public void Union(int a, int b)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra != rb)
            {
                // The earlier mention stays the root, so clusters keep their first mention as representative.
                if (ra < rb)
                {
                    _parent[rb] = ra;
                }
                else
                {
                    _parent[ra] = rb;
                }
            }
        }
    }
}
