using NewsNer.Entities;
using NewsNer.Events.Reading;

namespace NewsNer.Events.Candidates;

/// <summary>
/// The story so far, as the rules read a document from its start: the latest meeting mentioned (for « ils », « les
/// deux présidents »), the latest subject named (for « il »), the latest summit named (for « ce sommet ») and the
/// summits named only as an occasion. The mention reader writes it explicitly after each sentence part it reads; the
/// syntax readers only read it, so a question never changes the answer to the next one.
/// </summary>
internal sealed class DiscourseMemory
{
    /// <summary>The latest mention kept, with parties.</summary>
    public MeetingMention? LastMention { get; private set; }

    /// <summary>The latest subject named (persons), and its sentence.</summary>
    public List<Referent> LastSubjects { get; private set; } = [];

    public int LastSubjectSentence { get; private set; } = -10;

    /// <summary>The last summit named (<c>sommet des BRICS</c>), for "ce sommet" later on.</summary>
    public Referent? LastSummitName { get; private set; }

    /// <summary>Summits named only as the occasion of another meeting ("en marge du sommet des BRICS"): name entity and sentence.</summary>
    public List<(int Entity, int Sentence)> MarginSummits { get; } = [];

    /// <summary>Notes a mention as the discourse's latest meeting.</summary>
    public void Remember(MeetingMention mention)
    {
        if (mention.Dropped is null && mention.Parties.Count > 0)
        {
            LastMention = mention;
        }
    }

    /// <summary>Notes the subject a clause names, when it is a person.</summary>
    public void RememberSubjects(List<Referent> subjects)
    {
        if (subjects.Count > 0 && subjects[0].Type == EntityType.Person)
        {
            LastSubjects = [.. subjects];
            LastSubjectSentence = subjects[0].Sentence;
        }
    }

    /// <summary>Notes the summit a mention names.</summary>
    public void RememberSummit(Referent name) => LastSummitName = name;

    /// <summary>The parties of the latest meeting, when it is at most three sentences back, as referents of <paramref name="sentence"/>.</summary>
    public List<Referent> PartiesOfLast(int sentence, List<Entity> entities)
    {
        if (LastMention is null || sentence - LastMention.Sentence > 3)
        {
            return [];
        }

        return [.. LastMention.Parties.Keys.Select(e => new Referent { Entity = e, Kind = ReferentKind.Name, Type = entities[e].Type, CanParticipate = true, Sentence = sentence })];
    }
}
