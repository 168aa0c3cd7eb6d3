using NewsNer.Events.Reading;

namespace NewsNer.Events.Candidates;

/// <summary>
/// The rules' reading of one document: its index, the syntax readers over it, the story so far, and the meeting
/// mentions read, in text order. The mention reader fills it; the subject a clause names is noted in the memory here,
/// in one place, right after it is read.
/// </summary>
internal sealed class MentionReading
{
    public MentionReading(EventDocumentIndex index)
    {
        Index = index;
        Parties = new PartyReader(index);
        Status = new StatusReader(index);
        Circumstances = new CircumstanceReader(index);
    }

    public EventDocumentIndex Index { get; }

    public PartyReader Parties { get; }

    public StatusReader Status { get; }

    public CircumstanceReader Circumstances { get; }

    public DiscourseMemory Memory { get; } = new();

    /// <summary>The mentions read (dropped ones included, marked), in text order.</summary>
    public List<MeetingMention> Mentions { get; } = [];

    /// <summary>The subject of a verb (<see cref="PartyReader.Subject"/>), remembered as the latest subject when names give it.</summary>
    public List<Referent> Subject(int verb, int clauseStart, out bool pronounPlural)
    {
        var subjects = Parties.Subject(verb, clauseStart, Memory, out pronounPlural, out var named);
        if (named)
        {
            Memory.RememberSubjects(subjects);
        }

        return subjects;
    }

    /// <summary>Whether the clause's subject is the parties already named (<see cref="PartyReader.SubjectIsPair"/>); a named subject is remembered.</summary>
    public bool SubjectIsPair(int verb)
    {
        var pair = Parties.SubjectIsPair(verb, Memory, out var named);
        Memory.RememberSubjects(named);
        return pair;
    }
}
