using NewsNer.Events;
using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TokenKind = NewsNer.Tokenization.TokenKind;

namespace NewsNer.Tests.Serialization;

public class NewsJsonSchemaTests
{
    private static JObject Parse(string json) =>
        JObject.Load(new JsonTextReader(new LoneSurrogateUnescapingReader(new StringReader(json), leaveOpen: false)) { DateParseHandling = DateParseHandling.None });

    [Fact]
    public void Contract_field_names_and_values_are_those_of_issue_2()
    {
        var json = Parse(NewsJson.Serialize(SampleDocuments.Full()));
        Assert.Equal("newsner/1", (string?)json["schema"]);
        Assert.Equal("articles/2025/poutine.txt", (string?)json["source"]);
        Assert.Equal("fr", (string?)json["language"]);
        Assert.Equal("2025-10-15", (string?)json["publicationDate"]);
        Assert.Equal(SampleDocuments.FullText, (string?)json["text"]);

        var sentence = (JObject)json["sentences"]![0]!;
        Assert.Equal(["start", "end", "firstToken", "tokenCount"], sentence.Properties().Select(p => p.Name));

        var token = (JObject)json["tokens"]![0]!;
        Assert.Equal(["start", "end", "text", "kind", "norm"], token.Properties().Select(p => p.Name));
        Assert.Equal("word", (string?)token["kind"]);
        Assert.Equal("poutine", (string?)token["norm"]);

        var entity = (JObject)json["entities"]![0]!;
        Assert.Equal("e1", (string?)entity["id"]);
        Assert.Equal("PER", (string?)entity["type"]);
        Assert.Equal("Vladimir Poutine", (string?)entity["canonical"]);
        Assert.Equal(["président"], entity["roles"]!.Select(r => (string?)r));
        Assert.Equal("RUSGOV", (string?)entity["actorCode"]);
        var mention = (JObject)entity["mentions"]![0]!;
        Assert.Equal(0, (int)mention["start"]!);
        Assert.Equal(7, (int)mention["end"]!);
        Assert.Equal("Poutine", (string?)mention["text"]);
        Assert.Equal(0, (int)mention["sentence"]!);
        Assert.Equal("name", (string?)mention["kind"]);
        Assert.Equal("nominal", (string?)entity["mentions"]![1]!["kind"]);
        Assert.Null(mention["type"]);
        Assert.Equal("ORG", (string?)json["entities"]![1]!["mentions"]![1]!["type"]);
        Assert.Equal(["PER", "LOC", "PER", "PER", "LOC", "MISC"], json["entities"]!.Select(e => (string?)e["type"]));

        var meeting = (JObject)json["events"]![0]!;
        Assert.Equal("v1", (string?)meeting["id"]);
        Assert.Equal("MEETING", (string?)meeting["type"]);
        Assert.Equal("host_visit", (string?)meeting["subtype"]);
        Assert.Equal("reported", (string?)meeting["status"]);
        Assert.Equal(0.9, (double)meeting["confidence"]!, 6);
        Assert.Equal([("e1", "host"), ("e3", "guest")], meeting["participants"]!.Select(p => ((string?)p["entity"], (string?)p["role"])));
        Assert.Equal("Kremlin", (string?)meeting["location"]!["text"]);
        Assert.Equal("e2", (string?)meeting["location"]!["entity"]);
        Assert.Equal("mercredi", (string?)meeting["date"]!["text"]);
        Assert.Equal("2025-10-15", (string?)meeting["date"]!["value"]);
        var evidence = (JObject)meeting["evidence"]![0]!;
        Assert.Equal(SampleDocuments.FullText[(int)evidence["start"]!..(int)evidence["end"]!], (string?)evidence["text"]);
        Assert.Equal("042", (string?)meeting["cameo"]![0]!["code"]);
        Assert.Equal("CONSULT", (string?)meeting["plover"]!["category"]);
        Assert.Equal("visit", (string?)meeting["plover"]!["mode"]);

        var call = (JObject)json["events"]![1]!;
        Assert.Equal("phone_call", (string?)call["subtype"]);
        Assert.Equal("past", (string?)call["status"]);
        Assert.Equal("mediator", (string?)call["participants"]![1]!["role"]);
        Assert.Equal(JTokenType.Null, call["location"]!.Type);
        Assert.Equal(JTokenType.Null, call["plover"]!.Type);
        Assert.Equal(JTokenType.Null, call["date"]!["value"]!.Type);
    }

    [Fact]
    public void Enum_names_are_snake_case()
    {
        Assert.Equal("host_visit", JsonNames<MeetingSubtype>.Get(MeetingSubtype.HostVisit));
        Assert.Equal("make_visit", JsonNames<MeetingSubtype>.Get(MeetingSubtype.MakeVisit));
        Assert.Equal("third_location", JsonNames<MeetingSubtype>.Get(MeetingSubtype.ThirdLocation));
        Assert.Equal("phone_call", JsonNames<MeetingSubtype>.Get(MeetingSubtype.PhoneCall));
        Assert.Equal(["word", "number", "punctuation", "symbol", "url", "email", "hashtag", "mention"], Enum.GetValues<TokenKind>().Select(JsonNames<TokenKind>.Get));
        Assert.Equal(["participant", "host", "guest", "mediator"], Enum.GetValues<ParticipantRole>().Select(JsonNames<ParticipantRole>.Get));
        Assert.True(JsonNames<MeetingSubtype>.TryParse("HOST_VISIT", out var subtype));
        Assert.Equal(MeetingSubtype.HostVisit, subtype);
    }

    [Fact]
    public void Empty_document_has_every_top_level_field()
    {
        var json = Parse(NewsJson.Serialize(SampleDocuments.Plain("")));
        Assert.Equal(
            ["schema", "source", "language", "warnings", "publicationDate", "metadata", "text", "sentences", "tokens", "entities", "events"],
            json.Properties().Select(p => p.Name));
        Assert.Equal(JTokenType.Null, json["source"]!.Type);
        Assert.Equal(JTokenType.Null, json["publicationDate"]!.Type);
    }

    [Fact]
    public void Output_matches_the_published_json_schema()
    {
        var schema = JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "newsner-1.schema.json")));
        foreach (var options in new[] { new NewsJsonOptions(), new NewsJsonOptions { IncludeTokens = false } })
        {
            var json = Parse(NewsJson.Serialize(SampleDocuments.Full(), options));
            var problems = MiniJsonSchema.Validate(schema, json);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        var error = new StringWriter();
        using (var lines = new NewsJsonLinesWriter(error))
        {
            lines.WriteError("a.txt", "boom");
        }

        var errorProblems = MiniJsonSchema.Validate(schema, Parse(error.ToString()));
        Assert.True(errorProblems.Count == 0, string.Join("\n", errorProblems));
    }

    [Fact]
    public void Schema_validator_catches_undocumented_and_mistyped_fields()
    {
        var schema = JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "newsner-1.schema.json")));
        var json = Parse(NewsJson.Serialize(SampleDocuments.Full()));
        json["entities"]![0]!["surprise"] = 1;
        json["events"]![0]!["confidence"] = "high";
        var problems = MiniJsonSchema.Validate(schema, json);
        Assert.Contains(problems, p => p.Contains("surprise", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("confidence", StringComparison.Ordinal));
    }
}
