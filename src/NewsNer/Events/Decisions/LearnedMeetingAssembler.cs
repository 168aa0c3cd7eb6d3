using System.Collections.Immutable;
using System.Globalization;
using NewsNer.Events.Candidates;
using NewsNer.Events.Reading;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Events.Decisions;

/// <summary>One mention with its learned decisions.</summary>
internal sealed class DecidedMention
{
    public required MeetingCandidate Candidate { get; init; }

    /// <summary>Probability that the mention states a meeting.</summary>
    public float Meeting { get; set; }

    /// <summary>Probability of each status (reported, planned, past).</summary>
    public float[] Status { get; } = new float[3];

    /// <summary>Role probabilities of each candidate party (none, host, guest, participant).</summary>
    public Dictionary<int, float[]> Roles { get; } = [];

    /// <summary>The candidates that take part, with their most likely role.</summary>
    public Dictionary<int, ParticipantRole> Parties { get; } = [];

    /// <summary>The most likely status.</summary>
    public EventStatus DecidedStatus => (EventStatus)(Status[1] > Status[0] ? (Status[2] > Status[1] ? 2 : 1) : Status[2] > Status[0] ? 2 : 0);

    /// <summary>Position among the document's meeting mentions.</summary>
    public int Order { get; set; }

    /// <summary>Whether this is one encounter of a split mention (its <see cref="Candidate"/> is shared by its siblings).</summary>
    public bool IsSplitUnit { get; init; }

    public MeetingMention Mention => Candidate.Mention;
}

/// <summary>
/// The learned event layer: rules propose mentions and candidates (<see cref="CandidateBuilder"/>), the decisions of an
/// <see cref="EventModel"/> choose — which mentions state meetings, who takes part in what role, which mentions are one
/// encounter, the status, the place and the date — and the meetings are assembled and coded. Linear in the number of
/// mentions: a mention is compared with the meetings of the last <see cref="MergeWindow"/> sentences only, with at most
/// <see cref="ComparedMentions"/> mentions of each.
/// </summary>
internal static class LearnedMeetingAssembler
{
    /// <summary>How many sentences back a mention may join a meeting.</summary>
    public const int MergeWindow = 40;

    /// <summary>How many of a meeting's latest mentions a new mention is compared with.</summary>
    public const int ComparedMentions = 6;

    /// <summary>
    /// Added to the place and date probabilities of an encounter's lead mention (its first in the body): a news lead
    /// gives the place and day of the encounter it reports, later sentences those of what came before or after it.
    /// Chosen on folds 0–3 (0.1 and 0.25 alike, place +2 and date +2 of 191 and 199; docs/events.md).
    /// </summary>
    public const float LeadArgumentBonus = 0.1f;

    /// <summary>How many open meetings a mention is compared with.</summary>
    public const int ComparedMeetings = 12;

    /// <summary>How many of the latest meetings are looked at to find the open ones (closed ones are skipped, but not without end).</summary>
    public const int LookedMeetings = 64;

    public static List<MeetingEvent> Assemble(MentionReading reading, EventModel model, FrenchLexicons lexicons, CancellationToken cancellationToken = default)
    {
        var index = reading.Index;
        var mentions = reading.Mentions;
        var statistics = DocumentStatistics.Of(index);
        var candidates = CandidateBuilder.Build(index, statistics, mentions);
        var decided = Decide(index, statistics, candidates, model, cancellationToken);
        var units = Split(reading.Parties, statistics, decided.Where(d => d.Meeting >= model.MeetingThreshold), model);
        var clusters = InTextOrder(Consolidate(Merge(index, units, model, cancellationToken)));
        var events = new List<MeetingEvent>();
        foreach (var cluster in clusters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Build(index, statistics, cluster, model, lexicons, events.Count + 1) is { } meeting)
            {
                events.Add(meeting);
            }
        }

