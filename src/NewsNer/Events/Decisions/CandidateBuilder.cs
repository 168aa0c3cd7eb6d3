using NewsNer.Entities;

namespace NewsNer.Events.Decisions;

/// <summary>
/// Gathers, for each meeting mention the rules propose, the parties, places and dates that may belong to it: the
/// parties the clause rules found, every person or acting organization named in the sentence and the sentence before,
/// and the document's two most named persons (a text often names its protagonist once and then says « le président »);
/// the places and dates of the sentence and of the dateline. Linear: at most <see cref="MaxParties"/> parties per
/// mention, and sentences are read once each.
/// </summary>
internal static class CandidateBuilder
{
    /// <summary>Most candidate parties kept per mention (the nearest ones).</summary>
    public const int MaxParties = 14;

    public static List<MeetingCandidate> Build(DocumentContext context, DocumentStatistics statistics, List<MeetingMention> mentions)
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

            ReadSentence(context, mention, mention.Sentence, Get, candidate);
            if (mention.Sentence > 0)
            {
                ReadSentence(context, mention, mention.Sentence - 1, Get, candidate);
            }

            foreach (var entity in protagonists)
            {
                Get(entity).Sources |= PartySources.Protagonist;
            }

            candidate.Parties.AddRange(byEntity.Values
                .Where(p => p.Sources != PartySources.Protagonist || context.Entities[p.Entity].Type == EntityType.Person)
                .OrderByDescending(p => (p.Sources & PartySources.RuleParty) != 0)
                .ThenBy(p => p.Offset == int.MaxValue ? int.MaxValue : Math.Abs(p.Offset))
                .ThenBy(p => p.Entity)
                .Take(MaxParties));
            if (context.DatelinePlace is { } datelinePlace && !candidate.Places.Contains(datelinePlace))
            {
                candidate.Places.Add(datelinePlace);
            }

            if (context.DatelineDate is { } datelineDate && !candidate.Dates.Contains(datelineDate))
            {
                candidate.Dates.Add(datelineDate);
            }

            result.Add(candidate);
        }

        return result;
    }

    private static void ReadSentence(DocumentContext context, MeetingMention mention, int sentence, Func<int, PartyCandidate> get, MeetingCandidate candidate)
    {
        var view = context.View;
        var span = view.Sentences[sentence];
        var own = sentence == mention.Sentence;
        for (var k = span.FirstToken; k < span.EndToken && k < view.Count; k++)
        {
            var r = context.ReferentAt[k];
            if (r < 0)
            {
                continue;
            }

            var referent = context.Referents[r];
            k = Math.Max(k, referent.End - 1);
            if (referent.Entity < 0)
            {
                continue;
            }

            if (referent.Type == EntityType.Location && !referent.CanParticipate)
            {
                if (own && !candidate.Places.Contains(referent))
                {
                    candidate.Places.Add(referent);
                }

                continue;
            }

            if (!referent.CanParticipate)
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

        if (own)
        {
            candidate.Dates.AddRange(context.DatesOfSentence(sentence));
        }
    }
}
