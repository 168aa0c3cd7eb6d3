using System.Diagnostics;
using System.Text;
using NewsNer.Cli;
using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace NewsNer.Tests.Console;

/// <summary>
/// Every input is accounted for by <c>newsner extract</c>: binary files are said to be binary, texts that are not French
/// say so, standard input has a source and may be a web page, an unreadable subfolder gets an error record, and an
/// empty folder is an error.
/// </summary>
public class InputAccountingTests
{
    private const string English =
        "The White House said on Wednesday that the president would meet his Chinese counterpart next week in Washington, "
        + "as both governments try to ease tensions over trade and technology. Officials said the talks would focus on tariffs.";

    private const string Page =
        "<!-- saved page -->\n<!DOCTYPE html><html><head><title>Visite à Rabat</title><link rel=canonical href=\"https://exemple.org/rabat\"></head>"
        + "<body><nav>Menu</nav><article><p>Le ministre espagnol a rencontré mardi son homologue marocain à Rabat.</p></article></body></html>";

    // The start of an ELF executable: following the old advice (--encoding windows-1252) on one gave 140 entities.
    private static readonly byte[] s_executable = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x3E, 0x00, 0x01, 0x00, 0x00, 0x00, 0x60, 0x61, 0x62, 0x63];

    [Fact]
    public void A_binary_file_is_said_binary_without_the_encoding_advice()
    {
        using var temp = new TempFolder();
        var path = temp.Bytes("program.txt", s_executable);
        foreach (var args in new[] { new[] { "extract", path }, ["extract", path, "--encoding", "windows-1252"] })
        {
            var run = ConsoleHarness.Run(args);
            Assert.True(run.ExitCode == 1, run.ToString());
            var message = (string)JObject.Parse(run.Stdout)["error"]!["message"]!;
            Assert.StartsWith("binary file, not text", message, StringComparison.Ordinal);
            Assert.DoesNotContain("--encoding", run.Stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0x42, 0x01, 0x02, 0x03, 0x04, 0x43, 0x05, 0x06 }, true)]
    [InlineData(new byte[] { 0x41, 0x00, 0x42, 0x00 }, true)]
    [InlineData(new byte[] { 0x4C, 0x27, 0xC3, 0xA9, 0x74, 0xC3, 0xA9, 0x09, 0x0A, 0x0C, 0x1B }, false)]
    [InlineData(new byte[0], false)]
    public void Binary_means_a_nul_byte_or_many_control_bytes(byte[] bytes, bool binary) =>
        Assert.Equal(binary, Cli.Extraction.TextFiles.BinaryReason(bytes) is not null);

    [Fact]
    public void A_utf16_file_with_its_byte_order_mark_is_text()
    {
        using var temp = new TempFolder();
        var path = temp.Bytes("utf16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Le ministre a parlé à Paris.")]);
        var run = ConsoleHarness.Run("extract", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Le ministre a parlé à Paris.", NewsJson.Deserialize(run.Stdout).Text);
    }

    [Fact]
    public void English_text_gets_its_language_a_warning_and_no_entities_unless_declared_french()
    {
        using var temp = new TempFolder();
        var path = temp.File("wire.txt", English);
        var run = ConsoleHarness.Run("extract", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        var document = NewsJson.Deserialize(run.Stdout);
        Assert.Equal("en", document.Language);
        Assert.Empty(document.Entities);
        Assert.Equal(DocumentWarning.NotFrench, Assert.Single(document.Warnings).Code);
        Assert.Contains("warning: The text reads as English", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("(--language fr)", run.Stderr, StringComparison.Ordinal);

        var table = ConsoleHarness.Run("extract", path, "--format", "table");
        Assert.Contains("The text reads as English", table.Stdout, StringComparison.Ordinal);
        var html = ConsoleHarness.Run("extract", path, "--format", "html");
        Assert.Contains("<article class=\"text\" lang=\"en\">", html.Stdout, StringComparison.Ordinal);
        Assert.Contains("<dt>warning</dt><dd>The text reads as English", html.Stdout, StringComparison.Ordinal);

        var forced = ConsoleHarness.Run("extract", path, "--language", "fr");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        var french = NewsJson.Deserialize(forced.Stdout);
        Assert.Equal("fr", french.Language);
        Assert.NotEmpty(french.Entities);
        Assert.Equal("", forced.Stderr);
    }

    [Fact]
    public void A_folder_summary_counts_the_texts_that_are_not_french()
    {
        using var temp = new TempFolder();
        temp.File("a.txt", "Le ministre espagnol a rencontré mardi son homologue marocain à Rabat pour parler de la pêche et de l'immigration.");
        temp.File("b.txt", English);
        var run = ConsoleHarness.Run("extract", temp.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["fr", "en"], run.Lines.Select(l => (string?)JObject.Parse(l)["language"]));
        Assert.Contains("not French (no entities or events; --language fr to force): en 1", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_has_source_dash_in_documents_and_error_records()
    {
        var run = ConsoleHarness.Run(["extract", "-"], stdin: "Le ministre a parlé.");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("-", NewsJson.Deserialize(run.Stdout).Source);

        var binary = ConsoleHarness.Run(["extract", "-"], stdin: "ELF\0\0\u0001\u0002");
        Assert.True(binary.ExitCode == 1, binary.ToString());
        var record = JObject.Parse(binary.Stdout);
        Assert.Equal("-", (string?)record["source"]);
        Assert.StartsWith("binary data, not text", (string)record["error"]!["message"]!, StringComparison.Ordinal);
        Assert.StartsWith("newsner: standard input: binary data", binary.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_web_page_on_standard_input_is_read_like_an_html_file()
    {
        var run = ConsoleHarness.Run(["extract", "-"], stdin: Page);
        Assert.True(run.ExitCode == 0, run.ToString());
        var document = NewsJson.Deserialize(run.Stdout);
        Assert.Equal("Visite à Rabat\n\nLe ministre espagnol a rencontré mardi son homologue marocain à Rabat.", document.Text);
        Assert.Equal("https://exemple.org/rabat", document.Metadata["url"]);

        var text = ConsoleHarness.Run(["extract", "-"], stdin: "Le signe < et la balise <html> dans un texte.");
        Assert.Equal("Le signe < et la balise <html> dans un texte.", NewsJson.Deserialize(text.Stdout).Text);
    }

    [Fact]
    public void Standard_input_bytes_get_the_checks_and_decoding_of_a_file()
    {
        var latin1Page = Encoding.Latin1.GetBytes("<html><head><meta charset=\"windows-1252\"><title>Été</title></head><body><p>Le ministre a parlé à Paris.</p></body></html>");
        var page = RunWithStdinBytes(latin1Page, "extract", "-");
        Assert.True(page.ExitCode == 0, page.ToString());
        Assert.Equal("Été\n\nLe ministre a parlé à Paris.", NewsJson.Deserialize(page.Stdout).Text);

        var binary = RunWithStdinBytes(s_executable, "extract", "-");
        Assert.True(binary.ExitCode == 1, binary.ToString());
        Assert.StartsWith("binary file, not text", (string)JObject.Parse(binary.Stdout)["error"]!["message"]!, StringComparison.Ordinal);

        var latin1 = RunWithStdinBytes(Encoding.Latin1.GetBytes("L'été à Paris."), "extract", "-", "--encoding", "latin1");
        Assert.Equal("L'été à Paris.", NewsJson.Deserialize(latin1.Stdout).Text);
    }

    [Fact]
    public void An_empty_folder_says_so_and_exits_non_zero()
    {
        using var temp = new TempFolder();
        temp.File("notes.md", "# not an article");
        var run = ConsoleHarness.Run("extract", temp.Path);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Contains("holds no article", run.Stderr, StringComparison.Ordinal);
    }

    [UnreadableFolderFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_unreadable_subfolder_gets_an_error_record_and_counts_as_an_input()
    {
        using var temp = new TempFolder();
        temp.File("a.txt", "Le ministre a parlé à Paris.");
        temp.File("locked/b.txt", "Le ministre a parlé à Rome.");
        temp.File("open/c.txt", "Le ministre a parlé à Madrid.");
        var locked = temp.Combine("locked");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var run = Environment.UserName == "root" ? RunAsNobody("extract", temp.Path) : ConsoleHarness.Run("extract", temp.Path);
            Assert.True(run.ExitCode == 1, run.ToString());
            var records = run.Lines.Select(JObject.Parse).ToList();
            Assert.Equal(["a.txt", "locked/", "open/c.txt"], records.Select(r => (string?)r["source"]));
            Assert.StartsWith("cannot read folder: ", (string)records[1]["error"]!["message"]!, StringComparison.Ordinal);
            Assert.Contains("3 inputs: 2 documents, 1 failed", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static ConsoleRun RunWithStdinBytes(byte[] stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(TextReader.Null, stdout, stderr) { StdinStream = new MemoryStream(stdin) };
        var exit = ConsoleApp.RunAsync(args, context).GetAwaiter().GetResult();
        return new ConsoleRun(exit, stdout.ToString(), stderr.ToString());
    }

    // Root reads every folder: the built console runs as nobody instead (through setpriv), on a folder it may traverse.
    private static ConsoleRun RunAsNobody(params string[] args)
    {
        var console = typeof(ConsoleApp).Assembly.Location;
        var start = new ProcessStartInfo(UnreadableFolders.SetprivPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", console }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the console did not finish within 2 minutes");
        return new ConsoleRun(process.ExitCode, stdout.Result, stderr);
    }
}