        return events;
    }

    /// <summary>The decisions of each mention: meeting, status, roles.</summary>
    public static List<DecidedMention> Decide(EventDocumentIndex index, DocumentStatistics statistics, List<MeetingCandidate> candidates, EventModel model, CancellationToken cancellationToken = default)
    {
        var features = new FeatureVector();
        var result = new List<DecidedMention>(candidates.Count);
        Span<float> roles = stackalloc float[RoleClass.Count];
        Span<float> types = stackalloc float[RoleClass.Count - 1];
        var document = DocumentMentionSummary.Of(candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidate = candidates[i];
            var decided = new DecidedMention { Candidate = candidate };
            features.Clear();
            MentionFeatures.Build(index, candidate, MentionsInSentence(candidates, i), null, features);
            if (model.Status is { } status)
            {
                status.Probabilities(features, decided.Status);
            }
            else
            {
                decided.Status[(int)candidate.Mention.Status] = 1f;
            }

            foreach (var party in candidate.Parties)
            {
                roles.Clear();
                if ((party.Sources & (PartySources.Delegation | PartySources.RuleParty)) == PartySources.Delegation)
                {
                    // Who accompanies a party (« accompagné du ministre X ») is its delegation, not a party of its own:
                    // the guide lists them in the note, and taken for parties they make a second encounter of the visit.
                    roles[RoleClass.None] = 1f;
                }
                else if (model.Party is { } partyModel)
                {
                    features.Clear();
                    PartyFeatures.Build(index, statistics, candidate, party, features);
                    var takesPart = partyModel.Probability(features);
                    roles[RoleClass.None] = 1 - takesPart;
                    if (model.Role is { } role)
                    {
                        role.Probabilities(features, types);
                        for (var c = 0; c < types.Length; c++)
                        {
                            roles[c + 1] = takesPart * types[c];
                        }
                    }
                    else
                    {
                        roles[party.RuleRole is { } r ? RoleClass.Of(r) : RoleClass.Participant] = takesPart;
                    }
                }
                else
                {
                    roles[party.RuleRole is { } ruleRole ? RoleClass.Of(ruleRole) : RoleClass.None] = 1f;
                }

                decided.Roles[party.Entity] = roles.ToArray();
                if (roles[RoleClass.None] < model.RoleThreshold)
                {
                    decided.Parties[party.Entity] = RoleClass.ToRole(ArgMax(roles, 1));
                }
            }

            result.Add(decided);
        }

        // Whether each mention states a meeting, knowing what its candidates — and the other mentions' — were decided to be.
        if (model.Meeting is not { } meeting)
        {
            foreach (var decided in result)
            {
                decided.Meeting = decided.Candidate.Mention.Dropped is null ? 1f : 0f;
            }

            return result;
        }

        var pairs = PartyPairCounts.Of(result);
        for (var i = 0; i < result.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            features.Clear();
            MentionFeatures.Build(index, result[i].Candidate, MentionsInSentence(candidates, i), document, features);
            MentionFeatures.AddPartySummary(index, result[i], pairs.Support(i), features);
            result[i].Meeting = meeting.Probability(features);
        }

        return result;
    }

    /// <summary>
    /// The encounters each meeting mention states: itself, or — when the split decision says its three parties or more
    /// met one by one — one unit per party met, each with the mention's anchor (the party the document names most:
    /// who receives, visits or calls them in turn). An enumeration (« X a rencontré A, B et C »,
    /// <see cref="EnumeratedEncounters"/>) is split before the decision, with its subject as the anchor, and the
    /// in-person mentions of its sentence that name no one else are left to it.
    /// </summary>
    public static List<DecidedMention> Split(PartyReader syntax, DocumentStatistics statistics, IEnumerable<DecidedMention> mentions, EventModel model)
    {
        var units = new List<DecidedMention>();
        var features = new FeatureVector();
        var list = mentions.ToList();
        var enumerations = model.Split is null ? null : EnumeratedEncounters.Read(syntax, list);
        var enumerationsBySentence = enumerations?.Keys.ToLookup(e => e.Mention.Sentence);
        foreach (var mention in list)
        {
            if (enumerations is not null && enumerations.TryGetValue(mention, out var enumeration))
            {
                units.AddRange(enumeration.Persons.Select(person => Unit(mention, enumeration.Subject, person)));
                continue;
            }

            if (enumerationsBySentence is not null && EnumeratedEncounters.Absorbs(enumerationsBySentence, mention))
            {
                continue;
            }

            if (mention.Parties.Count < 3 || model.Split is not { } split)
            {
                units.Add(mention);
                continue;
            }

            features.Clear();
            MentionFeatures.BuildSplit(syntax.Index, mention.Candidate, mention.Parties, features);
            if (split.Probability(features) < model.SplitThreshold)
            {
                units.Add(mention);
                continue;
            }

            var anchor = Anchor(statistics, mention);
            units.AddRange(mention.Parties.Keys.Where(e => e != anchor).Order().Select(other => Unit(mention, anchor, other)));
        }

        return units;
    }

    /// <summary>One encounter of a split mention: the mention's decisions restricted to two of its parties.</summary>
    private static DecidedMention Unit(DecidedMention mention, int first, int second)
    {
        var unit = new DecidedMention { Candidate = mention.Candidate, Meeting = mention.Meeting, IsSplitUnit = true };
        mention.Status.CopyTo(unit.Status, 0);
        foreach (var entity in new[] { first, second })
        {
            unit.Roles[entity] = mention.Roles[entity];
            unit.Parties[entity] = mention.Parties[entity];
        }

        return unit;
    }

    /// <summary>The party a split mention's units share: the most named in the document; then a host, then a party before the trigger.</summary>
    public static int Anchor(DocumentStatistics statistics, DecidedMention mention) =>
        mention.Parties.Keys
            .OrderByDescending(e => statistics.Referents[e])
            .ThenByDescending(e => mention.Parties[e] == ParticipantRole.Host)
            .ThenBy(e => mention.Candidate.Parties.FirstOrDefault(p => p.Entity == e)?.Offset is < 0 ? 0 : 1)
            .ThenBy(e => e)
            .First();

    /// <summary>
    /// Joins encounters the merge left apart although nothing tells them apart: the same parties (one set within the
    /// other, two in common at least, or the same single party), the same kind (in person, by phone, summit) and the
    /// same status. Two such meetings in one article are the same one told twice (the annotated articles have five
    /// such pairs in 385 events, against 74 where kind or status differs). Compared with the last
    /// <see cref="ComparedMeetings"/> meetings kept.
    /// </summary>
    public static List<List<DecidedMention>> Consolidate(List<List<DecidedMention>> clusters)
    {
        var kept = new List<(List<DecidedMention> Cluster, HashSet<int> Parties, int Family, int Status, HashSet<MeetingCandidate>? Split)>();
        foreach (var cluster in clusters)
        {
            var parties = cluster.SelectMany(m => m.Parties.Keys).ToHashSet();
            var split = cluster.Exists(m => m.IsSplitUnit) ? cluster.Where(m => m.IsSplitUnit).Select(m => m.Candidate).ToHashSet() : null;
            var family = cluster.Any(m => m.Mention.IsPhone) ? 1 : cluster.Any(m => m.Mention.IsSummit) ? 2 : 0;
            var status = parties.Count == 0 ? -1 : ArgMax(new EventDraft(cluster).StatusVote, 0);
            var target = -1;
            for (var k = kept.Count - 1; k >= 0 && k >= kept.Count - ComparedMeetings; k--)
            {
                var other = kept[k];
                var shared = other.Parties.Count(parties.Contains);
                var nested = other.Parties.IsSubsetOf(parties) || parties.IsSubsetOf(other.Parties);
                // Units of one split mention are encounters the split told apart.
                if (split is not null && other.Split is not null && split.Overlaps(other.Split))
                {
                    continue;
                }

                if (status >= 0 && other.Family == family && other.Status == status && nested && (shared >= 2 || (shared == 1 && parties.Count == 1 && other.Parties.Count == 1)))
                {
                    target = k;
                    break;
                }
            }

            if (target < 0)
            {
                kept.Add((cluster, parties, family, status, split));
            }
            else
            {
                kept[target].Cluster.AddRange(cluster);
                kept[target].Parties.UnionWith(parties);
                if (kept[target].Split is { } known && split is not null)
                {
                    known.UnionWith(split);
                }
                else if (split is not null)
                {
                    kept[target] = kept[target] with { Split = split };
                }
            }
        }

        return [.. kept.Select(k => k.Cluster)];
    }

    /// <summary>
    /// The encounters in the order the text states them: by their first mention in the body (a headline announces
    /// what the body then tells in order), the headline's position only for an encounter the body never mentions.
    /// </summary>
    public static List<List<DecidedMention>> InTextOrder(List<List<DecidedMention>> clusters) =>
        [.. clusters.OrderBy(c => c.Where(m => m.Mention.Sentence > 0).Select(m => m.Mention.TriggerStart).DefaultIfEmpty(-1).Min() is var body && body >= 0 ? body : c.Min(m => m.Mention.TriggerStart))];

    /// <summary>How many mentions share a mention's sentence (itself included), at most 5.</summary>
    public static int MentionsInSentence(List<MeetingCandidate> candidates, int i)
    {
        var count = 1;
        for (var j = i - 1; j >= 0 && candidates[j].Mention.Sentence == candidates[i].Mention.Sentence && count < 5; j--)
        {
            count++;
        }

        for (var j = i + 1; j < candidates.Count && candidates[j].Mention.Sentence == candidates[i].Mention.Sentence && count < 5; j++)
        {
            count++;
        }

        return count;
    }

    /// <summary>Groups the meeting mentions into encounters, in text order, by the same-encounter decision.</summary>
    public static List<List<DecidedMention>> Merge(EventDocumentIndex index, List<DecidedMention> mentions, EventModel model, CancellationToken cancellationToken = default)
    {
        var clusters = new List<List<DecidedMention>>();
        var features = new FeatureVector();

        // The clusters holding a unit of each split mention: its other units may not join them.
        Dictionary<MeetingCandidate, List<List<DecidedMention>>>? splitClusters = null;
        for (var i = 0; i < mentions.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mention = mentions[i];
            mention.Order = i;
            var siblings = mention.IsSplitUnit ? splitClusters?.GetValueOrDefault(mention.Candidate) : null;
            List<DecidedMention>? best = null;
            var bestScore = model.SameEncounterThreshold;
            var compared = 0;
            for (var c = clusters.Count - 1; c >= 0 && compared < ComparedMeetings && c >= clusters.Count - LookedMeetings; c--)
            {
                var cluster = clusters[c];
                if (mention.Mention.Sentence - cluster[^1].Mention.Sentence > MergeWindow)
                {
                    continue;
                }

                // The units of one split mention are encounters the split told apart: never one again.
                if (siblings is not null && siblings.Exists(s => ReferenceEquals(s, cluster)))
                {
                    continue;
                }

                // The mean over the meeting's latest mentions, not the best one: a mention joins a meeting it fits as a
                // whole, so one ambiguous mention cannot chain two encounters together.
                compared++;
                var score = 0f;
                var members = 0;
                for (var m = cluster.Count - 1; m >= 0 && m >= cluster.Count - ComparedMentions; m--)
                {
                    score += SameEncounter(index, model, cluster[m], mention, i - cluster[m].Order, features);
                    members++;
                }

                score /= members;

                if (score >= bestScore)
                {
                    bestScore = score;
                    best = cluster;
                }
            }

            if (best is null)
            {
                best = [mention];
                clusters.Add(best);
            }
            else
            {
                best.Add(mention);
            }

            if (mention.IsSplitUnit)
            {
                if (siblings is null)
                {
                    (splitClusters ??= [])[mention.Candidate] = siblings = [];
                }

                siblings.Add(best);
            }
        }

        return clusters;
    }

    private static float SameEncounter(EventDocumentIndex index, EventModel model, DecidedMention a, DecidedMention b, int between, FeatureVector features)
    {
        if (model.SameEncounter is not { } same)
        {
            return RulesSameEncounter(a, b) ? 1f : 0f;
        }

        // A call is not a visit, and a meeting told as background is not the news: never one encounter.
        if (a.Mention.IsPhone != b.Mention.IsPhone || (a.DecidedStatus == EventStatus.Past) != (b.DecidedStatus == EventStatus.Past))
        {
            return 0f;
        }

        features.Clear();
        ArgumentFeatures.Pair(index, a.Mention, a.Parties, a.DecidedStatus, b.Mention, b.Parties, b.DecidedStatus, between, features);
        return same.Probability(features);
    }

    /// <summary>
    /// The parties' roles: one host at most — the party the host decision likes best (or, without it, the one with the
    /// largest share of host probability) when sure enough — and for the others the more likely of guest and participant.
    /// </summary>
    public static Dictionary<int, ParticipantRole> Roles(EventDocumentIndex index, DocumentStatistics statistics, EventDraft draft, EventModel model, FeatureVector features)
    {
        var roleOf = draft.Roles.ToDictionary(s => s.Key, s => s.Value[RoleClass.Guest] >= s.Value[RoleClass.Participant] ? ParticipantRole.Guest : ParticipantRole.Participant);
        var best = -1;
        var bestScore = model.HostThreshold;
        foreach (var entity in draft.Roles.Keys.Order())
        {
            float score;
            if (model.Host is { } host)
            {
                features.Clear();
                EventFeatures.Host(index, statistics, draft, entity, features);
                score = host.Probability(features);
            }
            else
            {
                score = draft.HostShare(entity);
            }

            if (score >= bestScore)
            {
                bestScore = score;
                best = entity;
            }
        }

        if (best >= 0)
        {
            roleOf[best] = ParticipantRole.Host;
        }

        return roleOf;
    }

    /// <summary>
    /// The rules' view of one encounter (the merger's checks, on the decided parties): same kind, background never with
    /// the news, and the named parties overlap (one set within the other, or two in common), or the later mention names
    /// nobody and refers back.
    /// </summary>
    public static bool RulesSameEncounter(DecidedMention a, DecidedMention b)
    {
        var shared = a.Parties.Keys.Count(b.Parties.ContainsKey);
        var family = a.Mention.IsPhone == b.Mention.IsPhone && a.Mention.IsSummit == b.Mention.IsSummit;
        var statuses = (a.Mention.Status == EventStatus.Past) == (b.Mention.Status == EventStatus.Past);
        return family && statuses && !b.Mention.Again
            && (shared >= 2 || (shared >= 1 && (a.Parties.Keys.All(b.Parties.ContainsKey) || b.Parties.Keys.All(a.Parties.ContainsKey))) || (b.Parties.Count == 0 && b.Mention.Anaphoric));
    }

    internal static MeetingEvent? Build(
        EventDocumentIndex index, DocumentStatistics statistics, List<DecidedMention> cluster, EventModel model, FrenchLexicons lexicons, int number)
    {
        var draft = new EventDraft(cluster);
        if (draft.Roles.Count == 0)
        {
            return null;
        }

        var features = new FeatureVector();
        var roleOf = Roles(index, statistics, draft, model, features);
        var eventStatus = (EventStatus)ArgMax(draft.StatusVote, 0);
        var primary = draft.Primary;
        var mentions = cluster.Select(m => m.Mention).ToList();

        // Place and date: the candidate the decision likes best over the meeting's mentions, the lead's first.
        var lead = draft.Lead;
        Referent? place = null;
        var placeScore = model.ArgumentThreshold;
        DateExpression? date = null;
        var dateScore = model.ArgumentThreshold;
        foreach (var mention in cluster)
        {
            foreach (var candidate in mention.Candidate.Places)
            {
                float p;
                if (model.Place is { } placeModel)
                {
                    features.Clear();
                    ArgumentFeatures.Place(index, statistics, mention.Candidate, candidate, roleOf, features);
                    p = placeModel.Probability(features) + (ReferenceEquals(mention, lead) ? LeadArgumentBonus : 0f);
                }
                else
                {
                    p = mention.Mention.Places.Count > 0 && ReferenceEquals(mention.Mention.Places[0], candidate) ? 1f : 0f;
                }

                if (p > placeScore)
                {
                    placeScore = p;
                    place = candidate;
                }
            }

            foreach (var candidate in mention.Candidate.Dates)
            {
                float p;
                if (model.Date is { } dateModel)
                {
                    features.Clear();
                    ArgumentFeatures.Date(index, mention.Candidate, candidate, eventStatus, features);
                    p = dateModel.Probability(features) + (ReferenceEquals(mention, lead) ? LeadArgumentBonus : 0f);
                }
                else
                {
                    p = ReferenceEquals(mention.Mention.Date, candidate) ? 1f : 0f;
                }

                if (p > dateScore)
                {
                    dateScore = p;
                    date = candidate;
                }
            }
        }

        // The status, from the mentions' statuses and what dates them (the date decision above used the mentions' vote).
        if (model.MeetingStatus is { } statusModel)
        {
            features.Clear();
            EventFeatures.Status(index, statistics, draft, features);
            Span<float> probabilities = stackalloc float[3];
            statusModel.Probabilities(features, probabilities);
            eventStatus = (EventStatus)ArgMax(probabilities, 0);
        }

        var places = place is null ? [] : new List<Referent> { place };
        var destination = place is null ? null : MeetingAssembly.PlaceCountry(index, place);
        var phone = mentions.Any(m => m.IsPhone);
        var summit = !phone && mentions.Any(m => m.IsSummit);
        var negotiation = mentions.Any(m => m.Subtype == MeetingSubtype.Negotiation);
        var subtype = MeetingAssembly.Subtype(index, mentions, roleOf, places, destination, summit, phone, negotiation);
        if (subtype is MeetingSubtype.HostVisit or MeetingSubtype.MakeVisit && roleOf.ContainsValue(ParticipantRole.Host))
        {
            foreach (var (entity, role) in roleOf.ToList())
            {
                if (role == ParticipantRole.Participant)
                {
                    roleOf[entity] = ParticipantRole.Guest;
                }
            }
        }

        var entities = index.Entities;
        var view = index.View;
        var text = view.Text;
        var participants = roleOf
            .OrderBy(r => r.Value switch { ParticipantRole.Host => 0, ParticipantRole.Guest => 1, ParticipantRole.Participant => 2, _ => 3 })
            .ThenBy(r => r.Key)
            .Select(r => new EventParticipant(entities[r.Key].Id, r.Value))
            .ToImmutableArray();
        var delegation = mentions.SelectMany(m => m.Delegation).Where(e => !roleOf.ContainsKey(e)).Distinct().Order().Select(e => entities[e].Id).ToImmutableArray();
        var placeArgument = place is null ? null : MeetingAssembly.Argument(index, place);
        var topics = mentions.SelectMany(m => m.Topics).Distinct().OrderBy(t => t.Start)
            .Select(t => new EventArgument(text[t.Start..t.End], t.Start, t.End)).ToImmutableArray();
        var evidence = mentions.Select(m => m.Sentence).Distinct().Order()
            .Select(s => new TextSpan(view.Sentences[s].Start, view.Sentences[s].End)).ToImmutableArray();
        var trigger = primary.Mention;
        var triggerStart = view.Tokens[trigger.TriggerStart].Start;
        var triggerEnd = view.Tokens[trigger.TriggerEnd - 1].End;
        var auxiliary = MeetingAssembly.AuxiliaryStart(index, trigger);
        if (auxiliary >= 0)
        {
            triggerStart = view.Tokens[auxiliary].Start;
        }

        var dateArgument = date is null ? null : new EventDate(text[date.Start..date.End], date.Start, date.End, index.Calendar.Resolve(date, eventStatus));
        var meeting = new MeetingEvent
        {
            Id = "v" + number.ToString(CultureInfo.InvariantCulture),
            Subtype = subtype,
            Status = eventStatus,
            Participants = participants,
            Delegation = delegation,
            Location = placeArgument,
            Places = placeArgument is null ? [] : [placeArgument],
            Date = dateArgument,
            Topics = topics,
            Trigger = new EventArgument(text[triggerStart..triggerEnd], triggerStart, triggerEnd),
            Evidence = evidence,
            Confidence = model.Calibration?.Probability(primary.Meeting) ?? primary.Meeting,
        };

        var (cameo, plover) = MeetingCoder.Code(meeting, entities, destination, lexicons);
        return meeting.WithCodes(cameo, plover);
    }

    private static int ArgMax(ReadOnlySpan<float> values, int from)
    {
        var best = from;
        for (var i = from + 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
