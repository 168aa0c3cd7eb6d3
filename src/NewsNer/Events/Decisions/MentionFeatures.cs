using NewsNer.Entities;
using NewsNer.Events.Candidates;
using NewsNer.Events.Lexicons;
using NewsNer.Events.Reading;
using NewsNer.Internal.Lexicons;
using NewsNer.Tokenization;

namespace NewsNer.Events.Decisions;

/// <summary>
/// Features of one meeting mention, for two decisions: whether it states a meeting, and its status. They are the
/// rules' evidence rather than their verdicts alone: the trigger and its tense, the auxiliary before it, the cue words
/// near it, the date and its direction from publication, the parties the clause names, where the sentence stands.
/// Every window is bounded (<see cref="Window"/> tokens around the trigger), so a giant sentence costs no more per
/// mention than a normal one.
/// </summary>
internal static class MentionFeatures
{
    /// <summary>Tokens read on each side of the trigger for cue words.</summary>
    public const int Window = 20;

    private enum T
    {
        Bias = 1,
        Lemma,
        IsVerb,
        Frame,
        Subtype,
        Strength,
        Tense,
        NounFlag,
        VerbFlag,
        Dropped,
        RuleStatus,
        Hedged,
        Pluperfect,
        SimplePresent,
        Anaphoric,
        Again,
        AtSummit,
        DefiniteSummit,
        RuleParties,
        RuleHost,
        RuleGuest,
        Unnamed,
        Persons,
        Organizations,
        SentenceIndex,
        SentenceLength,
        CueBefore,
        CueAfter,
        WordBefore,
        WordBefore2,
        WordAfter,
        ClassBefore,
        DateInClause,
        DateDirection,
        DateFuture,
        DateBackground,
        DateRecent,
        DateToday,
        DateVague,
        DateNone,
        PlaceInClause,
        Question,
        NoPublication,
        LemmaStatus,
        LemmaDropped,
        LemmaParties,
        TenseClass,
        MentionsInSentence,
        RuleStatusTense,
        Quoted,
        DelegationOrPresent,
        DocumentMentions,
        DocumentHeadline,
        DocumentStated,
    }

