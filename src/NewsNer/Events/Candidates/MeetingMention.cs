using NewsNer.Events.Lexicons;
using NewsNer.Events.Reading;
using NewsNer.Internal.Lexicons;

namespace NewsNer.Events.Candidates;

/// <summary>
/// One statement of a meeting in one clause, before merging: the trigger, the parties the clause names and in what
/// role, where, when, about what, and how sure. Several mentions of one encounter merge into one
/// <see cref="MeetingEvent"/>.
/// </summary>
internal sealed class MeetingMention
{
    public required Trigger Trigger { get; init; }

    public int Sentence { get; init; }

    public int TriggerStart { get; init; }

    public int TriggerEnd { get; init; }

    public int ClauseStart { get; set; }

    /// <summary>For a noun, the token after its complements (entre X et Y, avec X, de X).</summary>
    public int ComplementEnd { get; set; }

    public int ClauseEnd { get; set; }

    public MeetingSubtype Subtype { get; set; }

    public EventStatus Status { get; set; }

    /// <summary>Stated in the simple present ("reçoit", "s'ouvre"): with another weekday than today's, a schedule.</summary>
    public bool SimplePresent { get; set; }

    /// <summary>A definite, demonstrative or possessive summit noun without a name ("le sommet", "ce sommet").</summary>
    public bool DefiniteSummit { get; set; }

    /// <summary>Conditional of reported speech (<c>aurait rencontré</c>): stated, not confirmed.</summary>
    public bool Hedged { get; set; }

    /// <summary>The verb is in the plus-que-parfait (avait rencontré, s'était entretenu): earlier than the narrated news.</summary>
    public bool Pluperfect { get; set; }

    /// <summary>The sentence names a summit as the occasion of this meeting (en marge du sommet, lors du sommet).</summary>
    public bool AtSummit { get; set; }

    /// <summary>Why the mention states no meeting (negated, cancelled, an interview, a vague count ...), or null.</summary>
    public string? Dropped { get; set; }

    /// <summary>A definite, demonstrative or possessive noun with no party of its own (<c>lors de la rencontre</c>): an earlier meeting again.</summary>
    public bool Anaphoric { get; set; }

    /// <summary>A new meeting of people who met before (<c>se reverront</c>): never merged with the earlier one.</summary>
    public bool Again { get; set; }

    /// <summary>Participants by entity index, with their role.</summary>
    public Dictionary<int, ParticipantRole> Parties { get; } = [];

    /// <summary>Parties described but never named.</summary>
    public List<Referent> Unnamed { get; } = [];

    /// <summary>Entities accompanying a party.</summary>
    public HashSet<int> Delegation { get; } = [];

    /// <summary>Entities present at the talks (<c>en présence de</c>, <c>sous l'égide de</c>): mediators or entourage, decided once merged.</summary>
    public HashSet<int> Present { get; } = [];

    /// <summary>Place referents, in text order.</summary>
    public List<Referent> Places { get; } = [];

    public DateExpression? Date { get; set; }

    /// <summary>Topic spans (character ranges).</summary>
    public List<(int Start, int End)> Topics { get; } = [];

    /// <summary>For a summit, the organization or place it is named after (<c>sommet des BRICS</c>), as a referent.</summary>
    public Referent? SummitName { get; set; }

    public bool IsPhone => Subtype == MeetingSubtype.PhoneCall;

    public bool IsSummit => Subtype == MeetingSubtype.Summit;

    public override string ToString() =>
        $"s{Sentence} {Trigger.Lemma} {Subtype} {Status} parties=[{string.Join(",", Parties.Select(p => $"e{p.Key + 1}:{p.Value}"))}] {(Dropped is null ? "" : "DROPPED " + Dropped)}{(Anaphoric ? " anaphoric" : "")}";
}
