using System.Text;
using AngleSharp.Html.Parser;
using NewsNer.Cli.Output;
using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Console;

public class CsvAndRenderTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("dit \"oui\"", "\"dit \"\"oui\"\"\"")]
    [InlineData("deux\nlignes", "\"deux\nlignes\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("", "")]
    public void Fields_follow_rfc_4180_and_are_safe_in_spreadsheets(string value, string expected) =>
        Assert.Equal(expected, CsvSink.Field(value));

    [Fact]
    public void Unprintable_characters_become_replacement_characters() =>
        // Not an InlineData: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        Assert.Equal("a\uFFFDb\uFFFD c\uD83D\uDE00", CsvSink.Field("a\u0001b\uD800 c\uD83D\uDE00"));

    [Fact]
    public void Csv_has_one_row_per_entity_and_event_with_its_document()
    {
        using var temp = new TempFolder();
        using (var sink = new CsvSink(temp.Path))
        {
            sink.Write(SampleDocuments.Full());
            sink.WriteError("broken, really.txt", "cannot read: \"boom\"");
        }

        var entitiesBytes = File.ReadAllBytes(Path.Combine(temp.Path, "entities.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], entitiesBytes[..3]);
        var entities = ReadCsv(Path.Combine(temp.Path, "entities.csv"));
        Assert.Equal(CsvSink.EntityColumns, entities[0]);
        Assert.Equal(7, entities.Count);
        var e1 = Row(entities, 0);
        Assert.Equal("articles/2025/poutine.txt", e1["document"]);
        Assert.Equal("Poutine reçoit al-Chaar au Kremlin", e1["title"]);
        Assert.Equal("2025-10-15", e1["publication_date"]);
        Assert.Equal(("e1", "PER", "Vladimir Poutine", "3"), (e1["entity_id"], e1["type"], e1["canonical"], e1["mention_count"]));
        Assert.Equal("Poutine | Le président russe | Vladimir Poutine", e1["mentions"]);
        Assert.Equal(("RU", "RUSGOV", "président", "0.938"), (e1["country"], e1["actor_code"], e1["roles"], e1["confidence"]));
        Assert.Equal(("building", "LOC"), (Row(entities, 1)["kind"], Row(entities, 1)["type"]));

        var events = ReadCsv(Path.Combine(temp.Path, "events.csv"));
        Assert.Equal(CsvSink.EventColumns, events[0]);
        Assert.Equal(3, events.Count);
        var v1 = Row(events, 0);
        Assert.Equal(("v1", "MEETING", "host_visit", "reported"), (v1["event_id"], v1["type"], v1["subtype"], v1["status"]));
        Assert.Equal("Vladimir Poutine (host) | Ahmad al-Chaar (guest)", v1["participants"]);
        Assert.Equal(("Vladimir Poutine", "Ahmad al-Chaar", "Assaad al-Chaibani"), (v1["hosts"], v1["guests"], v1["delegation"]));
        Assert.Equal(("Kremlin", "Kremlin | Moscou", "mercredi", "2025-10-15"), (v1["location"], v1["places"], v1["date_text"], v1["date_value"]));
        Assert.Equal("042 SYRGOV>RUSGOV | 043 RUSGOV>SYRGOV", v1["cameo"]);
        Assert.Equal("CONSULT/visit SYRGOV>RUSGOV", v1["plover"]);
        Assert.Equal("0.9", v1["confidence"]);
        Assert.StartsWith("Le président russe Vladimir Poutine a accueilli", v1["evidence"], StringComparison.Ordinal);
        Assert.Equal(("phone_call", "past", "Ahmad al-Chaar"), (Row(events, 1)["subtype"], Row(events, 1)["status"], Row(events, 1)["mediators"]));

        var errors = ReadCsv(Path.Combine(temp.Path, "errors.csv"));
        Assert.Equal(["broken, really.txt", "cannot read: \"boom\""], errors[1]);
        Assert.Contains("\r\n", File.ReadAllText(Path.Combine(temp.Path, "events.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_writes_csv_and_html_folders_and_html_pages()
    {
        using var temp = new TempFolder();
        temp.File("a.txt", "Emmanuel Macron a reçu Olaf Scholz à Paris.");
        temp.File("b/page.html", "<html><head><title>Visite à Rome</title><meta property=\"article:published_time\" content=\"2024-03-02T10:00:00Z\"></head><body><nav>Menu</nav><article><p>Le pape a reçu le président.</p><p>Ils ont parlé.</p></article><footer>©</footer></body></html>");
        temp.Bytes("c.txt", [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8]);

        var csv = ConsoleHarness.Run("extract", temp.Path, "--format", "csv", "--output", temp.Combine("csv"), "-q");
        Assert.True(csv.ExitCode == 1, csv.ToString());
        Assert.Equal(2, ReadCsv(temp.Combine("csv/errors.csv")).Count);

        var html = ConsoleHarness.Run("extract", temp.Path, "--format", "html", "--output", temp.Combine("report"), "-q");
        Assert.True(html.ExitCode == 1, html.ToString());
        var index = new HtmlParser().ParseDocument(File.ReadAllText(temp.Combine("report/index.html")));
        Assert.Equal(["a.html", "b/page.html", "c.html"], index.QuerySelectorAll("table.docs tbody tr a").Select(a => a.GetAttribute("href")));
        var page = new HtmlParser().ParseDocument(File.ReadAllText(temp.Combine("report/b/page.html")));
        Assert.Equal("Visite à Rome\n\nLe pape a reçu le président.\n\nIls ont parlé.", page.QuerySelector("article.text")!.TextContent);
        Assert.Contains("2024-03-02", page.QuerySelector("dl.meta")!.TextContent, StringComparison.Ordinal);

        var single = ConsoleHarness.Run("extract", temp.Combine("a.txt"), "--format", "html");
        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.StartsWith("<!DOCTYPE html>", single.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv", null, "give --output DIR")]
    [InlineData("html", null, "give --output DIR")]
    [InlineData("html", "report.html", "give --output DIR")]
    public void Formats_that_need_a_folder_say_so(string format, string? output, string expected)
    {
        using var temp = new TempFolder();
        temp.File("a.txt", "Texte.");
        string[] args = output is null ? ["extract", temp.Path, "--format", format] : ["extract", temp.Path, "--format", format, "--output", temp.Combine(output)];
        var run = ConsoleHarness.Run(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_turns_json_lines_into_reports_without_reprocessing()
    {
        using var temp = new TempFolder();
        var jsonl = new StringWriter();
        using (var lines = new NewsJsonLinesWriter(jsonl))
        {
            lines.Write(SampleDocuments.Full());
            lines.WriteError("gone.txt", "cannot read: gone");
        }

        var input = temp.File("docs.jsonl", jsonl.ToString());
        var table = ConsoleHarness.Run("render", input, "--format", "table");
        Assert.True(table.ExitCode == 1, table.ToString());
        Assert.Contains("CAMEO 042 SYRGOV→RUSGOV", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("cannot read: gone", table.Stdout, StringComparison.Ordinal);

        var csv = ConsoleHarness.Run("render", input, "--format", "csv", "-o", temp.Combine("csv"));
        Assert.Equal(1, csv.ExitCode);
        Assert.Equal(7, ReadCsv(temp.Combine("csv/entities.csv")).Count);
        Assert.Equal(["gone.txt", "cannot read: gone"], ReadCsv(temp.Combine("csv/errors.csv"))[1]);

        var html = ConsoleHarness.Run(["render", "-", "--format", "html", "-o", temp.Combine("html")], stdin: jsonl.ToString());
        Assert.Equal(1, html.ExitCode);
        Assert.True(File.Exists(temp.Combine("html/articles/2025/poutine.html")));
        Assert.True(File.Exists(temp.Combine("html/gone.html")));

        var single = temp.File("one.json", NewsJson.Serialize(SampleDocuments.Full()));
        var json = ConsoleHarness.Run("render", single, "--format", "jsonl");
        Assert.Equal(0, json.ExitCode);
        DeepAssert.Equal(SampleDocuments.Full(), NewsJson.Deserialize(json.Stdout));
    }

    private static Dictionary<string, string> Row(List<string[]> table, int index) =>
        table[0].Zip(table[index + 1]).ToDictionary(p => p.First, p => p.Second);

    /// <summary>A strict RFC 4180 reader (UTF-8 with BOM, CRLF records, quoted fields).</summary>
    private static List<string[]> ReadCsv(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }
            else if (text[i] == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i += 2;
            }
            else
            {
                Assert.NotEqual('\n', text[i]);
                field.Append(text[i++]);
            }
        }

        Assert.Empty(row);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        return rows;
    }
}
