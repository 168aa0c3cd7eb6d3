using NewsNer.Entities;
using NewsNer.Events.Candidates;
using NewsNer.Events.Reading;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Events.Decisions;

/// <summary>
/// Features of the other decisions: whether two mentions are the same encounter (<see cref="Pair"/>), whether a place
/// (<see cref="Place"/>) or a date expression (<see cref="Date"/>) is the one of a mention's meeting.
/// </summary>
internal static class ArgumentFeatures
{
    private enum PairT
    {
        Bias = 1,
        Shared,
        SharedOfSmaller,
        Subset,
        Empty,
        SentenceDistance,
        Family,
        FamilyPair,
        Statuses,
        Dates,
        Places,
        Anaphoric,
        Again,
        Subtypes,
        Roles,
        Between,
        Dropped,
        Lemmas,
        OnlyA,
        OnlyB,
        DecidedStatuses,
        SameDecidedStatus,
    }

    private enum PlaceT
    {
        Bias = 1,
        Preposition,
        Kind,
        InClause,
        Distance,
        RuleChose,
        Dateline,
        PartyCountry,
        Mentions,
        KindFrame,
        Capital,
        Country,
        WordBefore,
        Nested,
        Count,
        SentenceDistance,
        DocumentRank,
        KindDistance,
        HostCountry,
        RuleAny,
    }

    private enum DateT
    {
        Bias = 1,
        InClause,
        Distance,
        RuleChose,
        Dateline,
        Precision,
        Vague,
        Direction,
        Future,
        Background,
        Recent,
        Today,
        Unit,
        StatusFuture,
        Count,
        WordBefore,
        SentenceDistance,
    }

    /// <summary>Two mentions (<paramref name="a"/> before <paramref name="b"/>) and the parties the role decision gave each.</summary>
    public static void Pair(
        EventDocumentIndex index, MeetingMention a, IReadOnlyDictionary<int, ParticipantRole> partiesA, EventStatus statusA,
        MeetingMention b, IReadOnlyDictionary<int, ParticipantRole> partiesB, EventStatus statusB, int mentionsBetween, FeatureVector features)
    {
        features.Add((int)PairT.Bias);
        var shared = partiesA.Keys.Count(partiesB.ContainsKey);
        features.Add((int)PairT.Shared, Math.Min(shared, 3));
        var smaller = Math.Min(partiesA.Count, partiesB.Count);
        features.Add((int)PairT.SharedOfSmaller, smaller == 0 ? -1 : shared == smaller ? 1 : shared == 0 ? 0 : 2);
        features.Add((int)PairT.Subset, (partiesA.Keys.All(partiesB.ContainsKey) ? 1 : 0) + (partiesB.Keys.All(partiesA.ContainsKey) ? 2 : 0));
        features.Add((int)PairT.Empty, (partiesA.Count == 0 ? 1 : 0) + (partiesB.Count == 0 ? 2 : 0));
        features.Add((int)PairT.OnlyA, Math.Min(partiesA.Count - shared, 3));
        features.Add((int)PairT.OnlyB, Math.Min(partiesB.Count - shared, 3));
        features.Add((int)PairT.DecidedStatuses, (long)statusA, (long)statusB);
        features.AddIf((int)PairT.SameDecidedStatus, statusA == statusB);
        var distance = b.Sentence - a.Sentence;
        features.Add((int)PairT.SentenceDistance, Math.Min(distance, 2) + (distance > 5 ? 1 : 0) + (distance > 12 ? 1 : 0));
        features.Add((int)PairT.Between, MentionFeatures.Bucket(mentionsBetween));
        var familyA = Family(a);
        var familyB = Family(b);
        features.AddIf((int)PairT.Family, familyA == familyB);
        features.Add((int)PairT.FamilyPair, familyA, familyB);
        features.Add((int)PairT.Statuses, (long)a.Status, (long)b.Status);
        features.Add((int)PairT.Subtypes, (long)a.Subtype, (long)b.Subtype);
        features.AddIf((int)PairT.Anaphoric, b.Anaphoric);
        features.AddIf((int)PairT.Again, b.Again);
        features.Add((int)PairT.Dropped, (a.Dropped is null ? 0 : 1) + (b.Dropped is null ? 0 : 2));
        features.Add((int)PairT.Lemmas, (long)FeatureHash.Of(a.Trigger.Lemma), (long)FeatureHash.Of(b.Trigger.Lemma));

        // Roles that disagree (a host in one, a guest in the other) tell different encounters apart.
        var conflicts = 0;
        foreach (var (entity, role) in partiesA)
        {
            if (partiesB.TryGetValue(entity, out var other) && role != other && role != ParticipantRole.Participant && other != ParticipantRole.Participant)
            {
                conflicts++;
            }
        }

        features.Add((int)PairT.Roles, Math.Min(conflicts, 2));
        features.Add((int)PairT.Dates, DateRelation(index.Calendar, a, b));
        features.Add((int)PairT.Places, PlaceRelation(index, a, b));
    }

