using System.Text;
using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace NewsNer.Tests.Console;

public class ExtractCommandTests
{
    private const string HeaderArticle =
        "Poutine reçoit al-Chaar au Kremlin\nsource: https://example.org/a\ndate: 2025-10-15\n\nLe président russe Vladimir Poutine a accueilli mercredi son homologue syrien.\n";

    [Fact]
    public void File_gives_one_indented_document_with_its_source()
    {
        var run = ConsoleHarness.Run("extract", RepoPaths.SampleArticle);
        Assert.True(run.ExitCode == 0, run.ToString());
        var document = NewsJson.Deserialize(run.Stdout);
        Assert.Equal(RepoPaths.SampleArticle, document.Source);
        Assert.Equal(File.ReadAllText(RepoPaths.SampleArticle), document.Text);
        Assert.NotEmpty(document.Tokens);
        Assert.NotEmpty(document.Sentences);
        Assert.StartsWith("{\n  \"schema\": \"newsner/1\",", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Header_is_metadata_title_is_text_and_date_header_is_the_default_date()
    {
        using var temp = new TempFolder();
        var path = temp.File("article.txt", HeaderArticle);
        var document = NewsJson.Deserialize(ConsoleHarness.Run("extract", path).Stdout);
        Assert.Equal("Poutine reçoit al-Chaar au Kremlin\n\nLe président russe Vladimir Poutine a accueilli mercredi son homologue syrien.\n", document.Text);
        Assert.Equal(new DateOnly(2025, 10, 15), document.PublicationDate);
        Assert.Equal("https://example.org/a", document.Metadata["url"]);
        Assert.Equal("Poutine reçoit al-Chaar au Kremlin", document.Metadata["title"]);
        Assert.DoesNotContain("source:", document.Text, StringComparison.Ordinal);
        Assert.Equal(0, document.Sentences[0].Start);
        Assert.Equal("Poutine reçoit al-Chaar au Kremlin", document.GetText(document.Sentences[0]));

        var overridden = NewsJson.Deserialize(ConsoleHarness.Run("extract", path, "--date", "2024-01-31").Stdout);
        Assert.Equal(new DateOnly(2024, 1, 31), overridden.PublicationDate);
    }

    [Fact]
    public void Stdin_is_read_with_the_same_header_rules()
    {
        var run = ConsoleHarness.Run(["extract", "-", "--no-tokens"], stdin: HeaderArticle);
        Assert.True(run.ExitCode == 0, run.ToString());
        var document = NewsJson.Deserialize(run.Stdout);
        Assert.Equal("-", document.Source);
        Assert.Empty(document.Tokens);
        Assert.NotEmpty(document.Sentences);
        Assert.Equal(new DateOnly(2025, 10, 15), document.PublicationDate);
        Assert.DoesNotContain("\"tokens\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_gives_one_line_per_file_in_sorted_order_with_error_records_and_exit_code_1()
    {
        using var temp = BadFolder(out var expectedSources, out var failing);
        var run = ConsoleHarness.Run("extract", temp.Path, "--parallel", "2");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(expectedSources.Count, run.Lines.Length);

        var records = run.Lines.Select(JObject.Parse).ToList();
        Assert.Equal(expectedSources, records.Select(r => (string?)r["source"]));
        foreach (var record in records)
        {
            var source = (string)record["source"]!;
            Assert.Equal("newsner/1", (string?)record["schema"]);
            if (failing.Contains(source))
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)record["error"]?["message"]), source);
                Assert.Null(record["text"]);
            }
            else
            {
                Assert.Null(record["error"]);
                Assert.NotNull(record["tokens"]);
            }
        }

        Assert.Contains("not valid utf-8", (string)records.Single(r => (string?)r["source"] == "bad-utf8.txt")["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal("2025-10-15", (string?)records.Single(r => (string?)r["source"] == "sub/dir/header.txt")["publicationDate"]);
        Assert.Contains($"{expectedSources.Count} inputs: {expectedSources.Count - failing.Count} documents, {failing.Count} failed", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("failed: bad-utf8.txt: not valid utf-8", run.Stderr, StringComparison.Ordinal);

        // Every line reads back: a document or, for the failures, a JSON exception naming the error record.
        var results = NewsJson.ReadLines(new StringReader(run.Stdout)).ToList();
        Assert.Equal(expectedSources.Count - failing.Count, results.Count(r => r.Succeeded));
    }

    [Fact]
    public void Folder_to_a_directory_writes_one_json_per_input_named_like_it()
    {
        using var temp = BadFolder(out var expectedSources, out var failing);
        using var output = new TempFolder();
        var outDir = Path.Combine(output.Path, "predictions");
        var run = ConsoleHarness.Run("extract", temp.Path, "--output", outDir, "--no-tokens", "--quiet");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Equal("", run.Stderr);

        var written = Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(outDir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expectedSources.Select(s => Path.ChangeExtension(s, ".json")).Order(StringComparer.Ordinal), written);

        var good = NewsJson.Deserialize(File.ReadAllText(Path.Combine(outDir, "good.json")));
        Assert.Equal("good.txt", good.Source);
        Assert.Empty(good.Tokens);
        var error = JObject.Parse(File.ReadAllText(Path.Combine(outDir, "bad-utf8.json")));
        Assert.Equal("bad-utf8.txt", (string?)error["source"]);
        Assert.NotNull(error["error"]?["message"]);
    }

    [Fact]
    public void Folder_to_a_jsonl_file_and_table_format_smoke()
    {
        using var temp = new TempFolder();
        temp.File("a.txt", "Premier article. Il parle de Paris.");
        temp.File("b.txt", HeaderArticle);
        var jsonl = temp.Combine("out/all.jsonl");
        var run = ConsoleHarness.Run("extract", temp.Path, "-o", jsonl, "-q");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, File.ReadAllLines(jsonl).Length);

        var table = ConsoleHarness.Run("extract", temp.Path, "--format", "table", "-q");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("a.txt", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("Sentences", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("Premier article.", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("https://example.org/a", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("2025-10-15", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_shows_entities_and_events_of_a_full_document()
    {
        var output = new StringWriter();
        using (var sink = new Cli.Output.TableSink(Cli.Output.TableSink.CreateConsole(output, terminal: false, width: 160), output, ownsWriter: false))
        {
            sink.Write(SampleDocuments.Full());
            sink.WriteError("broken.txt", "cannot read: boom");
        }

        var text = output.ToString();
        foreach (var expected in new[]
        {
            "Vladimir Poutine", "PER", "LOC", "MISC", "roles président", "actor RUSGOV", "kind building", "Le président russe (nominal)",
            "host_visit", "reported", "« a accueilli »", "Vladimir Poutine (host)", "Ahmad al-Chaar (guest)", "+ Assaad al-Chaibani (delegation)",
            "Kremlin", "Moscou", "mercredi → 2025-10-15", "CAMEO 042 SYRGOV→RUSGOV", "PLOVER CONSULT/visit SYRGOV→RUSGOV", "phone_call", "past",
            "(mediator)", "la coopération entre Moscou et Damas", "0.90", "broken.txt", "cannot read: boom",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain('\uD800', text);
        Assert.DoesNotContain('\u0001', text);
    }

    [Fact]
    public void Windows_1252_files_are_read_with_encoding_option()
    {
        using var temp = new TempFolder();
        var path = temp.Bytes("latin.txt", Encoding.Latin1.GetBytes("L'été à Paris."));
        var strict = ConsoleHarness.Run("extract", path);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("\"error\"", strict.Stdout, StringComparison.Ordinal);
        Assert.Contains("--encoding windows-1252", strict.Stderr, StringComparison.Ordinal);

        var decoded = ConsoleHarness.Run("extract", path, "--encoding", "windows-1252");
        Assert.Equal(0, decoded.ExitCode);
        Assert.Equal("L'été à Paris.", NewsJson.Deserialize(decoded.Stdout).Text);
    }

    [Theory]
    [InlineData(new string[0], "Required command")]
    [InlineData(new[] { "frobnicate" }, "unrecognized command or argument 'frobnicate'")]
    [InlineData(new[] { "extract" }, "Required argument missing")]
    [InlineData(new[] { "extract", "x.txt", "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "extract", "x.txt", "--date", "15/10/2025" }, "YYYY-MM-DD")]
    [InlineData(new[] { "extract", "x.txt", "--format", "xml" }, "xml")]
    [InlineData(new[] { "extract", "x.txt", "--parallel", "-1" }, "--parallel")]
    [InlineData(new[] { "extract", "does/not/exist.txt" }, "neither a file nor a folder")]
    [InlineData(new[] { "extract", "-", "--encoding", "klingon" }, "unknown encoding")]
    [InlineData(new[] { "extract", "-", "--encoding", "utf-7" }, "unknown encoding")]
    [InlineData(new[] { "extract", "x.txt", "--language", "french" }, "--language must be auto, fr or a language code")]
    public void Usage_errors_exit_2_with_one_line(string[] args, string expected)
    {
        var run = ConsoleHarness.Run(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("newsner: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_into_a_directory_is_a_usage_error()
    {
        using var temp = new TempFolder();
        temp.File("a.txt", "Texte.");
        var run = ConsoleHarness.Run("extract", temp.Path, "--format", "table", "--output", temp.Combine("out") + "/");
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void Help_lists_the_options_and_exits_0()
    {
        var run = ConsoleHarness.Run("extract", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--date", "--format", "--output", "--no-tokens", "--parallel", "--encoding", "--language" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ctrl_c_stops_with_complete_lines_flushed_and_exit_130()
    {
        using var temp = new TempFolder();
        for (var i = 0; i < 40; i++)
        {
            temp.File($"{i:000}.txt", $"Article numéro {i}. Il parle de Paris et de Moscou.");
        }

        using var interrupt = new CancellationTokenSource();
        var stdout = new CancelAfterLinesWriter(interrupt, lines: 3);
        var run = ConsoleHarness.Run(["extract", temp.Path, "--parallel", "1"], stdin: "", cancellationToken: interrupt.Token, stdout: stdout);
        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.InRange(run.Lines.Length, 4, 40);
        Assert.EndsWith("\n", run.Stdout, StringComparison.Ordinal);

        // Complete documents in input order, then the record of the input that was in progress.
        var records = NewsJson.ReadLines(new StringReader(run.Stdout)).ToList();
        Assert.All(records[..^1], r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal(records.Select((_, i) => $"{i:000}.txt"), records.Select(r => r.Id));
        Assert.Contains("interrupted", records[^1].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("interrupted after", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_output_stream_ends_with_one_line_and_exit_1()
    {
        var run = ConsoleHarness.Run(["extract", RepoPaths.SampleArticle], stdin: "", stdout: new BrokenWriter());
        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("newsner: IOException: Broken pipe", line);
    }

    [Fact]
    public void Verbs_are_discovered_one_class_each()
    {
        var names = Cli.Commands.CommandCatalog.Create(new Cli.CliContext(TextReader.Null, TextWriter.Null, TextWriter.Null)).Select(c => c.Name).ToList();
        Assert.Contains("extract", names);
        Assert.Contains("eval-news", names);
        Assert.Equal(names.Distinct().Count(), names.Count);
    }

    /// <summary>
    /// A folder with good files, a header file, a nested file, a non-article file (ignored), a file that is not valid
    /// UTF-8, and — where the OS allows — a dangling symbolic link named like an article: both must fail.
    /// </summary>
    private static TempFolder BadFolder(out List<string> expectedSources, out HashSet<string> failing)
    {
        var temp = new TempFolder();
        temp.File("good.txt", "Emmanuel Macron a reçu Olaf Scholz à l'Élysée.");
        temp.File("sub/dir/header.txt", HeaderArticle);
        temp.File("empty.txt", "");
        temp.File("notes.md", "# not an article");
        temp.Bytes("bad-utf8.txt", [0x4C, 0xE9, 0x74, 0xE9, 0x20, 0xC3]);
        expectedSources = ["bad-utf8.txt", "empty.txt", "good.txt", "sub/dir/header.txt"];
        failing = ["bad-utf8.txt"];
        try
        {
            File.CreateSymbolicLink(temp.Combine("dangling.txt"), temp.Combine("no-such-target.txt"));
            expectedSources.Insert(1, "dangling.txt");
            failing.Add("dangling.txt");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // Symbolic links need a privilege on Windows; the invalid UTF-8 file still fails there.
        }

        return temp;
    }

    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("Broken pipe");

        public override void Write(char[] buffer, int index, int count) => throw new IOException("Broken pipe");

        public override void Write(string? value) => throw new IOException("Broken pipe");
    }

    private sealed class CancelAfterLinesWriter(CancellationTokenSource interrupt, int lines) : StringWriter
    {
        private int _lines;

        public override void Write(char value)
        {
            base.Write(value);
            Count(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            foreach (var c in buffer.AsSpan(index, count))
            {
                Count(c);
            }
        }

        public override void Write(string? value)
        {
            base.Write(value);
            foreach (var c in value ?? "")
            {
                Count(c);
            }
        }

        private void Count(char c)
        {
            if (c == '\n' && ++_lines == lines)
            {
                interrupt.Cancel();
            }
        }
    }
}