    public static void Build(EventDocumentIndex index, MeetingCandidate candidate, int mentionsInSentence, DocumentMentionSummary? document, FeatureVector features)
    {
        var mention = candidate.Mention;
        var trigger = mention.Trigger;
        var view = index.View;
        var lemma = FeatureHash.Of(trigger.Lemma);
        features.Add((int)T.Bias);
        features.AddHash((int)T.Lemma, lemma);
        features.AddIf((int)T.IsVerb, trigger.IsVerb);
        features.Add((int)T.Frame, trigger.IsVerb ? (long)trigger.Frame : -1);
        features.Add((int)T.Subtype, (long)mention.Subtype);
        features.Add((int)T.Strength, (long)trigger.Strength);
        features.Add((int)T.Tense, trigger.IsVerb ? (long)trigger.Tense : -1);
        AddBits((int)T.NounFlag, (long)trigger.NounFlags, features);
        AddBits((int)T.VerbFlag, (long)trigger.VerbFlags, features);
        features.Add((int)T.Dropped, mention.Dropped is null ? 0 : (long)FeatureHash.Of(mention.Dropped));
        features.Add((int)T.RuleStatus, (long)mention.Status);
        features.Add((int)T.RuleStatusTense, (long)mention.Status, trigger.IsVerb ? (long)trigger.Tense : -1);
        features.AddIf((int)T.Hedged, mention.Hedged);
        features.AddIf((int)T.Pluperfect, mention.Pluperfect);
        features.AddIf((int)T.SimplePresent, mention.SimplePresent);
        features.AddIf((int)T.Anaphoric, mention.Anaphoric);
        features.AddIf((int)T.Again, mention.Again);
        features.AddIf((int)T.AtSummit, mention.AtSummit);
        features.AddIf((int)T.DefiniteSummit, mention.DefiniteSummit);
        features.Add((int)T.RuleParties, Math.Min(mention.Parties.Count, 4));
        features.AddIf((int)T.RuleHost, mention.Parties.ContainsValue(ParticipantRole.Host));
        features.AddIf((int)T.RuleGuest, mention.Parties.ContainsValue(ParticipantRole.Guest));
        features.Add((int)T.Unnamed, Math.Min(mention.Unnamed.Count, 2));
        features.AddIf((int)T.DelegationOrPresent, mention.Delegation.Count + mention.Present.Count > 0);
        features.AddHash((int)T.LemmaDropped, lemma, mention.Dropped is null ? 0 : (long)FeatureHash.Of(mention.Dropped));
        features.AddHash((int)T.LemmaStatus, lemma, (long)mention.Status);
        features.AddHash((int)T.LemmaParties, lemma, Math.Min(mention.Parties.Count, 3));
        features.Add((int)T.MentionsInSentence, Math.Min(mentionsInSentence, 4));

        // What the whole article says of meetings (for the meeting decision; the status is the mention's own): an
        // article about one names it in its headline and states it with its parties more than once; a sports report
        // or a prize list has a stray « rencontre » or « a reçu ».
        if (document is not null)
        {
            features.Add((int)T.DocumentMentions, Bucket(document.Mentions));
            features.AddIf((int)T.DocumentHeadline, document.Headline);
            features.Add((int)T.DocumentStated, Math.Min(document.Stated, 3));
        }

        var persons = 0;
        var organizations = 0;
        foreach (var party in candidate.Parties)
        {
            if ((party.Sources & PartySources.Sentence) != 0)
            {
                if (index.Entities[party.Entity].Type == EntityType.Person)
                {
                    persons++;
                }
                else
                {
                    organizations++;
                }
            }
        }

        features.Add((int)T.Persons, Math.Min(persons, 4));
        features.Add((int)T.Organizations, Math.Min(organizations, 3));

        var sentence = view.Sentences[mention.Sentence];
        features.Add((int)T.SentenceIndex, Math.Min(mention.Sentence, 6));
        features.Add((int)T.SentenceLength, Bucket(sentence.EndToken - sentence.FirstToken));
        features.AddIf((int)T.Question, sentence.EndToken > sentence.FirstToken && view.IsChar(sentence.EndToken - 1, '?'));
        features.AddIf((int)T.NoPublication, index.Calendar.Publication is null);

        // Cue words near the trigger, on each side.
        var from = Math.Max(mention.ClauseStart, mention.TriggerStart - Window);
        var to = Math.Min(mention.ClauseEnd, mention.TriggerEnd + Window);
        for (var k = from; k < to; k++)
        {
            if (k >= mention.TriggerStart && k < mention.TriggerEnd)
            {
                continue;
            }

            var cue = index.CueAt(k, out var length);
            if (length > 0)
            {
                features.Add(k < mention.TriggerStart ? (int)T.CueBefore : (int)T.CueAfter, (long)cue);
            }

            if (view.IsChar(k, '«') || view.IsChar(k, '"') || view.IsChar(k, '“'))
            {
                features.Add((int)T.Quoted);
            }
        }

        // The words around the trigger and the classes of the function words just before it (auxiliary, tense, clitic).
        if (mention.TriggerStart > 0)
        {
            features.AddHash((int)T.WordBefore, WordHash(view, mention.TriggerStart - 1));
        }

        if (mention.TriggerStart > 1)
        {
            features.AddHash((int)T.WordBefore2, WordHash(view, mention.TriggerStart - 2));
        }

        if (mention.TriggerEnd < view.Count)
        {
            features.AddHash((int)T.WordAfter, WordHash(view, mention.TriggerEnd));
        }

        var before = index.ClassesEndingAt(mention.TriggerStart);
        AddBits((int)T.ClassBefore, (long)before, features);
        if (trigger.IsVerb)
        {
            AddBits((int)T.TenseClass, (long)(before & WordClass.Tense) | ((long)trigger.Tense << 48), features);
        }

        // The date the rules chose, and where it points from the publication date.
        if (mention.Date is { } date)
        {
            features.AddIf((int)T.DateInClause, date.StartToken >= mention.ClauseStart && date.EndToken <= mention.ClauseEnd);
            features.Add((int)T.DateDirection, (long)date.Direction);
            features.AddIf((int)T.DateFuture, index.Calendar.IsFuture(date));
            features.AddIf((int)T.DateBackground, index.Calendar.IsBackground(date));
            features.AddIf((int)T.DateRecent, index.Calendar.IsWithinDaysBefore(date, 7));
            features.AddIf((int)T.DateToday, date.IsToday);
            features.AddIf((int)T.DateVague, date.Vague);
        }
        else
        {
            features.Add((int)T.DateNone);
        }

        features.AddIf((int)T.PlaceInClause, mention.Places.Count > 0);
    }

