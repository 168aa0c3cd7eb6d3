using System.Collections.Immutable;
using System.Globalization;
using NewsNer.Entities;
using NewsNer.Events.Lexicons;
using NewsNer.Internal.Lexicons;

using static NewsNer.Events.MeetingAssembly;
using NewsNer.Events.Reading;
using NewsNer.Events.Candidates;

namespace NewsNer.Events.Rules;

/// <summary>
/// Merges the mentions of one encounter (headline, lead, details) into one event, then decides its subtype, roles,
/// status, place, date, topics and confidence. Two mentions are the same encounter when they are of the same kind
/// (in person, by phone, summit), share their named parties (one set within the other, or two parties in common),
/// and agree on place, date and status; a mention that names no party ("lors de la rencontre") joins the latest
/// compatible meeting.
/// </summary>
internal static class MeetingMerger
{
    /// <summary>How many sentences back a mention without named parties may refer to.</summary>
    private const int AnaphoraDistance = 4;

    /// <summary>How many sentences back any mention may join a meeting: a news article tells one encounter within this.</summary>
    private const int MergeDistance = 40;

    /// <summary>How many of the latest meetings a mention is compared with (a giant sentence keeps the merge linear).</summary>
    private const int ComparedDrafts = 30;

    /// <summary>
    /// A meeting being assembled. Besides its mentions it keeps what the merge questions ask of them (places, summit
    /// names, statuses, dates) as running aggregates, so that each new mention is checked in time independent of how
    /// many mentions the draft already has: a long document repeating one encounter stays linear.
    /// </summary>
    private sealed class Draft
    {
        public List<MeetingMention> Mentions { get; } = [];

        /// <summary>Entities named as the place by any mention.</summary>
        public HashSet<int> PlaceEntities { get; } = [];

        /// <summary>Countries of the places of any mention (for <see cref="PlacesAgree"/>).</summary>
        public HashSet<string> PlaceCountries { get; } = new(StringComparer.Ordinal);

        public bool HasPlaces { get; private set; }

        /// <summary>Entities naming the summit in any mention.</summary>
        public HashSet<int> SummitNames { get; } = [];

        public int PastMentions { get; private set; }

        public bool HasVisit { get; private set; }

        /// <summary>The distinct dates of the mentions, as the date check compares them (resolved value, weekday, month).</summary>
        public List<(DateExpression Date, EventStatus Status)> Dates { get; } = [];

        private readonly HashSet<(string? Value, int? Weekday, int? Month)> dateKeys = [];

        public int LastSentence => Mentions[^1].Sentence;

        /// <summary>Named parties of every mention so far.</summary>
        public HashSet<int> Parties { get; } = [];

        /// <summary>Parties, delegation members and people present: whoever a later mention may name.</summary>
        public HashSet<int> Known { get; } = [];

        public bool HasNamedParties => Parties.Count > 0;

        public char Family => Family(Mentions[0]);

        public void Add(EventDocumentIndex index, MeetingMention mention)
        {
            Mentions.Add(mention);
            foreach (var place in mention.Places)
            {
                HasPlaces = true;
                if (place.Entity >= 0)
                {
                    PlaceEntities.Add(place.Entity);
                }

                if (PlaceCountry(index, place) is { } country)
                {
                    PlaceCountries.Add(country);
                }
            }

            if (mention.SummitName?.Entity is { } summitName && summitName >= 0)
            {
                SummitNames.Add(summitName);
            }

            PastMentions += mention.Status == EventStatus.Past ? 1 : 0;
            HasVisit |= mention.Subtype is MeetingSubtype.MakeVisit or MeetingSubtype.HostVisit;
            if (mention.Date is { Vague: false } date && dateKeys.Add((index.Calendar.Resolve(date, mention.Status), date.Weekday, date.Month)))
            {
                Dates.Add((date, mention.Status));
            }

            Parties.UnionWith(mention.Parties.Keys);
            Known.UnionWith(mention.Parties.Keys);
            Known.UnionWith(mention.Delegation);
            Known.UnionWith(mention.Present);
        }
    }

    private static char Family(MeetingMention mention) => mention.IsPhone ? 'p' : mention.IsSummit ? 's' : 'm';

    /// <summary>The events of a document from its mentions.</summary>
    public static List<MeetingEvent> Merge(MentionReading reading, FrenchLexicons lexicons, CancellationToken cancellationToken = default)
    {
        var index = reading.Index;
        var mentions = reading.Mentions;
        var drafts = new List<Draft>();
        foreach (var mention in mentions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (mention.Dropped is not null)
            {
                continue;
            }

            var target = FindDraft(index, drafts, mention);
            if (target is null)
            {
                target = new Draft();
                drafts.Add(target);
            }

            target.Add(index, mention);
        }

        var events = new List<MeetingEvent>();
        foreach (var draft in drafts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var meeting = Finish(reading, draft, lexicons, events.Count + 1);
            if (meeting is not null)
            {
                events.Add(meeting);
            }
        }

        return events;
    }

