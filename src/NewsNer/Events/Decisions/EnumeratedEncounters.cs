using NewsNer.Entities;
using NewsNer.Events.Candidates;
using NewsNer.Events.Lexicons;
using NewsNer.Events.Reading;

namespace NewsNer.Events.Decisions;

/// <summary>
/// The commonest syntax of several encounters told in one clause: an active meeting or reception verb whose one
/// subject meets a list of persons (« X a rencontré A, B et C », « X s'est entretenu avec A puis avec B »). The learned
/// split decision sees about ten such lists per training set, too few to learn them; this rule makes one encounter of
/// the subject with each person listed (measured in docs/events.md, seventh round). A passive (« reçu par A, B et
/// C »), a summit or a call stays one encounter.
/// </summary>
internal static class EnumeratedEncounters
{
    /// <summary>
    /// The enumerations among <paramref name="mentions"/> (mentions of three parties or more only), by mention; null when
    /// there is none (most documents).
    /// </summary>
    public static Dictionary<DecidedMention, (int Subject, List<int> Persons)>? Read(PartyReader syntax, IReadOnlyList<DecidedMention> mentions)
    {
        Dictionary<DecidedMention, (int Subject, List<int> Persons)>? enumerations = null;
        foreach (var mention in mentions)
        {
            if (mention.Parties.Count >= 3 && TryRead(syntax, mention, out var subject, out var persons))
            {
                (enumerations ??= [])[mention] = (subject, persons);
            }
        }

        return enumerations;
    }

    /// <summary>
    /// Whether <paramref name="mention"/>, not itself an enumeration, tells again the encounters of an enumeration in its
    /// sentence: an in-person mention that names no party outside it (« En visite à Tokyo, X a rencontré A, B et C »: the visit is the three
    /// meetings, not a fourth encounter of all four).
    /// </summary>
    public static bool Absorbs(ILookup<int, DecidedMention> enumerationsBySentence, DecidedMention mention) =>
        !mention.Mention.IsSummit && !mention.Mention.IsPhone
        && enumerationsBySentence[mention.Mention.Sentence].Any(e => mention.Parties.Keys.All(e.Parties.ContainsKey));

    /// <summary>
    /// The subject and the persons it meets one by one, when <paramref name="mention"/> is such an enumeration: its
    /// decided parties hold exactly one party the clause rules read before the trigger, and two persons or more the
    /// rules read after it.
    /// </summary>
    public static bool TryRead(PartyReader syntax, DecidedMention mention, out int subject, out List<int> persons)
    {
        subject = -1;
        persons = [];
        var meeting = mention.Mention;
        var trigger = meeting.Trigger;
        if (!trigger.IsVerb || trigger.Frame is not (VerbFrame.Meet or VerbFrame.Host) || meeting.IsPhone || meeting.IsSummit
            || (trigger.Tense == VerbTense.PastParticiple && syntax.IsPassive(meeting.TriggerStart, meeting.ClauseStart)))
        {
            return false;
        }

        var entities = syntax.Index.Entities;
        foreach (var party in mention.Candidate.Parties)
        {
            if ((party.Sources & PartySources.RuleParty) == 0 || !mention.Parties.ContainsKey(party.Entity) || party.Offset == 0)
            {
                continue;
            }

            if (party.Offset < 0)
            {
                if (subject >= 0)
                {
                    return false;
                }

                subject = party.Entity;
            }
            else if (entities[party.Entity].Type == EntityType.Person)
            {
                persons.Add(party.Entity);
            }
        }

        return subject >= 0 && persons.Count >= 2;
    }
}