    private enum SummaryT
    {
        Parties = 200,
        Top,
        Second,
        Host,
        Guest,
        Countries,
        Domestic,
        Persons,
        OnlyOrganizations,
        FromElsewhere,
        PartiesLemma,
        PairElsewhere,
        PairInHeadline,
    }

    /// <summary>
    /// What the party decisions said of a mention's candidates, for the meeting decision: how many take part and how
    /// surely, with what roles, from how many countries (all of one country: a domestic event), named where, and
    /// whether other mentions of the document bring its parties together.
    /// </summary>
    public static void AddPartySummary(EventDocumentIndex index, DecidedMention mention, PairSupport pairs, FeatureVector features)
    {
        var candidate = mention.Candidate;
        var roles = mention.Roles;
        features.Add((int)SummaryT.PairElsewhere, pairs.Elsewhere);
        features.AddIf((int)SummaryT.PairInHeadline, pairs.InHeadline);
        var top = 0f;
        var second = 0f;
        var parties = 0;
        var persons = 0;
        var elsewhere = 0;
        var host = false;
        var guest = false;
        var countries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var party in candidate.Parties)
        {
            var p = 1 - roles[party.Entity][RoleClass.None];
            if (p > top)
            {
                second = top;
                top = p;
            }
            else if (p > second)
            {
                second = p;
            }

            if (p < 0.5f)
            {
                continue;
            }

            parties++;
            var entity = index.Entities[party.Entity];
            persons += entity.Type == EntityType.Person ? 1 : 0;
            elsewhere += (party.Sources & (PartySources.Sentence | PartySources.RuleParty)) == 0 ? 1 : 0;
            host |= roles[party.Entity][RoleClass.Host] > roles[party.Entity][RoleClass.Guest] && roles[party.Entity][RoleClass.Host] > roles[party.Entity][RoleClass.Participant];
            guest |= roles[party.Entity][RoleClass.Guest] > roles[party.Entity][RoleClass.Host] && roles[party.Entity][RoleClass.Guest] > roles[party.Entity][RoleClass.Participant];
            if (entity.Country is { } country)
            {
                countries.Add(country);
            }
        }

