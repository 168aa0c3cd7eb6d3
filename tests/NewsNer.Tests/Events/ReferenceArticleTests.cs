using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Tests.TestSupport;
using Xunit.Abstractions;

namespace NewsNer.Tests.Events;

/// <summary>
/// The reference article of issue 4 (samples/al-chaar-poutine.fr.txt): exactly one reported hosted visit, Poutine
/// receiving al-Chaar at the Kremlin in Moscou on Wednesday — with the names a perfect recognizer would tag, and end to
/// end with the default pipeline (the shipped recognizer and learned event decisions).
/// </summary>
public class ReferenceArticleTests(ITestOutputHelper output)
{
    private const string Names =
        "PER: Vladimir Poutine | Poutine | Ahmad al-Chaar | Al-Chaar | al-Chaar | Bachar al-Assad | al-Assad | Asaad al-Shaybani | Mourhaf Abu Qasra;" +
        "LOC: Kremlin | Moscou | Russie | Syrie | Damas | Hmeimim | Lattaquié | Tartous;" +
        "ORG: SadaNews | Reuters | agence de presse française";

    private static string Article => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt"));

    private static Document Process(EventMethod events = EventMethod.Rules) => TestPipelines.Process(Article, Names, events: events);

    [Fact]
    public void The_rules_give_exactly_one_reported_host_visit() => AssertReferenceEvent(Process());

    [Fact]
    public void The_learned_default_gives_the_visit_end_to_end()
    {
        // The learned decisions never saw this article. They find the one visit with its host, guest, place, date and
        // status (reported: the lead's reception outweighs the announced talks, `discuteront`, told later); the ministers
        // accompanying al-Chaar on his arrival earlier that day are no party (that mention, left without a second party, is
        // not taken for a meeting, so the visit lists no delegation); they also take al-Assad, named in a relative clause,
        // for a guest (docs/events.md, known errors): what is asserted here is what they get right.
        foreach (var doc in new[] { Process(EventMethod.Learned), NewsPipeline.CreateDefault().Process(Article) })
        {
            output.WriteLine(Dump.Events(doc));
            string Name(string id) => doc.FindEntity(id)!.Canonical;
            var visit = Assert.Single(doc.Events);
            Assert.Equal("Vladimir Poutine", Name(Assert.Single(visit.Participants, p => p.Role == ParticipantRole.Host).EntityId));
            Assert.Contains(visit.Participants, p => p.Role == ParticipantRole.Guest && Name(p.EntityId) == "Ahmad al-Chaar");
            Assert.DoesNotContain(visit.Participants, p => Name(p.EntityId) is "Asaad al-Shaybani" or "Mourhaf Abu Qasra");
            Assert.Equal(MeetingSubtype.HostVisit, visit.Subtype);
            Assert.Equal(EventStatus.Reported, visit.Status);
            Assert.Equal("Kremlin", visit.Location?.Text);
            Assert.Equal("mercredi", visit.Date?.Text);
            Assert.InRange(visit.Confidence, 0.5f, 1f);
            Assert.Contains(visit.Cameo, c => c.Code is "042" or "036" && Name(c.SourceEntityId!) == "Ahmad al-Chaar" && Name(c.TargetEntityId!) == "Vladimir Poutine");
        }
    }

    [Theory]
    [InlineData("Emmanuel Macron a reçu mercredi à l'Élysée le président Macky Sall, accompagné du ministre Amadou Ba et du ministre Aïssata Tall Sall.")]
    [InlineData("Macky Sall, accompagné du ministre Amadou Ba et du ministre Aïssata Tall Sall, s'est entretenu mercredi avec Emmanuel Macron à l'Élysée.")]
    public void The_learned_decisions_keep_those_who_accompany_a_visitor_in_the_delegation(string text)
    {
        const string names = "PER: Macky Sall | Amadou Ba | Aïssata Tall Sall | Emmanuel Macron; LOC: Paris | Élysée";
        var doc = TestPipelines.Process(text, names, new DateOnly(2024, 3, 14), EventMethod.Learned);
        output.WriteLine(Dump.Events(doc));
        string Name(string id) => doc.FindEntity(id)!.Canonical;
        var visit = Assert.Single(doc.Events);
        Assert.Equal(["Emmanuel Macron", "Macky Sall"], visit.Participants.Select(p => Name(p.EntityId)).Order(StringComparer.Ordinal));
        Assert.Equal(["Amadou Ba", "Aïssata Tall Sall"], visit.Delegation.Select(Name).Order(StringComparer.Ordinal));
    }

