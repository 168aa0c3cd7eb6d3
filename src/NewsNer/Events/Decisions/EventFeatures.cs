using NewsNer.Entities;
using NewsNer.Events.Candidates;
using NewsNer.Events.Reading;

namespace NewsNer.Events.Decisions;

/// <summary>
/// An encounter being assembled from its mentions: the role probabilities of each party summed over the mentions
/// (weighted by how surely each states a meeting), and the status probabilities of the mentions. The event-level
/// decisions (who hosts, which status) read it.
/// </summary>
internal sealed class EventDraft
{
    public EventDraft(List<DecidedMention> mentions)
    {
        Mentions = mentions;
        // A meeting noun in the clause of a meeting verb is that verb's complement (« a reçu en audience », « a eu des
        // entretiens »): the verb's syntax tells the roles, the noun's position does not. The verbs in text order, so
        // each noun finds the first verb of its clause by binary search (a draft may hold thousands of mentions).
        var verbs = mentions.Where(m => m.Mention.Trigger.IsVerb).OrderBy(m => m.Mention.TriggerStart).ToArray();
        var verbStarts = verbs.Select(m => m.Mention.TriggerStart).ToArray();
        foreach (var mention in mentions)
        {
            var verb = mention.Mention.Trigger.IsVerb ? null : FirstVerbIn(mention.Mention.ClauseStart, mention.Mention.ClauseEnd);
            foreach (var entity in mention.Parties.Keys)
            {
                if (verb is not null && verb.Parties.ContainsKey(entity))
                {
                    continue;
                }

                var roles = mention.Roles[entity];
                if (!Roles.TryGetValue(entity, out var total))
                {
                    Roles[entity] = total = new float[RoleClass.Count];
                }

                for (var c = 0; c < RoleClass.Count; c++)
                {
                    total[c] += roles[c] * mention.Meeting;
                }
            }
        }

        // A headline's present tense announces as often as it reports: the body's mentions vote when there are some.
        var body = mentions.Any(m => m.Mention.Sentence > 0);
        foreach (var mention in mentions.Where(m => !body || m.Mention.Sentence > 0))
        {
            for (var s = 0; s < 3; s++)
            {
                StatusVote[s] += mention.Status[s] * mention.Meeting;
            }
        }

        var total2 = StatusVote.Sum();
        for (var s = 0; s < 3 && total2 > 0; s++)
        {
            StatusVote[s] /= total2;
        }

        Primary = mentions.OrderByDescending(m => m.Meeting).ThenBy(m => m.Mention.TriggerStart).First();
        Lead = mentions.Where(m => m.Mention.Sentence > 0).MinBy(m => m.Mention.Sentence);

        DecidedMention? FirstVerbIn(int clauseStart, int clauseEnd)
        {
            var at = Array.BinarySearch(verbStarts, clauseStart);
            at = at < 0 ? ~at : at;
            while (at > 0 && verbStarts[at - 1] == clauseStart)
            {
                at--;
            }

            return at < verbs.Length && verbs[at].Mention.TriggerEnd <= clauseEnd ? verbs[at] : null;
        }
    }

    public List<DecidedMention> Mentions { get; }

    /// <summary>Role probabilities of each party (none, host, guest, participant), summed over the mentions.</summary>
    public Dictionary<int, float[]> Roles { get; } = [];

    /// <summary>The mentions' status probabilities, averaged (the headline's only without others).</summary>
    public float[] StatusVote { get; } = new float[3];

    /// <summary>The mention most surely stating the meeting.</summary>
    public DecidedMention Primary { get; }

    /// <summary>The first mention in the body (a news lead tells the encounter it reports), or null when only the headline has one.</summary>
    public DecidedMention? Lead { get; }

    /// <summary>
    /// A party's rank by <see cref="HostShare"/> (0 for the likeliest host, at most 3; ties in first-seen order),
    /// computed once per draft.
    /// </summary>
    public int HostRank(int entity)
    {
        _hostRanks ??= Rank();
        return _hostRanks[entity];

        Dictionary<int, int> Rank()
        {
            var ranks = new Dictionary<int, int>();
            var rank = 0;
            foreach (var key in Roles.Keys.OrderByDescending(HostShare))
            {
                ranks[key] = Math.Min(rank++, 3);
            }

            return ranks;
        }
    }

    /// <summary>What the mentions say of who hosts, gathered once per draft: read by each party's host decision.</summary>
    public HostSummary HostEvidence(EventDocumentIndex index)
    {
        if (_hostSummary is not null)
        {
            return _hostSummary;
        }

        var summary = new HostSummary();
        foreach (var mention in Mentions)
        {
            foreach (var (entity, role) in mention.Mention.Parties)
            {
                if (role == ParticipantRole.Host)
                {
                    summary.RuleHosts.Add(entity);
                }
            }

            foreach (var party in mention.Candidate.Parties)
            {
                if (party.Offset < 0 && party.Nearest is { } nearest && nearest.Start >= mention.Mention.ClauseStart)
                {
                    summary.Subjects.Add(party.Entity);
                }
            }

            foreach (var place in mention.Mention.Places)
            {
                if (MeetingAssembly.PlaceCountry(index, place) is { } country)
                {
                    summary.PlaceCountries.Add(country);
                }
            }
        }

        foreach (var entity in Roles.Keys)
        {
            if (index.Entities[entity].Country is { } country)
            {
                summary.PartyCountries.Add(country);
            }
        }

        return _hostSummary = summary;
    }

