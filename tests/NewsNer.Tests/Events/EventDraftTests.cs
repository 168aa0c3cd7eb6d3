using NewsNer.Events;
using NewsNer.Events.Candidates;
using NewsNer.Events.Decisions;
using NewsNer.Events.Lexicons;

namespace NewsNer.Tests.Events;

/// <summary>
/// What an encounter being assembled gathers from its mentions: the roles (a meeting noun inside a meeting verb's clause
/// does not vote on the roles the verb states) and, for the meeting decision, what the whole document's mentions say.
/// </summary>
public class EventDraftTests
{
    private const int Host = 0;
    private const int Guest = 1;
    private const int Other = 2;

    private static DecidedMention Mention(bool verb, int sentence, int start, (int Entity, int Role)[] parties, int clauseStart = 0, int clauseEnd = 20)
    {
        var trigger = new Trigger(verb ? "recevoir" : "audience", verb, MeetingSubtype.HostVisit, TriggerStrength.Strong, VerbFrame.Meet, default, VerbTense.PastParticiple, default);
        var mention = new MeetingMention { Trigger = trigger, Sentence = sentence, TriggerStart = start, TriggerEnd = start + 1, ClauseStart = clauseStart, ClauseEnd = clauseEnd };
        var decided = new DecidedMention { Candidate = new MeetingCandidate { Mention = mention }, Meeting = 1f };
        foreach (var (entity, role) in parties)
        {
            var roles = new float[RoleClass.Count];
            roles[role] = 0.9f;
            roles[RoleClass.None] = 0.1f;
            decided.Roles[entity] = roles;
            decided.Parties[entity] = role == RoleClass.Host ? ParticipantRole.Host : role == RoleClass.Guest ? ParticipantRole.Guest : ParticipantRole.Participant;
            mention.Parties[entity] = decided.Parties[entity];
        }

        return decided;
    }

    [Fact]
    public void A_meeting_noun_in_the_clause_of_a_meeting_verb_leaves_the_roles_to_the_verb()
    {
        // « X a reçu en audience Y »: the verb makes X the host; the noun, read alone, would make Y the host.
        var verb = Mention(verb: true, sentence: 1, start: 3, [(Host, RoleClass.Host), (Guest, RoleClass.Guest)]);
        var noun = Mention(verb: false, sentence: 1, start: 5, [(Host, RoleClass.Guest), (Guest, RoleClass.Host), (Other, RoleClass.Participant)]);
        var draft = new EventDraft([verb, noun]);

        Assert.True(draft.HostShare(Host) > 0.9f, $"host share {draft.HostShare(Host)}");
        Assert.True(draft.HostShare(Guest) < 0.1f, $"guest's host share {draft.HostShare(Guest)}");
        Assert.Equal(0, draft.HostRank(Host));
        // A party only the noun names still counts.
        Assert.True(draft.Roles[Other][RoleClass.Participant] > 0.8f);
    }

    [Fact]
    public void A_meeting_noun_outside_the_verbs_clause_votes_on_the_roles()
    {
        var verb = Mention(verb: true, sentence: 1, start: 3, [(Host, RoleClass.Host), (Guest, RoleClass.Guest)], clauseStart: 0, clauseEnd: 8);
        var noun = Mention(verb: false, sentence: 1, start: 12, [(Host, RoleClass.Guest), (Guest, RoleClass.Host)], clauseStart: 10, clauseEnd: 20);
        var draft = new EventDraft([verb, noun]);

        Assert.Equal(0.5f, draft.HostShare(Host), 3);
        Assert.Equal(0.5f, draft.HostShare(Guest), 3);
    }

    [Fact]
    public void The_document_summary_counts_mentions_the_headline_and_the_stated_ones()
    {
        var headline = Mention(verb: true, sentence: 0, start: 1, [(Host, RoleClass.Host), (Guest, RoleClass.Guest)]);
        var lone = Mention(verb: false, sentence: 3, start: 40, [(Other, RoleClass.Participant)]);
        var dropped = Mention(verb: true, sentence: 5, start: 60, [(Host, RoleClass.Host), (Other, RoleClass.Guest)]);
        dropped.Mention.Dropped = "negated";
        var candidates = new[] { headline, lone, dropped }.Select(m => m.Candidate).ToList();

        Assert.Equal(new DocumentMentionSummary(3, Headline: true, Stated: 1), DocumentMentionSummary.Of(candidates));
        Assert.Equal(new DocumentMentionSummary(2, Headline: false, Stated: 0), DocumentMentionSummary.Of(candidates.Skip(1).ToList()));
        Assert.Equal(new DocumentMentionSummary(0, Headline: false, Stated: 0), DocumentMentionSummary.Of([]));
    }

    [Fact]
    public void A_counted_conjunction_is_the_same_feature_as_the_indicator_with_its_count_as_value()
    {
        var indicator = new FeatureVector();
        indicator.Add(7, 2, 1);
        var counted = new FeatureVector();
        counted.Add(7, 2, 1, EventFeatures.MaxStatusCount);

        Assert.Equal(indicator.Indices.ToArray(), counted.Indices.ToArray());
        Assert.Equal(1f, indicator.Values[0]);
        Assert.Equal(EventFeatures.MaxStatusCount, counted.Values[0]);
    }
}
