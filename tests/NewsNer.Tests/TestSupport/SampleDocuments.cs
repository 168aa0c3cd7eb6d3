using System.Collections.Immutable;
using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Sentences;

namespace NewsNer.Tests.TestSupport;

/// <summary>
/// Documents built by hand with every model member set, so serializers and renderers are tested on full documents
/// before the entity and event stages exist. <see cref="Full"/> sets every settable member of every model type to a
/// non-default value somewhere (checked by a test): a member added later must be added here, then to the JSON.
/// </summary>
internal static class SampleDocuments
{
    public const string FullText =
        "Poutine reçoit al-Chaar au Kremlin\n\n"
        + "Le président russe Vladimir Poutine a accueilli mercredi au Kremlin son homologue syrien Ahmad al-Chaar, accompagné du ministre Assaad al-Chaibani. "
        + "Ils ont discuté de la coopération entre Moscou et Damas. 😀\u0001 \"fin\" \\ et \uD800 là.\n\n"
        + "Les deux dirigeants s'étaient parlé au téléphone en mai.";

    public static Document Full()
    {
        var text = FullText;
        var processed = NewsPipeline.CreateDefault().Process(text);
        var tokens = processed.Tokens;
        var sentences = processed.Sentences;

        EntityMention Mention(string surface, EntityType type, int occurrence = 0, MentionKind kind = MentionKind.Name, float confidence = 0.875f)
        {
            var start = -1;
            for (var i = 0; i <= occurrence; i++)
            {
                start = text.IndexOf(surface, start + 1, StringComparison.Ordinal);
            }

            Assert.True(start >= 0, surface);
            var end = start + surface.Length;
            var first = 0;
            while (first < tokens.Length && tokens[first].End <= start)
            {
                first++;
            }

            var last = first;
            while (last < tokens.Length && tokens[last].Start < end)
            {
                last++;
            }

            var sentence = 0;
            while (sentence + 1 < sentences.Length && sentences[sentence + 1].Start <= start)
            {
                sentence++;
            }

            return new EntityMention(start, end, first, last - first, type, sentence, confidence, kind);
        }

        EventArgument Argument(string surface, string? entity = null)
        {
            var start = text.IndexOf(surface, StringComparison.Ordinal);
            return new EventArgument(surface, start, start + surface.Length, entity);
        }

        var entities = ImmutableArray.Create(
            new Entity
            {
                Id = "e1",
                Type = EntityType.Person,
                Canonical = "Vladimir Poutine",
                Mentions = [Mention("Poutine", EntityType.Person), Mention("Le président russe", EntityType.Person, kind: MentionKind.Nominal, confidence: 0.5f), Mention("Vladimir Poutine", EntityType.Person)],
                Roles = ["président"],
                Country = "RU",
                ActorCode = "RUSGOV",
                Confidence = 0.9375f,
            },
            new Entity
            {
                Id = "e2",
                Type = EntityType.Location,
                Canonical = "Kremlin",
                Mentions = [Mention("Kremlin", EntityType.Location), Mention("Kremlin", EntityType.Organization, occurrence: 1)],
                Country = "RU",
                Kind = "building",
            },
            new Entity
            {
                Id = "e3",
                Type = EntityType.Person,
                Canonical = "Ahmad al-Chaar",
                Mentions = [Mention("al-Chaar", EntityType.Person), Mention("Ahmad al-Chaar", EntityType.Person)],
                Roles = ["président"],
                Country = "SY",
                ActorCode = "SYRGOV",
            },
            new Entity
            {
                Id = "e4",
                Type = EntityType.Person,
                Canonical = "Assaad al-Chaibani",
                Mentions = [Mention("Assaad al-Chaibani", EntityType.Person)],
                Roles = ["ministre"],
            },
            new Entity { Id = "e5", Type = EntityType.Location, Canonical = "Moscou", Mentions = [Mention("Moscou", EntityType.Location)], Kind = "city", Country = "RU" },
            new Entity { Id = "e6", Type = EntityType.Misc, Canonical = "😀", Mentions = [Mention("😀", EntityType.Misc, confidence: 0.25f)] });

        var evidence = sentences.Length > 1 ? new TextSpan(sentences[1].Start, sentences[1].End) : new TextSpan(0, text.Length);
        var events = ImmutableArray.Create(
            new MeetingEvent
            {
                Id = "v1",
                Subtype = MeetingSubtype.HostVisit,
                Status = EventStatus.Reported,
                Participants = [new EventParticipant("e1", ParticipantRole.Host), new EventParticipant("e3", ParticipantRole.Guest)],
                Delegation = ["e4"],
                Location = Argument("Kremlin", "e2"),
                Places = [Argument("Kremlin", "e2"), Argument("Moscou", "e5")],
                Date = new EventDate("mercredi", text.IndexOf("mercredi", StringComparison.Ordinal), text.IndexOf("mercredi", StringComparison.Ordinal) + 8, "2025-10-15"),
                Topics = [Argument("la coopération entre Moscou et Damas")],
                Trigger = Argument("a accueilli"),
                Evidence = [evidence],
                Confidence = 0.9f,
                Cameo = [new CameoCode("042", "e3", "e1", "SYRGOV", "RUSGOV"), new CameoCode("043", "e1", "e3", "RUSGOV", "SYRGOV")],
                Plover = new PloverCode("CONSULT", "visit", "e3", "e1", "SYRGOV", "RUSGOV"),
            },
            new MeetingEvent
            {
                Id = "v2",
                Subtype = MeetingSubtype.PhoneCall,
                Status = EventStatus.Past,
                Participants = [new EventParticipant("e1", ParticipantRole.Participant), new EventParticipant("e3", ParticipantRole.Mediator)],
                Date = new EventDate("en mai", text.IndexOf("en mai", StringComparison.Ordinal), text.IndexOf("en mai", StringComparison.Ordinal) + 6, null),
                Evidence = [new TextSpan(text.IndexOf("Les deux", StringComparison.Ordinal), text.Length)],
                Confidence = 0.5f,
            });

        return new Document(
            text,
            tokens,
            sentences,
            entities,
            events,
            "articles/2025/poutine.txt",
            new DateOnly(2025, 10, 15),
            new Dictionary<string, string> { ["title"] = "Poutine reçoit al-Chaar au Kremlin", ["url"] = "https://example.org/a?b=1&c=\"2\"" });
    }

    /// <summary>A document with only text, tokens and sentences, as the pipeline makes it today.</summary>
    public static Document Plain(string text) => NewsPipeline.CreateDefault().Process(text);

    public static ImmutableArray<Sentence> NoSentences => [];
}