    private Dictionary<int, int>? _hostRanks;
    private HostSummary? _hostSummary;

    /// <summary>A party's share of host probability among its role probabilities.</summary>
    public float HostShare(int entity)
    {
        var roles = Roles[entity];
        return roles[RoleClass.Host] / Math.Max(1e-6f, roles[RoleClass.Host] + roles[RoleClass.Guest] + roles[RoleClass.Participant]);
    }
}

/// <summary>What a draft's mentions say of its host, per draft (see <see cref="EventDraft.HostEvidence"/>).</summary>
internal sealed class HostSummary
{
    /// <summary>The parties a rule reading made host.</summary>
    public HashSet<int> RuleHosts { get; } = [];

    /// <summary>The parties named as subject within a mention's clause.</summary>
    public HashSet<int> Subjects { get; } = [];

    /// <summary>The countries of the places the mentions name.</summary>
    public HashSet<string> PlaceCountries { get; } = [];

    /// <summary>The countries of the parties.</summary>
    public HashSet<string> PartyCountries { get; } = [];
}

/// <summary>Features of the event-level decisions: which party hosts an encounter, and its status.</summary>
internal static class EventFeatures
{
    private enum HostT
    {
        Bias = 1,
        Share,
        Rank,
        Type,
        Leader,
        DatelineCountry,
        PlaceCountry,
        OtherCountry,
        Parties,
        Subtype,
        Frame,
        Lemma,
        RuleHost,
        Subject,
        Mentions,
        FrameShare,
        Guest,
    }

    private enum StatusT
    {
        Bias = 1,
        Vote,
        Headline,
        OnlyHeadline,
        PrimaryRule,
        PrimaryTense,
        RuleStatuses,
        DecidedStatuses,
        DateFuture,
        DateBackground,
        DateRecent,
        Again,
        Pluperfect,
        Hedged,
        Mentions,
        PrimarySentence,
        PrimaryLemma,
        SimplePresent,
        EarliestSentence,
        LeadStatus,
        HeadlineParties,
        Protagonists,
        ExplicitYear,
        DaysBefore,
    }

    /// <summary>The most mentions of one status at one place (headline, lead, later) an encounter's status counts.</summary>
    public const int MaxStatusCount = 4;

    /// <summary>A party of a draft as its host.</summary>
    public static void Host(EventDocumentIndex index, DocumentStatistics statistics, EventDraft draft, int entity, FeatureVector features)
    {
        var party = index.Entities[entity];
        var primary = draft.Primary.Mention;
        var frame = primary.Trigger.IsVerb ? (long)primary.Trigger.Frame : 10 + (long)primary.Subtype;
        features.Add((int)HostT.Bias);
        var share = draft.HostShare(entity);
        features.Add((int)HostT.Share, (int)(share * 10));
        features.Add((int)HostT.FrameShare, (int)(share * 5), frame);
        var roles = draft.Roles[entity];
        features.Add((int)HostT.Guest, (int)(5 * roles[RoleClass.Guest] / Math.Max(1e-6f, roles[RoleClass.Host] + roles[RoleClass.Guest] + roles[RoleClass.Participant])));
        features.Add((int)HostT.Rank, draft.HostRank(entity));
        features.Add((int)HostT.Type, (long)party.Type);
        features.AddIf((int)HostT.Leader, index.IsLeader(new Referent { Entity = entity }));
        features.Add((int)HostT.Parties, Math.Min(draft.Roles.Count, 4));
        features.Add((int)HostT.Subtype, (long)primary.Subtype);
        features.Add((int)HostT.Frame, frame);
        features.AddHash((int)HostT.Lemma, FeatureHash.Of(primary.Trigger.Lemma));
        features.Add((int)HostT.Mentions, MentionFeatures.Bucket(statistics.Referents[entity]));
        var summary = draft.HostEvidence(index);
        features.AddIf((int)HostT.RuleHost, summary.RuleHosts.Contains(entity));
        features.AddIf((int)HostT.Subject, summary.Subjects.Contains(entity));

        // Where the meeting is: the host is at home (the dateline, the places the mentions name).
        var country = party.Country;
        features.AddIf((int)HostT.DatelineCountry, country is not null && index.DatelinePlace is { } dateline && MeetingAssembly.PlaceCountry(index, dateline) == country);
        features.AddIf((int)HostT.PlaceCountry, country is not null && summary.PlaceCountries.Contains(country));
        features.AddIf((int)HostT.OtherCountry, country is not null && summary.PartyCountries.Any(c => c != country));
    }