    private static Draft? FindDraft(EventDocumentIndex index, List<Draft> drafts, MeetingMention mention)
    {
        var named = mention.Parties.Count > 0;
        var unnamedOnly = !named && mention.Unnamed.Count > 0;

        // First the meetings whose named parties fit; then, for a mention naming nobody, the latest meeting it can be
        // about ("lors de la rencontre" refers to the meeting the article is about, however far back); last, a nearby
        // meeting of unnamed parties that this mention names ("les chefs des délégations ..." then their names).
        for (var pass = 0; pass < 2; pass++)
        {
            for (var d = drafts.Count - 1; d >= 0 && d >= drafts.Count - ComparedDrafts; d--)
            {
                var draft = drafts[d];
                if (mention.Sentence - draft.LastSentence > MergeDistance)
                {
                    continue;
                }

                if (draft.Family != Family(mention) || mention.Again || !StatusesAgree(draft, mention))
                {
                    continue;
                }

                var parties = draft.Parties;
                var near = mention.Sentence - draft.LastSentence <= AnaphoraDistance;
                bool partiesAgree;
                if (pass == 0 && mention.IsSummit)
                {
                    // One summit, however many leaders each sentence names: "le sommet", "ce sommet", or the same name.
                    var sameName = mention.SummitName?.Entity is { } summitName && summitName >= 0 && draft.SummitNames.Contains(summitName);
                    partiesAgree = sameName || ((mention.DefiniteSummit || mention.SummitName is null) && ReferenceEquals(draft, drafts.LastOrDefault(x => x.Family == 's')))
                        || (named && mention.Parties.Keys.Any(parties.Contains));
                }
                else if (pass == 0)
                {
                    if (named && parties.Count > 0)
                    {
                        var overlap = mention.Parties.Keys.Count(parties.Contains);
                        partiesAgree = overlap >= 2 || (overlap >= 1 && (mention.Parties.Keys.All(draft.Known.Contains) || parties.All(mention.Parties.ContainsKey)));
                    }
                    else if (unnamedOnly)
                    {
                        // "Les chefs des délégations russe et ukrainienne tiennent une réunion au palais X" and a meeting
                        // of named people at the same place, or of people from the described countries.
                        var samePlace = mention.Places.Any(p => p.Entity >= 0 && draft.PlaceEntities.Contains(p.Entity));
                        var partyCountries = parties.Select(e => index.Entities[e].Country).Where(c => c is not null).ToHashSet();
                        var sameCountries = mention.Unnamed.All(u => u.Country is not null && partyCountries.Contains(u.Country));
                        partiesAgree = parties.Count > 0 && near && (samePlace || sameCountries);
                    }
                    else
                    {
                        // A mention naming nobody joins a meeting only when it refers back to one ("la rencontre",
                        // "ils", "les deux présidents"); "la délégation ukrainienne entend discuter" does not.
                        partiesAgree = !named && mention.Anaphoric && parties.Count > 0;
                    }
                }
                else
                {
                    partiesAgree = near && parties.Count == 0 && (named || unnamedOnly || mention.Anaphoric);
                }

                if (!partiesAgree)
                {
                    continue;
                }

                if (mention.IsSummit && mention.SummitName?.Entity is { } name && name >= 0
                    && draft.SummitNames.Count > (draft.SummitNames.Contains(name) ? 1 : 0))
                {
                    continue;
                }

                if (!PlacesAgree(index, draft, mention.Places) || !DatesAgree(index.Calendar, draft, mention))
                {
                    continue;
                }

                return draft;
            }
        }

        return null;
    }

    /// <summary>Background meetings never merge with the news; announcements merge with the news they announce.</summary>
    private static bool StatusesAgree(Draft draft, MeetingMention mention)
    {
        var past = mention.Status == EventStatus.Past;
        return past ? draft.PastMentions == draft.Mentions.Count : draft.PastMentions == 0;
    }

    /// <summary>Places agree when either side has none, they share an entity, or their countries (when known) overlap.</summary>
    private static bool PlacesAgree(EventDocumentIndex index, Draft draft, List<Referent> places)
    {
        if (!draft.HasPlaces || places.Count == 0 || places.Any(p => p.Entity >= 0 && draft.PlaceEntities.Contains(p.Entity)))
        {
            return true;
        }

        var countries = places.Select(p => PlaceCountry(index, p)).OfType<string>().ToList();
        return draft.PlaceCountries.Count == 0 || countries.Count == 0 || countries.Any(draft.PlaceCountries.Contains);
    }

