using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Serialization;

public class NewsJsonRoundTripTests
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Full_document_round_trips(bool indented)
    {
        var document = SampleDocuments.Full();
        var json = NewsJson.Serialize(document, new NewsJsonOptions { Indented = indented });
        DeepAssert.Equal(document, NewsJson.Deserialize(json));
    }

    [Fact]
    public void Round_trip_through_a_utf8_file_keeps_every_character()
    {
        var document = SampleDocuments.Full();
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, s_strictUtf8, leaveOpen: true))
        {
            NewsJson.Write(writer, document);
        }

        stream.Position = 0;
        using var reader = new StreamReader(stream, s_strictUtf8);
        DeepAssert.Equal(document, NewsJson.Read(reader));
    }

    [Fact]
    public void Serialize_is_deterministic_and_stable_after_a_round_trip()
    {
        var document = SampleDocuments.Full();
        var once = NewsJson.Serialize(document);
        Assert.Equal(once, NewsJson.Serialize(document));
        Assert.Equal(once, NewsJson.Serialize(NewsJson.Deserialize(once)));
    }

    [Fact]
    public void Without_tokens_the_rest_round_trips_and_token_ranges_are_zero()
    {
        var document = SampleDocuments.Full();
        var json = NewsJson.Serialize(document, new NewsJsonOptions { IncludeTokens = false });
        Assert.DoesNotContain("\"tokens\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"firstToken\"", json, StringComparison.Ordinal);

        var back = NewsJson.Deserialize(json);
        Assert.Empty(back.Tokens);
        Assert.Equal(document.Sentences.Select(s => (s.Start, s.End)), back.Sentences.Select(s => (s.Start, s.End)));
        Assert.All(back.Sentences, s => Assert.Equal((0, 0), (s.FirstToken, s.TokenCount)));
        Assert.All(back.Entities.SelectMany(e => e.Mentions), m => Assert.Equal((0, 0), (m.FirstToken, m.TokenCount)));
        DeepAssert.Equal(document.Events, back.Events, "events");
        DeepAssert.Equal(
            document.Entities.Select(e => e.Mentions.Select(m => (m.Start, m.End, m.Sentence, m.Type, m.Kind, m.Confidence)).ToList()).ToList(),
            back.Entities.Select(e => e.Mentions.Select(m => (m.Start, m.End, m.Sentence, m.Type, m.Kind, m.Confidence)).ToList()).ToList(),
            "mentions");
        Assert.Equal(document.Text, back.Text);
        Assert.Equal(document.Metadata, back.Metadata);
    }

    // Indexed rather than inlined: xunit shows lone surrogates as U+FFFD, so inline cases would collide.
    private static readonly string[] s_escapingTexts =
    [
        "\uD800",
        "\uDC00",
        "a\uDBFFb",
        "\uDC00\uD800",
        "\uD800\uD800\uDC00",
        "fin \uD83D",
        "\uDE00 début",
        "texte \\uD800 littéral",
        "\\\uD800",
        "\u0000\u0001\u001F\u007F\u0085\u2028\u2029\uFEFF\uFFFE\uFFFF",
        "« guillemets » “anglais” \"droits\" l’apostrophe 😀 👨‍👩‍👧",
    ];

    public static readonly TheoryData<int> EscapingCases = new(Enumerable.Range(0, s_escapingTexts.Length));

    [Theory]
    [MemberData(nameof(EscapingCases))]
    public void Lone_surrogates_and_control_characters_survive_escaping(int index)
    {
        var text = s_escapingTexts[index];
        var document = SampleDocuments.Plain(text);
        var json = NewsJson.Serialize(document);

        // The JSON itself is valid UTF-16 (lone surrogates escaped), so it encodes to UTF-8 without loss.
        var bytes = s_strictUtf8.GetBytes(json);
        var back = NewsJson.Read(new StreamReader(new MemoryStream(bytes), s_strictUtf8));
        Assert.Equal(text, back.Text);
        DeepAssert.Equal(document, back);
        Assert.DoesNotContain('\u2028', json);
        Assert.DoesNotContain('\u0001', json);
    }

    [Fact]
    public void Escaped_lone_surrogate_is_read_back_from_foreign_json()
    {
        var back = NewsJson.Deserialize("{\"schema\":\"newsner/1\",\"text\":\"x\\ud800y\\udc00z\\ud83d\\ude00\"}");
        Assert.Equal("x\uD800y\uDC00z\uD83D\uDE00", back.Text);
    }

    [Property(Arbitrary = [typeof(NastyStrings)], MaxTest = 300)]
    public bool Any_text_round_trips(string text)
    {
        var document = SampleDocuments.Plain(text);
        var json = NewsJson.Serialize(document);
        var back = NewsJson.Read(new StreamReader(new MemoryStream(s_strictUtf8.GetBytes(json)), s_strictUtf8));
        DeepAssert.Equal(document, back);
        return back.Text == text;
    }

    [Fact]
    public void Fixture_sets_every_member_of_every_model_type()
    {
        // Guards the round-trip tests: a member nobody sets in the fixture would pass them even if the JSON dropped it.
        var document = SampleDocuments.Full();
        var entities = document.Entities;
        var mentions = entities.SelectMany(e => e.Mentions).Cast<object>().ToList();
        var events = document.Events;
        var arguments = events.SelectMany(e => e.Places.Concat(e.Topics).Append(e.Location).Append(e.Trigger)).Where(a => a is not null).Cast<object>().ToList();
        var samples = new Dictionary<Type, List<object>>
        {
            [typeof(Entity)] = [.. entities],
            [typeof(EntityMention)] = mentions,
            [typeof(MeetingEvent)] = [.. events],
            [typeof(EventParticipant)] = [.. events.SelectMany(e => e.Participants).Cast<object>()],
            [typeof(EventArgument)] = arguments,
            [typeof(EventDate)] = [.. events.Select(e => e.Date).Where(d => d is not null).Cast<object>()],
            [typeof(CameoCode)] = [.. events.SelectMany(e => e.Cameo)],
            [typeof(PloverCode)] = [.. events.Select(e => e.Plover).Where(p => p is not null).Cast<object>()],
        };

        foreach (var (type, instances) in samples)
        {
            Assert.NotEmpty(instances);
            foreach (var property in DeepAssert.PublicProperties(type).Where(p => p.SetMethod is not null))
            {
                Assert.True(
                    instances.Any(i => !IsDefault(property.GetValue(i))),
                    $"{type.Name}.{property.Name} is never set in SampleDocuments.Full(): set it there, then write and read it in Serialization/.");
            }
        }

        Assert.NotEmpty(document.Metadata);
        Assert.NotNull(document.Source);
        Assert.NotNull(document.PublicationDate);
    }

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        System.Collections.IEnumerable e => !e.Cast<object>().Any(),
        Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) == 0,
        int i => i == 0,
        _ when !value.GetType().IsValueType => false,
        float f => f == 0f || f == 1f,
        _ => value.Equals(Activator.CreateInstance(value.GetType())),
    };

    public static class NastyStrings
    {
        private static readonly char[] s_chars =
        [
            'a', 'É', 'é', ' ', ' ', '\n', '\r', '\t', '\0', '\u001F', '"', '\\', 'u', 'D', '8', '0', 'c', '.', '\'', '’',
            '«', '»', '-', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00', '\u2028', '\u0085', '\uFEFF', '<', '&',
        ];

        public static Arbitrary<string> Strings() =>
            Gen.Elements(s_chars).ArrayOf().Select(chars => new string(chars)).ToArbitrary();
    }
}