    /// <summary>A draft's status.</summary>
    public static void Status(EventDocumentIndex index, DocumentStatistics statistics, EventDraft draft, FeatureVector features)
    {
        var primary = draft.Primary.Mention;
        features.Add((int)StatusT.Bias);
        for (var s = 0; s < 3; s++)
        {
            features.Add((int)StatusT.Vote, s, (int)(draft.StatusVote[s] * 5));
        }

        var headline = draft.Mentions.FirstOrDefault(m => m.Mention.Sentence == 0);
        if (headline is not null)
        {
            features.Add((int)StatusT.Headline, (long)headline.DecidedStatus);
            features.AddIf((int)StatusT.OnlyHeadline, draft.Mentions.All(m => m.Mention.Sentence == 0));
        }

        features.Add((int)StatusT.PrimaryRule, (long)primary.Status);
        features.Add((int)StatusT.PrimaryTense, primary.Trigger.IsVerb ? (long)primary.Trigger.Tense : -1);
        features.AddHash((int)StatusT.PrimaryLemma, FeatureHash.Of(primary.Trigger.Lemma));
        features.Add((int)StatusT.PrimarySentence, Math.Min(primary.Sentence, 4));
        // Each mention's status by where it stands: the headline, the lead (the first body sentence that tells the
        // encounter) or later, where an article goes on to what the parties will discuss or did before.
        var leadSentence = draft.Lead?.Mention.Sentence ?? -1;
        Span<int> ruleStatuses = stackalloc int[9];
        Span<int> decidedStatuses = stackalloc int[9];
        foreach (var mention in draft.Mentions)
        {
            var where = mention.Mention.Sentence == 0 ? 0 : mention.Mention.Sentence == leadSentence ? 1 : 2;
            ruleStatuses[(3 * (int)mention.Mention.Status) + where]++;
            decidedStatuses[(3 * (int)mention.DecidedStatus) + where]++;
        }

        // How many mentions say so counts (an encounter announced three times is more surely planned than once), up to
        // MaxStatusCount: a long story's many mentions must not outweigh everything else.
        for (var pair = 0; pair < 9; pair++)
        {
            if (ruleStatuses[pair] > 0)
            {
                features.Add((int)StatusT.RuleStatuses, pair / 3, pair % 3, Math.Min(ruleStatuses[pair], MaxStatusCount));
            }

            if (decidedStatuses[pair] > 0)
            {
                features.Add((int)StatusT.DecidedStatuses, pair / 3, pair % 3, Math.Min(decidedStatuses[pair], MaxStatusCount));
            }
        }

        features.AddIf((int)StatusT.Again, draft.Mentions.Any(m => m.Mention.Again));
        features.AddIf((int)StatusT.Pluperfect, draft.Mentions.Any(m => m.Mention.Pluperfect));
        features.AddIf((int)StatusT.Hedged, draft.Mentions.Any(m => m.Mention.Hedged));
        features.AddIf((int)StatusT.SimplePresent, primary.SimplePresent);
        features.Add((int)StatusT.Mentions, Math.Min(draft.Mentions.Count, 4));

        // Where the story tells it: the news is told in the lead and about the headline's protagonists; a background
        // meeting comes later, about others, often with its year.
        var earliest = draft.Mentions.Min(m => m.Mention.Sentence);
        features.Add((int)StatusT.EarliestSentence, earliest <= 2 ? earliest : earliest <= 4 ? 3 : earliest <= 8 ? 4 : 5);
        if (draft.Lead is { } lead)
        {
            features.Add((int)StatusT.LeadStatus, (long)lead.DecidedStatus, Math.Min(lead.Mention.Sentence, 3));
        }

        features.Add((int)StatusT.HeadlineParties, Math.Min(draft.Roles.Keys.Count(e => statistics.FirstSentence[e] == 0), 2));
        features.Add((int)StatusT.Protagonists, Math.Min(draft.Roles.Keys.Count(e => statistics.Rank[e] is 1 or 2), 2));
        // The mentions' dates: each says future, background or recent; their years and distances from publication count once.
        var years = new HashSet<int>();
        var distances = new HashSet<int>();
        foreach (var date in draft.Mentions.Select(m => m.Mention.Date).OfType<DateExpression>())
        {
            var days = index.Calendar.DaysFromPublication(date);
            features.AddIf((int)StatusT.DateFuture, index.Calendar.IsFuture(date));
            features.AddIf((int)StatusT.DateBackground, index.Calendar.IsBackground(date));
            features.AddIf((int)StatusT.DateRecent, index.Calendar.IsWithinDaysBefore(date, 7));
            if (date.Year is { } year)
            {
                years.Add(index.Calendar.Publication is { } published ? Math.Clamp(year - published.Year, -2, 1) : 9);
            }

            if (days is { } distance)
            {
                distances.Add(distance > 0 ? 0 : distance >= -1 ? 1 : distance >= -7 ? 2 : distance >= -31 ? 3 : distance >= -365 ? 4 : 5);
            }
        }

        foreach (var year in years)
        {
            features.Add((int)StatusT.ExplicitYear, year);
        }

        foreach (var distance in distances)
        {
            features.Add((int)StatusT.DaysBefore, distance);
        }
    }
}
