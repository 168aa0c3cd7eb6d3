using NewsNer.Entities;
using NewsNer.Events.Reading;

namespace NewsNer.Events.Candidates;

/// <summary>
/// Gathers, for each meeting mention the rules propose, the parties, places and dates that may belong to it: the
/// parties the clause rules found, every person or acting organization named near the trigger in the sentence and at
/// the end of the sentence before, and the document's two most named persons (a text often names its protagonist once
/// and then says « le président »); the places of the sentence and its neighbours and the document's most named
/// places (the place of a visit is often given once, in the lead); the dates of the sentence and its neighbours; the
/// dateline's. Linear: sentences are read within <see cref="Window"/> tokens of the trigger, and every list is bounded.
/// </summary>
internal static class CandidateBuilder
{
    /// <summary>Most candidate parties kept per mention (the nearest ones).</summary>
    public const int MaxParties = 14;

    /// <summary>Most candidate places kept per mention.</summary>
    public const int MaxPlaces = 10;

    /// <summary>Tokens read on each side of the trigger, and at the end of the sentence before.</summary>
    public const int Window = 60;

    public static List<MeetingCandidate> Build(EventDocumentIndex index, DocumentStatistics statistics, List<MeetingMention> mentions)
    {
        var protagonists = Enumerable.Range(0, statistics.Rank.Length).Where(e => statistics.Rank[e] is 1 or 2).ToList();
        var result = new List<MeetingCandidate>(mentions.Count);
        foreach (var mention in mentions)
        {
            var candidate = new MeetingCandidate { Mention = mention };
            var byEntity = new Dictionary<int, PartyCandidate>();
            PartyCandidate Get(int entity)
            {
                if (!byEntity.TryGetValue(entity, out var party))
                {
                    byEntity[entity] = party = new PartyCandidate { Entity = entity, Offset = int.MaxValue };
                }

                return party;
            }

            foreach (var (entity, role) in mention.Parties)
            {
                var party = Get(entity);
                party.Sources |= PartySources.RuleParty;
                party.RuleRole = role;
            }

            foreach (var entity in mention.Delegation)
            {
                Get(entity).Sources |= PartySources.Delegation;
            }

            foreach (var entity in mention.Present)
            {
                Get(entity).Sources |= PartySources.Present;
            }

            var places = new List<Referent>();
            ReadSentence(index, mention, mention.Sentence, Get, places);
            if (mention.Sentence > 0)
            {
                ReadSentence(index, mention, mention.Sentence - 1, Get, places);
            }

            if (mention.Sentence + 1 < index.View.Sentences.Length)
            {
                ReadSentence(index, mention, mention.Sentence + 1, Get, places);
            }

            foreach (var entity in protagonists)
            {
                Get(entity).Sources |= PartySources.Protagonist;
            }

            candidate.Parties.AddRange(byEntity.Values
                .Where(p => p.Sources != PartySources.Protagonist || index.Entities[p.Entity].Type == EntityType.Person)
                .OrderByDescending(p => (p.Sources & PartySources.RuleParty) != 0)
                .ThenBy(p => p.Offset == int.MaxValue ? int.MaxValue : Math.Abs(p.Offset))
                .ThenBy(p => p.Entity)
                .Take(MaxParties));

            // Places: those of the mention's sentence first, then its neighbours', then the document's most named ones.
            if (index.DatelinePlace is { } datelinePlace)
            {
                places.Add(datelinePlace);
            }

            foreach (var top in statistics.TopPlaces)
            {
                places.Add(top);
            }

            var seen = new HashSet<int>();
            foreach (var place in places.OrderBy(p => Math.Abs(index.View.SentenceOf[p.Start] - mention.Sentence)).ThenBy(p => Math.Abs(p.Start - mention.TriggerStart)))
            {
                if (candidate.Places.Count < MaxPlaces && seen.Add(place.Entity >= 0 ? place.Entity : -1 - place.Start) || (place.Entity >= 0 && candidate.Places.Count < MaxPlaces && mention.Places.Contains(place)))
                {
                    candidate.Places.Add(place);
                }
            }

            for (var s = Math.Max(0, mention.Sentence - 1); s <= Math.Min(index.View.Sentences.Length - 1, mention.Sentence + 1); s++)
            {
                foreach (var date in index.DatesOfSentence(s))
                {
                    if (Math.Abs(date.StartToken - mention.TriggerStart) <= 2 * Window)
                    {
                        candidate.Dates.Add(date);
                    }
                }
            }

            if (index.DatelineDate is { } datelineDate && !candidate.Dates.Contains(datelineDate))
            {
                candidate.Dates.Add(datelineDate);
            }

            result.Add(candidate);
        }

        return result;
    }

    private static void ReadSentence(EventDocumentIndex index, MeetingMention mention, int sentence, Func<int, PartyCandidate> get, List<Referent> places)
    {
        var view = index.View;
        var span = view.Sentences[sentence];
        var own = sentence == mention.Sentence;
        var end = Math.Min(span.EndToken, view.Count);
        var from = own ? Math.Max(span.FirstToken, mention.TriggerStart - Window) : sentence < mention.Sentence ? Math.Max(span.FirstToken, end - Window) : span.FirstToken;
        var to = own ? Math.Min(end, mention.TriggerEnd + Window) : sentence < mention.Sentence ? end : Math.Min(end, span.FirstToken + Window);
        for (var k = from; k < to; k++)
        {
            var r = index.ReferentAt[k];
            if (r < 0)
            {
                continue;
            }

            var referent = index.Referents[r];
            k = Math.Max(k, referent.End - 1);
            if (referent.Entity < 0)
            {
                continue;
            }

            if (referent.Type == EntityType.Location && !referent.CanParticipate)
            {
                places.Add(referent);
                continue;
            }

            if (!referent.CanParticipate || sentence > mention.Sentence)
            {
                continue;
            }

            var party = get(referent.Entity);
            if (!own)
            {
                party.Sources |= PartySources.PreviousSentence;
                continue;
            }

            party.Sources |= PartySources.Sentence;
            party.InSentence++;
            if (referent.Start >= mention.ClauseStart && referent.End <= mention.ClauseEnd)
            {
                party.Sources |= PartySources.Clause;
            }

            var offset = referent.End <= mention.TriggerStart ? referent.End - mention.TriggerStart - 1 : referent.Start >= mention.TriggerEnd ? referent.Start - mention.TriggerEnd + 1 : 0;
            if (party.Offset == int.MaxValue || Math.Abs(offset) < Math.Abs(party.Offset))
            {
                party.Offset = offset;
                party.Nearest = referent;
            }
        }
    }
}