    private static bool DatesAgree(DateResolver calendar, Draft draft, MeetingMention mention)
    {
        if (mention.Date is not { } date)
        {
            return true;
        }

        if (date.Vague)
        {
            return true;
        }

        foreach (var (known, status) in draft.Dates)
        {
            if (ReferenceEquals(known, date))
            {
                continue;
            }

            var a = calendar.Resolve(known, status);
            var b = calendar.Resolve(date, mention.Status);
            if (a is not null && b is not null)
            {
                if (a != b && !(a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal))
                    && !(IsVisit(draft, mention) && DaysApart(a, b) is <= 3))
                {
                    return false;
                }

                continue;
            }

            if (known.Weekday is { } w1 && date.Weekday is { } w2 && w1 != w2)
            {
                return false;
            }

            if (known.Month is { } m1 && date.Month is { } m2 && m1 != m2)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A visit lasts days: its arrival and its talks may be dated a day or two apart.</summary>
    private static bool IsVisit(Draft draft, MeetingMention mention) =>
        mention.Subtype is MeetingSubtype.MakeVisit or MeetingSubtype.HostVisit || draft.HasVisit;

    private static int? DaysApart(string a, string b) =>
        DateOnly.TryParseExact(a, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var x)
        && DateOnly.TryParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var y)
            ? Math.Abs(x.DayNumber - y.DayNumber)
            : null;

