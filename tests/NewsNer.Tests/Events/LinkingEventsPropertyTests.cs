using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NewsNer.Entities;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Events;

/// <summary>A random text made of meeting phrases, names, function words and hostile characters.</summary>
public sealed record MeetingLikeText(string Value)
{
    /// <inheritdoc />
    public override string ToString() => string.Concat(Value.Select(c => c < 0x20 || char.IsSurrogate(c) || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));
}

/// <summary>FsCheck generators for <see cref="MeetingLikeText"/>.</summary>
public static class MeetingTextGenerators
{
    private static readonly string[] s_fragments =
    [
        "Vladimir Poutine", "Poutine", "Ahmad al-Chaar", "al-Chaar", "Kremlin", "Moscou", "ONU", "Nations unies", "CENA",
        " le président russe ", " son homologue syrien ", " le chef de la diplomatie ", " a reçu ", " a accueilli ", " s'est entretenu avec ",
        " a rencontré ", " se sont rencontrés ", " rencontrera ", " doit se rendre ", " se rendra ", " visite ", " sommet ", " entretien téléphonique ",
        " négociations ", " pourparlers ", " en marge du ", " accompagné de ", " en présence de ", " à l'invitation de ", " portant sur ",
        " ont évoqué ", " n'a pas ", " a annulé ", " aucune ", " mardi ", " aujourd'hui, mercredi, ", " le 15 octobre ", " la semaine prochaine ",
        " l'an dernier ", " il y a deux ans ", " à ", " au ", " en ", " de ", " du ", " et ", " qui ", " où ", " que ", " les deux ", " ils ", " il ",
        ", ", ". ", " : ", " - ", " (", ") ", "«", "»", "'", "’", "\n", "\n\n", "\u0000", "\uD800", "😀", "\u00A0", "<p>",
    ];

    /// <summary>Texts of up to a few dozen fragments.</summary>
    public static Arbitrary<MeetingLikeText> MeetingLikeText() =>
        Gen.Elements(s_fragments).ArrayOf().Select(parts => new MeetingLikeText(string.Concat(parts))).ToArbitrary();
}

/// <summary>Linking and events never fail and only point inside the text and to their own entities.</summary>
public class LinkingEventsPropertyTests
{
    private const string Names = "PER: Vladimir Poutine | Poutine | Ahmad al-Chaar | al-Chaar; LOC: Kremlin | Moscou; ORG: ONU | Nations unies | CENA";
    private static readonly NewsPipeline s_rules = TestPipelines.WithNames(Names, EventMethod.Rules);
    private static readonly NewsPipeline s_learned = TestPipelines.WithNames(Names, EventMethod.Learned);

    [Property(Arbitrary = [typeof(MeetingTextGenerators)], MaxTest = 500)]
    public void Every_span_and_reference_is_valid(MeetingLikeText input)
    {
        AssertValid(input.Value, s_rules);
        AssertValid(input.Value, s_learned);
    }

    private static void AssertValid(string text, NewsPipeline pipeline)
    {
        var doc = pipeline.Process(text, new DocumentOptions { PublicationDate = new DateOnly(2025, 10, 15) });
        var ids = doc.Entities.Select(e => e.Id).ToHashSet();
        Assert.Equal(doc.Entities.Length, ids.Count);
        foreach (var entity in doc.Entities)
        {
            Assert.NotEmpty(entity.Mentions);
            Assert.All(entity.Mentions, m => Assert.InRange(m.End, m.Start + 1, text.Length));
        }

        foreach (var meeting in doc.Events)
        {
            Assert.NotEmpty(meeting.Participants);
            Assert.All(meeting.Participants, p => Assert.Contains(p.EntityId, ids));
            Assert.All(meeting.Delegation, d => Assert.Contains(d, ids));
            Assert.All(meeting.Cameo, c => Assert.True(c.SourceEntityId is null || ids.Contains(c.SourceEntityId)));
            foreach (var argument in meeting.Places.Concat(meeting.Topics).Append(meeting.Trigger!))
            {
                Assert.Equal(argument.Text, text[argument.Start..argument.End]);
            }

            if (meeting.Date is { } date)
            {
                Assert.Equal(date.Text, text[date.Start..date.End]);
            }

            Assert.All(meeting.Evidence, e => Assert.InRange(e.End, e.Start, text.Length));
            Assert.InRange(meeting.Confidence, 0f, 1f);
        }
    }

    [Fact]
    public void A_long_document_of_repeated_articles_is_processed()
    {
        // 200 copies of the reference article in one text (about 600 KB): every name repeats hundreds of times.
        var article = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt"));
        var text = string.Join("\n\n", Enumerable.Repeat(article, 200));
        foreach (var method in new[] { EventMethod.Rules, EventMethod.Learned })
        {
            var doc = TestPipelines.Process(text, Names, events: method);
            Assert.Contains(doc.Entities, e => e.Canonical == "Vladimir Poutine" && e.Type == EntityType.Person);
            Assert.NotEmpty(doc.Events);
        }
    }
}