    private void AssertReferenceEvent(Document doc)
    {
        output.WriteLine(Dump.Entities(doc));
        output.WriteLine(Dump.Events(doc));
        var meeting = Assert.Single(doc.Events);
        Assert.Equal(MeetingSubtype.HostVisit, meeting.Subtype);
        Assert.Equal(EventStatus.Reported, meeting.Status);

        string Name(string id) => doc.FindEntity(id)!.Canonical;
        var host = Assert.Single(meeting.Participants, p => p.Role == ParticipantRole.Host);
        var guest = Assert.Single(meeting.Participants, p => p.Role == ParticipantRole.Guest);
        Assert.Equal("Vladimir Poutine", Name(host.EntityId));
        Assert.Equal("Ahmad al-Chaar", Name(guest.EntityId));
        Assert.DoesNotContain(meeting.Participants, p => Name(p.EntityId) == "Bachar al-Assad");
        Assert.Equal(["Asaad al-Shaybani", "Mourhaf Abu Qasra"], meeting.Delegation.Select(Name).Order());

        Assert.Equal("Kremlin", meeting.Location?.Text);
        Assert.Contains(meeting.Places, p => p.Text == "Moscou");
        Assert.Equal("mercredi", meeting.Date?.Text);
        Assert.Null(meeting.Date?.Value); // the article has no publication date
        Assert.Contains(meeting.Topics, t => t.Text.Contains("Hmeimim", StringComparison.Ordinal) && t.Text.Contains("Tartous", StringComparison.Ordinal));

        Assert.Contains(meeting.Cameo, c => c.Code == "042" && Name(c.SourceEntityId!) == "Ahmad al-Chaar" && Name(c.TargetEntityId!) == "Vladimir Poutine");
        Assert.Contains(meeting.Cameo, c => c.Code == "043" && Name(c.SourceEntityId!) == "Vladimir Poutine" && Name(c.TargetEntityId!) == "Ahmad al-Chaar");
        Assert.Equal("CONSULT", meeting.Plover?.Category);
        Assert.Equal("visit", meeting.Plover?.Mode);
    }

    [Fact]
    public void Links_the_people_of_the_article()
    {
        var doc = Process();
        output.WriteLine(Dump.Entities(doc));
        Entity Named(string canonical) => Assert.Single(doc.Entities, e => e.Canonical == canonical);

        var poutine = Named("Vladimir Poutine");
        Assert.Equal(EntityType.Person, poutine.Type);
        Assert.Contains("Poutine", poutine.Mentions.Select(m => doc.GetText(m)));
        Assert.Contains("président", poutine.Roles);
        Assert.Equal("RU", poutine.Country);
        Assert.Equal("RUSGOV", poutine.ActorCode);
        Assert.Contains(poutine.Mentions, m => m.Kind == MentionKind.Nominal && doc.GetText(m) == "Le président russe");

        var chaar = Named("Ahmad al-Chaar");
        Assert.Equal(["Ahmad al-Chaar", "Al-Chaar", "al-Chaar"], chaar.Mentions.Where(m => m.Kind == MentionKind.Name).Select(m => doc.GetText(m)).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("SY", chaar.Country);
        Assert.Equal("SYRGOV", chaar.ActorCode);
        Assert.Contains(chaar.Mentions, m => m.Kind == MentionKind.Nominal && doc.GetText(m) == "le président syrien");

        var assad = Named("Bachar al-Assad");
        Assert.Contains("ancien président", assad.Roles);
        Assert.Equal("SY", assad.Country);
        Assert.DoesNotContain(assad.Mentions, m => m.Kind == MentionKind.Nominal);

        var shaybani = Named("Asaad al-Shaybani");
        Assert.Contains("ministre des affaires étrangères", shaybani.Roles);
        Assert.Equal("SY", shaybani.Country);

        Assert.Equal("RU", Named("Moscou").Country);
        Assert.Equal("building", Named("Kremlin").Kind);
        Assert.Equal("country", Named("Syrie").Kind);
        Assert.Equal("news_agency", Named("Reuters").Kind);
    }
}