        features.Add((int)SummaryT.Parties, Math.Min(parties, 4));
        features.AddHash((int)SummaryT.PartiesLemma, FeatureHash.Of(candidate.Mention.Trigger.Lemma), Math.Min(parties, 3));
        features.Add((int)SummaryT.Top, (int)(top * 10));
        features.Add((int)SummaryT.Second, (int)(second * 10));
        features.AddIf((int)SummaryT.Host, host);
        features.AddIf((int)SummaryT.Guest, guest);
        features.Add((int)SummaryT.Countries, Math.Min(countries.Count, 3));
        features.AddIf((int)SummaryT.Domestic, parties >= 2 && countries.Count == 1 && !candidate.Parties.Any(p => 1 - roles[p.Entity][RoleClass.None] >= 0.5f && index.Entities[p.Entity].Country is null));
        features.Add((int)SummaryT.Persons, Math.Min(persons, 3));
        features.AddIf((int)SummaryT.OnlyOrganizations, parties > 0 && persons == 0);
        features.Add((int)SummaryT.FromElsewhere, Math.Min(elsewhere, 2));
    }

    private enum SplitT
    {
        Bias = 1,
        Lemma,
        Frame,
        Subtype,
        Parties,
        Persons,
        Organizations,
        Hosts,
        Guests,
        Word,
        Countries,
        Functions,
        Commas,
        Plural,
        Summit,
        LemmaParties,
    }

    /// <summary>
    /// Features of the split decision: whether a mention with three parties or more states one encounter of them all
    /// (a summit, talks between delegations) or one encounter of one party with each of the others (« a reçu
    /// successivement A, B et C », « s'entretiendra avec A, puis avec B »): the trigger, the parties' number, kinds,
    /// roles and countries, and the words of the sentence around the trigger.
    /// </summary>
    public static void BuildSplit(EventDocumentIndex index, MeetingCandidate candidate, IReadOnlyDictionary<int, ParticipantRole> parties, FeatureVector features)
    {
        var mention = candidate.Mention;
        var trigger = mention.Trigger;
        var view = index.View;
        var lemma = FeatureHash.Of(trigger.Lemma);
        features.Add((int)SplitT.Bias);
        features.AddHash((int)SplitT.Lemma, lemma);
        features.Add((int)SplitT.Frame, trigger.IsVerb ? (long)trigger.Frame : -1);
        features.Add((int)SplitT.Subtype, (long)mention.Subtype);
        features.AddIf((int)SplitT.Summit, mention.IsSummit);
        features.AddIf((int)SplitT.Plural, (trigger.NounFlags & NounFlags.Plural) != 0);
        features.Add((int)SplitT.Parties, Math.Min(parties.Count, 6));
        features.AddHash((int)SplitT.LemmaParties, lemma, Math.Min(parties.Count, 5));
        var persons = parties.Keys.Count(e => index.Entities[e].Type == EntityType.Person);
        features.Add((int)SplitT.Persons, Math.Min(persons, 5));
        features.Add((int)SplitT.Organizations, Math.Min(parties.Count - persons, 3));
        features.Add((int)SplitT.Hosts, Math.Min(parties.Values.Count(r => r == ParticipantRole.Host), 3));
        features.Add((int)SplitT.Guests, Math.Min(parties.Values.Count(r => r == ParticipantRole.Guest), 3));
        var countries = parties.Keys.Select(e => index.Entities[e].Country).Where(c => c is not null).Distinct().Count();
        features.Add((int)SplitT.Countries, Math.Min(countries, 4));
        var functions = candidate.Parties.Where(p => parties.ContainsKey(p.Entity) && p.Nearest?.Function is not null).Select(p => p.Nearest!.Function).Distinct().Count();
        features.Add((int)SplitT.Functions, Math.Min(functions, 4));
        var sentence = view.Sentences[mention.Sentence];
        var from = Math.Max(sentence.FirstToken, mention.TriggerStart - Window);
        var to = Math.Min(Math.Min(sentence.EndToken, view.Count), mention.TriggerEnd + (2 * Window));
        var commas = 0;
        for (var k = from; k < to; k++)
        {
            if (view.IsComma(k))
            {
                commas++;
            }
            else if (index.ReferentAt[k] < 0 && view.Tokens[k].Kind == TokenKind.Word && !view.IsCapitalized(k))
            {
                features.AddHash((int)SplitT.Word, WordHash(view, k));
            }
        }

        features.Add((int)SplitT.Commas, Bucket(commas));
    }

    /// <summary>Hash of a token's normalized form (lower case, ASCII apostrophes).</summary>
    public static ulong WordHash(Entities.Linking.LexicalView view, int k) => FeatureHash.OfNormalized(view.Tokens[k].Span);

    /// <summary>A count in a few buckets: 0, 1, 2, 3–4, 5–8, 9–16, 17–32, more.</summary>
    public static int Bucket(int n) => n <= 2 ? n : n <= 4 ? 3 : n <= 8 ? 4 : n <= 16 ? 5 : n <= 32 ? 6 : 7;

    /// <summary>One feature per set bit of a flags value.</summary>
    public static void AddBits(int template, long bits, FeatureVector features)
    {
        if (bits == 0)
        {
            features.Add(template, -1);
            return;
        }

        for (var b = 0; b < 64; b++)
        {
            if ((bits & (1L << b)) != 0)
            {
                features.Add(template, b);
            }
        }
    }
}

