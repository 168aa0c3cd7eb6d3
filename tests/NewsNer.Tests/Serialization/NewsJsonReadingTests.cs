using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;
using Newtonsoft.Json;

namespace NewsNer.Tests.Serialization;

public class NewsJsonReadingTests
{
    [Theory]
    [InlineData("[]", "must be an object")]
    [InlineData("", "empty input")]
    [InlineData("{\"schema\":\"newsner/2\",\"text\":\"a\"}", "newsner/2")]
    [InlineData("{\"schema\":\"newsner/1\"}", "no 'text'")]
    [InlineData("{\"schema\":\"newsner/1\",\"source\":\"a.txt\",\"error\":{\"message\":\"boom\"}}", "error record for 'a.txt'")]
    [InlineData("{\"text\":\"abc\",\"tokens\":[{\"start\":0,\"end\":2,\"text\":\"xy\",\"kind\":\"word\"}]}", "has text 'xy'")]
    [InlineData("{\"text\":\"abc\",\"tokens\":[{\"start\":0,\"end\":9,\"kind\":\"word\"}]}", "outside")]
    [InlineData("{\"text\":\"abc\",\"tokens\":[{\"start\":0,\"end\":2,\"kind\":\"wurd\"}]}", "'wurd'")]
    [InlineData("{\"text\":\"abc\",\"entities\":[{\"id\":\"e1\",\"type\":\"XYZ\",\"canonical\":\"a\",\"mentions\":[]}]}", "'XYZ'")]
    [InlineData("{\"text\":\"abc\",\"entities\":[{\"id\":\"e1\",\"type\":\"PER\",\"canonical\":\"a\",\"mentions\":[{\"start\":2,\"end\":7}]}]}", "outside the text")]
    [InlineData("{\"text\":\"a\\ud83d\\ude00b\",\"entities\":[{\"id\":\"e1\",\"type\":\"PER\",\"canonical\":\"b\",\"mentions\":[{\"start\":2,\"end\":4}]}]}", "cuts a character")]
    [InlineData("{\"text\":\"a\\ud83d\\ude00b\",\"tokens\":[{\"start\":0,\"end\":2,\"kind\":\"word\"}]}", "cuts a character")]
    [InlineData("{\"text\":\"abc\",\"publicationDate\":\"15/10/2025\"}", "publicationDate")]
    [InlineData("{\"text\":\"abc\",\"sentences\":{}}", "an array")]
    [InlineData("{\"text\":\"abc\",\"sentences\":[{\"start\":\"0\"}]}", "an integer")]
    [InlineData("{\"text\":\"abc\"", "more JSON")]
    public void Invalid_input_gives_a_json_exception_that_says_why(string json, string expected)
    {
        var error = Assert.ThrowsAny<JsonException>(() => NewsJson.Deserialize(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_throw()
    {
        Assert.Throws<ArgumentNullException>(() => NewsJson.Deserialize(null!));
        Assert.Throws<ArgumentNullException>(() => NewsJson.Serialize(null!));
        Assert.Throws<ArgumentNullException>(() => NewsJson.Write((TextWriter)null!, SampleDocuments.Plain("a")));
        Assert.Throws<ArgumentNullException>(() => NewsJson.Read((TextReader)null!));
    }

    [Fact]
    public void Foreign_json_in_any_order_with_unknown_fields_and_no_token_indices_is_read()
    {
        const string json = """
            {
              "events": [],
              "future": {"nested": [1, 2, {"x": null}]},
              "tokens": [ {"kind": "word", "end": 2, "start": 0}, {"start": 3, "end": 8, "kind": "word", "extra": true} ],
              "entities": [ {"mentions": [ {"end": 8, "start": 3, "sentence": 0} ], "canonical": "Paris", "type": "loc", "id": "e1"} ],
              "sentences": [ {"end": 8, "start": 0} ],
              "text": "Il Paris",
              "publicationDate": "2024-02-29"
            }
            """;
        var document = NewsJson.Deserialize(json);
        Assert.Equal(2, document.Tokens.Length);
        Assert.Equal((0, 2), (document.Sentences[0].FirstToken, document.Sentences[0].TokenCount));
        var mention = Assert.Single(document.Entities[0].Mentions);
        Assert.Equal((1, 1), (mention.FirstToken, mention.TokenCount));
        Assert.Equal(NewsNer.Entities.EntityType.Location, mention.Type);
        Assert.Equal(new DateOnly(2024, 2, 29), document.PublicationDate);
        Assert.Null(document.Source);
        Assert.Empty(document.Metadata);
    }

    [Fact]
    public void Json_lines_writer_writes_one_line_per_input_and_reader_gives_them_back()
    {
        var full = SampleDocuments.Full();
        var writer = new StringWriter();
        using (var lines = new NewsJsonLinesWriter(writer, new NewsJsonOptions { Indented = true }))
        {
            lines.Write(full);
            lines.WriteError("broken.txt", "not valid UTF-8\nat byte 3");
            lines.Write(SampleDocuments.Plain("Deuxième\u2028document.\r\nFin."));
            Assert.Equal(3, lines.Count);
        }

        var output = writer.ToString();
        var physicalLines = output.Split('\n');
        Assert.Equal(4, physicalLines.Length);
        Assert.Equal("", physicalLines[3]);

        var results = NewsJson.ReadLines(new StringReader(output)).ToList();
        Assert.Equal([0, 1, 2], results.Select(r => r.Index));
        DeepAssert.Equal(full, results[0].Document);
        Assert.False(results[1].Succeeded);
        Assert.Equal("broken.txt", results[1].Id);
        Assert.Equal("not valid UTF-8\nat byte 3", results[1].Error!.Message);
        Assert.Equal("Deuxième\u2028document.\r\nFin.", results[2].Document!.Text);
    }

    [Fact]
    public void Json_lines_writer_writes_batch_results_and_respects_leave_open()
    {
        var inputs = new[] { new DocumentInput("Un.", Id: "a"), new DocumentInput(null, Id: "b"), new DocumentInput("Trois.", Id: "c") };
        var writer = new StringWriter();
        using (var lines = new NewsJsonLinesWriter(writer, leaveOpen: false))
        {
            foreach (var result in NewsPipeline.CreateDefault().ProcessMany(inputs))
            {
                lines.Write(result);
            }
        }

        var records = writer.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(3, records.Length);
        Assert.Contains("\"error\":{\"message\":", records[1], StringComparison.Ordinal);
        Assert.Contains("\"source\":\"b\"", records[1], StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => writer.Write('x'));
    }

    [Fact]
    public void Write_to_a_json_writer_embeds_documents_in_larger_json()
    {
        var writer = new StringWriter();
        using (var json = new JsonTextWriter(writer))
        {
            json.WriteStartArray();
            NewsJson.Write(json, SampleDocuments.Plain("Un."));
            NewsJson.Write(json, SampleDocuments.Plain("Deux."));
            json.WriteEndArray();
        }

        var array = Newtonsoft.Json.Linq.JArray.Parse(writer.ToString());
        Assert.Equal(["Un.", "Deux."], array.Select(d => (string?)d["text"]));
        var reader = new JsonTextReader(new StringReader(writer.ToString()));
        reader.Read();
        reader.Read();
        Assert.Equal("Un.", NewsJson.Read(reader).Text);
        reader.Read();
        Assert.Equal("Deux.", NewsJson.Read(reader).Text);
    }
}
