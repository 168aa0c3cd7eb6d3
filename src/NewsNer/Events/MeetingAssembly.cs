using NewsNer.Entities;
using NewsNer.Events.Candidates;
using NewsNer.Events.Lexicons;
using NewsNer.Events.Reading;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Events;

/// <summary>
/// What assembling a meeting from its mentions needs, whoever decides (the rules of <see cref="Rules.MeetingMerger"/>
/// or the learned decisions): a place's country and kind, the place phrase as an argument, the whole trigger phrase,
/// and the subtype from the mentions' framing, the roles and the place.
/// </summary>
internal static class MeetingAssembly
{
    public static string? PlaceCountry(EventDocumentIndex index, Referent place) =>
        place.Entity >= 0 ? index.Entities[place.Entity].Country : place.Country;

    public static string? PlaceKind(EventDocumentIndex index, Referent place) => place.Entity >= 0 ? index.Entities[place.Entity].Kind : null;

    public static int Specificity(string? kind) => kind switch
    {
        "building" => 0,
        "city" => 1,
        null => 2,
        "region" => 3,
        "country" => 4,
        _ => 5,
    };

    public static EventArgument Argument(EventDocumentIndex index, Referent place)
    {
        var view = index.View;
        var entity = place.Entity >= 0 ? index.Entities[place.Entity] : null;

        // The place name itself, without the determiner or role words around it, but with the noun that makes it a
        // venue when the name alone is not one: "au palais de Ciragan" → "palais de Ciragan".
        var mention = entity?.Mentions.FirstOrDefault(m => m.Kind == MentionKind.Name && m.FirstToken >= place.Start && m.EndToken <= place.End);
        var first = mention?.FirstToken ?? place.Start;
        var start = mention?.Start ?? view.Tokens[place.Start].Start;
        var end = mention?.End ?? view.Tokens[place.End - 1].End;
        if (first >= 2 && view.Is(first - 1, WordClass.De) && view.ClassLengths[first - 1] == 1)
        {
            for (var back = 2; back <= 3 && first - back >= 0; back++)
            {
                if (view.Lexicons.PlaceHeads.Longest(view.Ids, first - back, out _) == back - 1)
                {
                    start = view.Tokens[first - back].Start;
                    break;
                }
            }
        }

        return new EventArgument(view.Text[start..end], start, end, entity?.Id);
    }

    /// <summary>The auxiliary of a compound verb trigger ("a accueilli", "s'est entretenu"), so the trigger reads whole.</summary>
    public static int AuxiliaryStart(EventDocumentIndex index, MeetingMention mention)
    {
        if (!mention.Trigger.IsVerb || mention.Trigger.Tense != VerbTense.PastParticiple)
        {
            return -1;
        }

        var view = index.View;
        var k = mention.TriggerStart;
        var found = -1;
        for (var steps = 0; steps < 4 && k > mention.ClauseStart; steps++)
        {
            var classes = index.ClassesEndingAt(k);
            if ((classes & (WordClass.Auxiliary | WordClass.Reflexive)) == 0)
            {
                break;
            }

            // Step back over the function-word phrase.
            var back = 1;
            while (back <= 3 && !(k - back >= 0 && view.ClassLengths[k - back] == back))
            {
                back++;
            }

            k -= back;
            found = k;
        }

        return found;
    }

    public static MeetingSubtype Subtype(
        EventDocumentIndex index, List<MeetingMention> mentions, Dictionary<int, ParticipantRole> roles, List<Referent> places,
        string? destinationCountry, bool summit, bool phone, bool negotiation)
    {
        if (phone)
        {
            return MeetingSubtype.PhoneCall;
        }

        if (summit)
        {
            return MeetingSubtype.Summit;
        }

        // Reception framing (reçoit, accueille, audience, à l'invitation de) makes a hosted visit.
        if (roles.ContainsValue(ParticipantRole.Host) && mentions.Any(m => m.Subtype == MeetingSubtype.HostVisit || m.Parties.ContainsValue(ParticipantRole.Host) && m.Subtype != MeetingSubtype.MakeVisit))
        {
            return MeetingSubtype.HostVisit;
        }

        if (mentions.Any(m => m.Subtype == MeetingSubtype.MakeVisit))
        {
            return MeetingSubtype.MakeVisit;
        }

        if (negotiation)
        {
            return MeetingSubtype.Negotiation;
        }

        // Bilateral on ground that is home to neither party.
        var countries = roles.Where(r => r.Value != ParticipantRole.Mediator).Select(r => index.Entities[r.Key].Country).ToList();
        if (destinationCountry is not null && countries.Count >= 2 && countries.All(c => c is not null) && !countries.Contains(destinationCountry))
        {
            return MeetingSubtype.ThirdLocation;
        }

        // "en marge du sommet de l'OTAN à La Haye", "lors du sommet du G20 à Johannesburg": a bilateral held on the
        // occasion of a summit is on ground home to neither party unless one is known to be from there.
        if (destinationCountry is not null && countries.Count == 2 && mentions.Any(m => m.AtSummit) && !countries.Contains(destinationCountry))
        {
            return MeetingSubtype.ThirdLocation;
        }

        _ = places;
        return MeetingSubtype.Meet;
    }
}