/// <summary>How many other mentions of its document bring a mention's best-supported pair of parties together (at most 3), and whether the headline does.</summary>
internal readonly record struct PairSupport(int Elsewhere, bool InHeadline);

/// <summary>
/// The pairs of parties the party decisions gave each of a document's meeting mentions, counted once per document: a
/// pair that other sentences (or the headline) also bring together is more surely a meeting than a pair named once.
/// For the meeting decision, which thus reads beyond its sentence. Each mention's pairs are listed once.
/// </summary>
internal sealed class PartyPairCounts
{
    /// <summary>The parties of a mention whose pairs count (the lowest entity indices: at most six pairs a mention).</summary>
    public const int MaxParties = 4;

    private readonly List<(int, int)[]> _pairsOf;
    private readonly IReadOnlyList<DecidedMention> _mentions;
    private readonly Dictionary<(int, int), int> _counts = [];
    private readonly HashSet<(int, int)> _headline = [];

    private PartyPairCounts(IReadOnlyList<DecidedMention> mentions)
    {
        _mentions = mentions;
        _pairsOf = new List<(int, int)[]>(mentions.Count);
        foreach (var mention in mentions)
        {
            var pairs = Pairs(mention);
            _pairsOf.Add(pairs);
            foreach (var pair in pairs)
            {
                _counts[pair] = _counts.GetValueOrDefault(pair) + 1;
                if (mention.Mention.Sentence == 0)
                {
                    _headline.Add(pair);
                }
            }
        }
    }

    public static PartyPairCounts Of(IReadOnlyList<DecidedMention> mentions) => new(mentions);

    /// <summary>The support of the pairs of the mention at <paramref name="at"/> in the list counted.</summary>
    public PairSupport Support(int at)
    {
        var elsewhere = 0;
        var headline = false;
        var body = _mentions[at].Mention.Sentence > 0;
        foreach (var pair in _pairsOf[at])
        {
            elsewhere = Math.Max(elsewhere, _counts[pair] - 1);
            headline |= body && _headline.Contains(pair);
        }

        return new PairSupport(Math.Min(elsewhere, 3), headline);
    }

    private static (int, int)[] Pairs(DecidedMention mention)
    {
        if (mention.Parties.Count < 2)
        {
            return [];
        }

        var parties = mention.Parties.Keys.Order().Take(MaxParties).ToArray();
        var pairs = new (int, int)[parties.Length * (parties.Length - 1) / 2];
        var n = 0;
        for (var a = 0; a < parties.Length; a++)
        {
            for (var b = a + 1; b < parties.Length; b++)
            {
                pairs[n++] = (parties[a], parties[b]);
            }
        }

        return pairs;
    }
}

/// <summary>What all the meeting mentions of a document say, counted once per document for the meeting decision.</summary>
/// <param name="Mentions">Meeting mentions the rules propose.</param>
/// <param name="Headline">Whether one of them is in the headline (the first sentence).</param>
/// <param name="Stated">Mentions the rules read with two parties or more and did not drop.</param>
internal sealed record DocumentMentionSummary(int Mentions, bool Headline, int Stated)
{
    public static DocumentMentionSummary Of(IReadOnlyList<MeetingCandidate> candidates) => new(
        candidates.Count,
        candidates.Any(c => c.Mention.Sentence == 0),
        candidates.Count(c => c.Mention.Dropped is null && c.Mention.Parties.Count >= 2));
}