    private static MeetingEvent? Finish(MentionReading reading, Draft draft, FrenchLexicons lexicons, int number)
    {
        var index = reading.Index;
        var mentions = draft.Mentions;
        var entities = index.Entities;
        if (!draft.HasNamedParties)
        {
            return null; // parties described, never named: nothing an analyst can code
        }

        var summit = draft.Family == 's';
        var phone = draft.Family == 'p';

        // Roles: an explicit host or guest in any mention wins over "participant".
        var roles = new Dictionary<int, ParticipantRole>();
        foreach (var mention in mentions)
        {
            foreach (var (entity, role) in mention.Parties)
            {
                if (!roles.TryGetValue(entity, out var existing) || existing == ParticipantRole.Participant)
                {
                    roles[entity] = role;
                }
            }
        }

        var delegation = mentions.SelectMany(m => m.Delegation).Where(e => !roles.TryGetValue(e, out var r) || r == ParticipantRole.Participant).ToHashSet();
        foreach (var member in delegation)
        {
            // Accompanying people are not parties to the talks, unless a mention names them as host or guest.
            roles.Remove(member);
        }

        var unnamed = mentions.SelectMany(m => m.Unnamed).ToList();
        var principalCountries = roles.Keys.Select(e => entities[e].Country).Where(c => c is not null).ToHashSet();
        var negotiation = mentions.Any(m => m.Subtype == MeetingSubtype.Negotiation);
        foreach (var present in mentions.SelectMany(m => m.Present).Distinct())
        {
            if (roles.ContainsKey(present))
            {
                continue;
            }

            var country = entities[present].Country;
            var thirdParty = country is not null && principalCountries.Count > 0 && !principalCountries.Contains(country);
            if (negotiation || thirdParty)
            {
                roles[present] = ParticipantRole.Mediator;
            }
            else
            {
                delegation.Add(present);
            }
        }

        var named = roles.Count(r => r.Value != ParticipantRole.Mediator);
        if (roles.Count == 0)
        {
            return null;
        }

        // Places, most specific first; of several mentions of one place, the fullest form.
        var evidenceSentences = mentions.Select(m => m.Sentence).ToHashSet();
        var places = mentions.SelectMany(m => m.Places)
            .GroupBy(p => p.Entity >= 0 ? p.Entity : -1 - p.Start)
            .Select(g => g.OrderByDescending(p => PlaceText(index, p).Length).First())
            .ToList();

        // The dateline city ("Dakar, le 24 octobre -") when the meeting has no city of its own and nothing contradicts it.
        if (!phone && index.DatelinePlace is { } dateline && !places.Any(p => p.Entity == dateline.Entity)
            && !places.Any(p => PlaceKind(index, p) == "city")
            && (places.Count > 0 || HasReception(mentions)))
        {
            var datelineCountry = PlaceCountry(index, dateline);
            var known = places.Select(p => PlaceCountry(index, p)).Where(c => c is not null).ToHashSet();
            if (known.Count == 0 || (datelineCountry is not null && known.Contains(datelineCountry)))
            {
                places.Add(dateline);
            }
        }

        if (summit && places.Count == 0)
        {
            places.AddRange(PlacesOfMarginMeeting(reading, mentions));
        }

        places = [.. places.OrderBy(p => Specificity(PlaceKind(index, p))).ThenBy(p => p.Start)];

        var visitMentions = mentions.Where(m => m.Subtype == MeetingSubtype.MakeVisit || m.Trigger.Frame == VerbFrame.Visit && m.Trigger.IsVerb).ToList();
        var destinationCountry = places.Select(p => PlaceCountry(index, p)).FirstOrDefault(c => c is not null);

        // Status: the news if any mention reports it; an announcement if it is only announced; else background. A
        // mention that only refers back ("les discussions porteront sur ...") takes the status of the meeting it refers to.
        var stating = mentions.Exists(m => !m.Anaphoric) ? mentions.Where(m => !m.Anaphoric) : mentions;
        var status = stating.Any(m => m.Status == EventStatus.Reported) ? EventStatus.Reported
            : stating.Any(m => m.Status == EventStatus.Planned) ? EventStatus.Planned
            : EventStatus.Past;

        var subtype = Subtype(index, mentions, roles, places, destinationCountry, summit, phone, negotiation);
        if (subtype is MeetingSubtype.MakeVisit or MeetingSubtype.HostVisit && !roles.ContainsValue(ParticipantRole.Host) && destinationCountry is not null)
        {
            // The visited party: a participant of the country visited.
            foreach (var (entity, role) in roles.ToList())
            {
                if (role == ParticipantRole.Participant && entities[entity].Country == destinationCountry)
                {
                    roles[entity] = ParticipantRole.Host;
                }
            }
        }

        if (subtype == MeetingSubtype.MakeVisit && !roles.ContainsValue(ParticipantRole.Host) && roles.ContainsValue(ParticipantRole.Guest))
        {
            // The person the visitor meets where they go receives them, unless they come from the visitor's own country.
            var guestCountries = roles.Where(r => r.Value == ParticipantRole.Guest).Select(r => entities[r.Key].Country).Where(c => c is not null).ToHashSet();
            foreach (var (entity, role) in roles.ToList())
            {
                if (role == ParticipantRole.Participant && (entities[entity].Country is not { } country || !guestCountries.Contains(country)))
                {
                    roles[entity] = ParticipantRole.Host;
                }
            }
        }

        if (subtype is MeetingSubtype.MakeVisit or MeetingSubtype.HostVisit && roles.ContainsValue(ParticipantRole.Host))
        {
            foreach (var (entity, role) in roles.ToList())
            {
                if (role == ParticipantRole.Participant)
                {
                    roles[entity] = ParticipantRole.Guest;
                }
            }
        }

        // Viability: a meeting needs two parties, or a named visitor going abroad, or a summit with a party.
        var strongest = mentions.Max(m => m.Trigger.Strength);
        var parties = named + unnamed.Count;
        if (!summit && parties < 2)
        {
            // A visitor alone is a meeting only when the trip is abroad: the visitor's country is known and is not
            // the one visited (territories count as their sovereign's: a French minister in Mayotte is at home); or,
            // the visitor's country unknown, the text names a sovereign country as destination (domestic trips name
            // cities, regions and territories) or calls it a state visit.
            var visitor = roles.Keys.FirstOrDefault();
            var abroad = visitMentions.Count > 0 && destinationCountry is not null
                && (entities[visitor].Country is { } home
                    ? lexicons.SovereignOf(home) != lexicons.SovereignOf(destinationCountry)
                    : mentions.Any(m => m.Trigger.Lemma == "visite d'état")
                        || places.Any(p => PlaceKind(index, p) == "country" && PlaceCountry(index, p) is { } country && !lexicons.Sovereigns.ContainsKey(country)));
            if (!abroad || strongest == TriggerStrength.Weak)
            {
                return null;
            }
        }

        if (strongest == TriggerStrength.Weak && named < 2 && !summit)
        {
            return null;
        }

        var primary = mentions.OrderByDescending(m => m.Status == status).ThenByDescending(m => m.Parties.Count).ThenByDescending(m => m.Trigger.Strength).ThenBy(m => m.TriggerStart).First();
        var dateSource = mentions.Where(m => m.Date is not null).OrderByDescending(m => m.Status == status).ThenBy(m => m.Date!.Vague).ThenByDescending(m => Precision(m.Date!)).FirstOrDefault();
        var date = dateSource?.Date;
        if (date is null && status == EventStatus.Reported && index.DatelineDate is { } datelineDate
            && mentions.Exists(m => m.Status == EventStatus.Reported && m.Sentence == index.View.SentenceOf[datelineDate.StartToken]))
        {
            // The dateline dates the dispatch: it dates the news its own lead sentence reports, not a meeting stated
            // further down.
            date = datelineDate;
        }

        var view = index.View;
        var text = view.Text;
        var participants = roles
            .OrderBy(r => r.Value switch { ParticipantRole.Host => 0, ParticipantRole.Guest => 1, ParticipantRole.Participant => 2, _ => 3 })
            .ThenBy(r => r.Key)
            .Select(r => new EventParticipant(entities[r.Key].Id, r.Value))
            .ToImmutableArray();
        var placeArguments = places.Select(p => Argument(index, p)).ToImmutableArray();
        var topics = mentions.SelectMany(m => m.Topics).Distinct().OrderBy(t => t.Start)
            .Select(t => new EventArgument(text[t.Start..t.End], t.Start, t.End)).ToImmutableArray();
        var evidence = mentions.Select(m => m.Sentence).Distinct().Order()
            .Select(s => new TextSpan(view.Sentences[s].Start, view.Sentences[s].End)).ToImmutableArray();
        var triggerStart = view.Tokens[primary.TriggerStart].Start;
        var triggerEnd = view.Tokens[primary.TriggerEnd - 1].End;
        var auxiliary = AuxiliaryStart(index, primary);
        if (auxiliary >= 0)
        {
            triggerStart = view.Tokens[auxiliary].Start;
        }

        var confidence = Confidence(mentions, named, unnamed.Count, strongest);
        var id = "v" + number.ToString(CultureInfo.InvariantCulture);
        var dateArgument = date is null ? null : new EventDate(text[date.Start..date.End], date.Start, date.End, index.Calendar.Resolve(date, status));
        var draftEvent = new MeetingEvent
        {
            Id = id,
            Subtype = subtype,
            Status = status,
            Participants = participants,
            Delegation = [.. delegation.Order().Select(e => entities[e].Id)],
            Location = placeArguments.FirstOrDefault(),
            Places = placeArguments,
            Date = dateArgument,
            Topics = topics,
            Trigger = new EventArgument(text[triggerStart..triggerEnd], triggerStart, triggerEnd),
            Evidence = evidence,
            Confidence = confidence,
        };

        var (cameo, plover) = MeetingCoder.Code(draftEvent, entities, destinationCountry, lexicons);
        return draftEvent.WithCodes(cameo, plover);
    }

