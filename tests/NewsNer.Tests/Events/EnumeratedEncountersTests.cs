using NewsNer.Events;
using NewsNer.Tests.TestSupport;
using Xunit.Abstractions;

namespace NewsNer.Tests.Events;

/// <summary>
/// One subject meeting a list of persons in one clause is one encounter per person (the convention most events-train
/// articles follow); a passive reception by several hosts or a summit stays one encounter. Sentences written for this test.
/// </summary>
public class EnumeratedEncountersTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string, string[]> Enumerations() => new()
    {
        {
            "Le président kényan William Ruto a rencontré mardi à Nairobi le Premier ministre éthiopien Abiy Ahmed, le président somalien Hassan Cheikh Mohamoud et le président djiboutien Ismaïl Omar Guelleh.",
            "PER: William Ruto | Abiy Ahmed | Hassan Cheikh Mohamoud | Ismaïl Omar Guelleh; LOC: Nairobi",
            "William Ruto",
            ["Abiy Ahmed", "Hassan Cheikh Mohamoud", "Ismaïl Omar Guelleh"]
        },
        {
            "En visite à Tokyo, la ministre allemande Annalena Baerbock a rencontré jeudi le Premier ministre Fumio Kishida, la ministre des Affaires étrangères Yoko Kamikawa et le ministre de la Défense Minoru Kihara.",
            "PER: Annalena Baerbock | Fumio Kishida | Yoko Kamikawa | Minoru Kihara; LOC: Tokyo",
            "Annalena Baerbock",
            ["Fumio Kishida", "Minoru Kihara", "Yoko Kamikawa"]
        },
    };

    [Theory]
    [MemberData(nameof(Enumerations))]
    public void A_subject_meeting_a_list_of_persons_meets_each_of_them(string text, string names, string subject, string[] persons)
    {
        var doc = TestPipelines.Process(text, names, new DateOnly(2024, 5, 10), EventMethod.Learned);
        output.WriteLine(Dump.Events(doc));
        string Name(string id) => doc.FindEntity(id)!.Canonical;

        var pairs = doc.Events.Select(e => e.Participants.Select(p => Name(p.EntityId)).ToArray()).ToList();
        Assert.All(pairs, pair => Assert.Equal(2, pair.Length));
        Assert.All(pairs, pair => Assert.Contains(subject, pair));
        Assert.All(doc.Events, e => Assert.Equal(EventStatus.Reported, e.Status));
        Assert.Equal(persons, pairs.Select(pair => pair.Single(n => n != subject)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_later_mention_of_all_the_parties_keeps_the_encounters_apart()
    {
        var doc = TestPipelines.Process(
            "Le président kényan William Ruto a rencontré mardi à Nairobi le Premier ministre éthiopien Abiy Ahmed, le président somalien Hassan Cheikh Mohamoud et le président djiboutien Ismaïl Omar Guelleh. "
            + "Lors de ces entretiens, William Ruto, Abiy Ahmed, Hassan Cheikh Mohamoud et Ismaïl Omar Guelleh ont discuté de la sécurité dans la Corne de l'Afrique.",
            "PER: William Ruto | Abiy Ahmed | Hassan Cheikh Mohamoud | Ismaïl Omar Guelleh; LOC: Nairobi | Corne de l'Afrique",
            new DateOnly(2024, 5, 10),
            EventMethod.Learned);
        output.WriteLine(Dump.Events(doc));

        Assert.Equal(3, doc.Events.Length);
    }

    [Fact]
    public void A_guest_received_by_several_hosts_in_the_passive_is_one_encounter()
    {
        var doc = TestPipelines.Process(
            "Arrivé lundi à Dakar, le président gambien Adama Barrow a été reçu par le président Macky Sall, le Premier ministre Amadou Ba et la ministre des Affaires étrangères Aïssata Tall Sall.",
            "PER: Adama Barrow | Macky Sall | Amadou Ba | Aïssata Tall Sall; LOC: Dakar",
            new DateOnly(2023, 6, 14),
            EventMethod.Learned);
        output.WriteLine(Dump.Events(doc));

        var visit = Assert.Single(doc.Events);
        Assert.Equal(4, visit.Participants.Length);
    }
}