    /// <summary>A candidate place of a mention.</summary>
    public static void Place(EventDocumentIndex index, DocumentStatistics statistics, MeetingCandidate candidate, Referent place, IReadOnlyDictionary<int, ParticipantRole> parties, FeatureVector features)
    {
        var mention = candidate.Mention;
        var view = index.View;
        var entity = place.Entity >= 0 ? index.Entities[place.Entity] : null;
        features.Add((int)PlaceT.Bias);
        MentionFeatures.AddBits((int)PlaceT.Preposition, (long)(index.ClassesEndingAt(place.Start) & (WordClass.Preposition | WordClass.Locative | WordClass.Determiner)), features);
        var kind = entity?.Kind is { } k ? (long)FeatureHash.Of(k) : 0;
        features.Add((int)PlaceT.Kind, kind);
        features.Add((int)PlaceT.KindFrame, kind, mention.Trigger.IsVerb ? (long)mention.Trigger.Frame : 10 + (long)mention.Subtype);
        var sameSentence = view.SentenceOf[place.Start] == mention.Sentence;
        features.AddIf((int)PlaceT.InClause, place.Start >= mention.ClauseStart && place.End <= mention.ClauseEnd && sameSentence);
        var offset = place.End <= mention.TriggerStart ? place.End - mention.TriggerStart - 1 : place.Start - mention.TriggerEnd + 1;
        features.Add((int)PlaceT.Distance, sameSentence ? (offset < 0 ? 0 : 10) + MentionFeatures.Bucket(Math.Abs(offset)) : -1);
        features.AddIf((int)PlaceT.RuleChose, mention.Places.Contains(place));
        features.AddIf((int)PlaceT.Dateline, ReferenceEquals(place, index.DatelinePlace));
        features.AddIf((int)PlaceT.Nested, index.SeatOfGovernmentCountry(place.Start, place.End) is not null);
        features.Add((int)PlaceT.Count, Math.Min(candidate.Places.Count, 4));
        var sentenceDistance = Math.Clamp(view.SentenceOf[place.Start] - mention.Sentence, -3, 3);
        features.Add((int)PlaceT.SentenceDistance, sentenceDistance);
        features.Add((int)PlaceT.KindDistance, kind, sentenceDistance);
        features.Add((int)PlaceT.DocumentRank, statistics.TopPlaces.FindIndex(p => p.Entity == place.Entity));
        features.AddIf((int)PlaceT.RuleAny, mention.Places.Any(p => p.Entity == place.Entity && place.Entity >= 0));
        if (entity is not null)
        {
            features.Add((int)PlaceT.Mentions, MentionFeatures.Bucket(statistics.Referents[place.Entity]));
            features.AddIf((int)PlaceT.PartyCountry, entity.Country is { } country && parties.Keys.Any(p => index.Entities[p].Country == country));
            features.AddIf((int)PlaceT.HostCountry, entity.Country is { } hostCountry && parties.Any(p => p.Value == ParticipantRole.Host && index.Entities[p.Key].Country == hostCountry));
            features.AddIf((int)PlaceT.Country, entity.Country is not null);
        }

        if (place.Start > 0)
        {
            features.AddHash((int)PlaceT.WordBefore, MentionFeatures.WordHash(view, place.Start - 1));
        }
    }