    private static bool HasReception(List<MeetingMention> mentions) => mentions.Any(m => m.Subtype == MeetingSubtype.HostVisit);

    private static IEnumerable<Referent> PlacesOfMarginMeeting(MentionReading reading, List<MeetingMention> summitMentions)
    {
        var names = summitMentions.Select(m => m.SummitName?.Entity ?? -1).Where(e => e >= 0).ToHashSet();
        foreach (var (entity, sentence) in reading.Memory.MarginSummits)
        {
            if (!names.Contains(entity))
            {
                continue;
            }

            // The meeting held on the margin of this summit, in the same sentence or the one before.
            var meeting = reading.Mentions.LastOrDefault(m => m.Dropped is null && !m.IsSummit && m.Places.Count > 0 && Math.Abs(m.Sentence - sentence) <= 1)
                ?? reading.Mentions.LastOrDefault(m => m.Dropped is null && !m.IsSummit && m.Places.Count > 0 && m.Sentence <= sentence + 1);
            if (meeting is not null)
            {
                return meeting.Places;
            }
        }

        return [];
    }

    private static string PlaceText(EventDocumentIndex index, Referent place) => Argument(index, place).Text;

    private static int Precision(DateExpression date) =>
        (date.Day is not null ? 4 : 0) + (date.Weekday is not null ? 3 : 0) + (date.Month is not null ? 2 : 0) + (date.Year is not null ? 1 : 0) + (date.Offset is not null ? 1 : 0);

    private static float Confidence(List<MeetingMention> mentions, int named, int unnamed, TriggerStrength strongest)
    {
        var confidence = strongest switch
        {
            TriggerStrength.Strong => 0.85f,
            TriggerStrength.Medium => 0.7f,
            _ => 0.5f,
        };

        confidence += 0.04f * Math.Min(3, mentions.Count - 1);
        confidence += named >= 2 ? 0.04f : named + unnamed >= 2 ? 0f : -0.12f;
        if (mentions.All(m => m.Hedged))
        {
            confidence -= 0.15f;
        }

        return Math.Clamp(confidence, 0.05f, 0.99f);
    }
}