    /// <summary>A candidate date expression of a mention, given the status decided for the mention.</summary>
    public static void Date(EventDocumentIndex index, MeetingCandidate candidate, DateExpression date, EventStatus status, FeatureVector features)
    {
        var mention = candidate.Mention;
        var view = index.View;
        features.Add((int)DateT.Bias);
        var sameSentence = view.SentenceOf[date.StartToken] == mention.Sentence;
        features.AddIf((int)DateT.InClause, sameSentence && date.StartToken >= mention.ClauseStart && date.EndToken <= mention.ClauseEnd);
        var offset = date.EndToken <= mention.TriggerStart ? date.EndToken - mention.TriggerStart - 1 : date.StartToken - mention.TriggerEnd + 1;
        features.Add((int)DateT.Distance, sameSentence ? (offset < 0 ? 0 : 10) + MentionFeatures.Bucket(Math.Abs(offset)) : -1);
        features.AddIf((int)DateT.RuleChose, ReferenceEquals(mention.Date, date));
        features.AddIf((int)DateT.Dateline, ReferenceEquals(date, index.DatelineDate));
        features.Add((int)DateT.Precision, (date.Day is null ? 0 : 1) + (date.Weekday is null ? 0 : 2) + (date.Month is null ? 0 : 4) + (date.Year is null ? 0 : 8) + (date.Offset is null ? 0 : 16));
        features.AddIf((int)DateT.Vague, date.Vague);
        features.Add((int)DateT.Direction, (long)date.Direction);
        var future = index.Calendar.IsFuture(date);
        features.AddIf((int)DateT.Future, future);
        features.AddIf((int)DateT.Background, index.Calendar.IsBackground(date));
        features.AddIf((int)DateT.Recent, index.Calendar.IsWithinDaysBefore(date, 7));
        features.AddIf((int)DateT.Today, date.IsToday);
        features.Add((int)DateT.Unit, (long)date.OffsetUnit);
        features.Add((int)DateT.StatusFuture, (long)status, future ? 1 : 0);
        features.Add((int)DateT.Count, Math.Min(candidate.Dates.Count, 4));
        features.Add((int)DateT.SentenceDistance, sameSentence ? 0 : Math.Clamp(view.SentenceOf[date.StartToken] - mention.Sentence, -3, 3) + 10);
        if (date.StartToken > 0)
        {
            features.AddHash((int)DateT.WordBefore, MentionFeatures.WordHash(view, date.StartToken - 1));
        }
    }

    private static int Family(MeetingMention mention) => mention.IsPhone ? 1 : mention.IsSummit ? 2 : 0;

    private static int DateRelation(DateResolver calendar, MeetingMention a, MeetingMention b)
    {
        if (a.Date is not { } first || b.Date is not { } second)
        {
            return a.Date is null && b.Date is null ? 0 : 1;
        }

        if (ReferenceEquals(first, second))
        {
            return 2;
        }

        var x = calendar.Resolve(first, a.Status);
        var y = calendar.Resolve(second, b.Status);
        if (x is not null && y is not null)
        {
            return x == y ? 3 : x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal) ? 4 : 5;
        }

        return first.Weekday is { } w1 && second.Weekday is { } w2 ? (w1 == w2 ? 6 : 7) : 8;
    }

    private static int PlaceRelation(EventDocumentIndex index, MeetingMention a, MeetingMention b)
    {
        if (a.Places.Count == 0 || b.Places.Count == 0)
        {
            return a.Places.Count == 0 && b.Places.Count == 0 ? 0 : 1;
        }

        if (a.Places.Any(p => p.Entity >= 0 && b.Places.Any(q => q.Entity == p.Entity)))
        {
            return 2;
        }

        var countries = a.Places.Select(p => Country(index, p)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var others = b.Places.Select(p => Country(index, p)).OfType<string>().ToList();
        return countries.Count == 0 || others.Count == 0 ? 3 : others.Any(countries.Contains) ? 4 : 5;
    }

    private static string? Country(EventDocumentIndex index, Referent place) => place.Entity >= 0 ? index.Entities[place.Entity].Country : place.Country;
}
