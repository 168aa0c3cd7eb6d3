using System.Diagnostics;
using System.Runtime.InteropServices;
using NewsNer.Cli.Extraction;
using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Console;

/// <summary>
/// <c>newsner extract</c> on inputs that would hang a batch: a per-document time limit that turns a slow document into
/// an error record while the batch goes on, a large file processed without holding its tokens with the same output as
/// the library, and a prompt stop on SIGTERM while it works on the 20,000-clause line (a real child process).
/// </summary>
public class LongInputTests
{
    private const string Clause = "Le président Poutine a reçu le président al-Chaar au Kremlin, ";

    private static string Clauses(int count) => string.Concat(Enumerable.Repeat(Clause, count)) + "fin.";

    [Fact]
    public void A_document_over_the_time_limit_becomes_an_error_record_and_the_others_go_on()
    {
        using var temp = new TempFolder();
        temp.File("1-court.txt", "Le président Emmanuel Macron a reçu Vladimir Poutine à Paris.");
        temp.File("2-long.txt", Clauses(12_000));   // 780 KB: through the batch
        temp.File("3-large.txt", Clauses(20_000));  // 1.3 MB: read and processed on its own, compact
        temp.File("4-court.txt", "Ahmad al-Chaar est arrivé à Moscou mardi.");
        // 50 ms: the short lines take well under a millisecond once the pipeline is warm (the batch warms it before the
        // clock starts); the long ones take tenths of a second even with the JIT warmed by the tests before.
        var run = ConsoleHarness.Run("extract", temp.Path, "--max-seconds-per-document", "0.05", "--quiet");
        Assert.True(run.ExitCode == 1, run.ToString());
        var records = NewsJson.ReadLines(new StringReader(run.Stdout)).ToList();
        Assert.Equal(["1-court.txt", "2-long.txt", "3-large.txt", "4-court.txt"], records.Select(r => r.Id));
        Assert.True(records[0].Succeeded);
        Assert.True(records[3].Succeeded);
        foreach (var slow in records.Skip(1).Take(2))
        {
            Assert.Equal("took longer than --max-seconds-per-document (0.05 s) and was stopped", slow.Error?.Message);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    public void The_time_limit_must_be_a_positive_number(string value)
    {
        var run = ConsoleHarness.Run("extract", RepoPaths.SampleArticle, "--max-seconds-per-document", value);
        Assert.True(run.ExitCode == 2, run.ToString());
    }

    [Fact]
    public void A_large_file_gives_the_line_the_library_gives_for_its_text()
    {
        using var temp = new TempFolder();
        var article = File.ReadAllText(RepoPaths.SampleArticle);
        var text = string.Join("\n\n", Enumerable.Repeat(article, (int)(ExtractRunner.CompactFileBytes / article.Length) + 20));
        var path = temp.File("long.txt", text);
        Assert.True(new FileInfo(path).Length > ExtractRunner.CompactFileBytes);

        var run = ConsoleHarness.Run(["extract", "long.txt", "--format", "jsonl", "--date", "2025-10-15"], stdin: "", currentDirectory: temp.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = NewsJson.Serialize(NewsPipeline.CreateDefault().Process(
            text, new DocumentOptions { Source = "long.txt", PublicationDate = new DateOnly(2025, 10, 15) }));
        Assert.Equal(expected + "\n", run.Stdout);
    }

    [PosixFact]
    public void Sigterm_stops_the_console_within_a_second_while_it_works_on_a_long_line()
    {
        using var temp = new TempFolder();
        temp.File("a.txt", "Le président Emmanuel Macron a reçu Vladimir Poutine à Paris.");
        temp.File("b.txt", "Ahmad al-Chaar est arrivé à Moscou mardi.");
        temp.File("c.txt", Clauses(120_000)); // 7.8 MB: seconds of work, interrupted after a few hundred milliseconds
        temp.File("d.txt", "Le chancelier a rencontré le roi à Berlin.");
        var output = temp.Combine("out.jsonl");
        var console = typeof(ExtractRunner).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { console, "extract", temp.Path, "--format", "jsonl", "--no-tokens", "--output", output, "--parallel", "1", "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();

        // Wait until the two short articles are written: the console is then on a long line of clauses (seconds of work).
        var wait = Stopwatch.StartNew();
        while (!HasLines(output, 2) && !process.HasExited && wait.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(20);
        }

        if (process.HasExited)
        {
            Assert.Fail("the console ended before the long document: " + stderr.Result);
        }

        Thread.Sleep(100);
        var signalled = Stopwatch.StartNew();
        var kill = Kill(process.Id, 15);
        Assert.True(kill == 0, $"kill({process.Id}, SIGTERM) = {kill}, errno {Marshal.GetLastPInvokeError()}");
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "no exit 10 s after SIGTERM");
        var stopped = signalled.Elapsed;
        Assert.True(stopped < TimeSpan.FromSeconds(1), $"stopped {stopped.TotalMilliseconds:F0} ms after SIGTERM");
        Assert.Equal(130, process.ExitCode);

        var text = File.ReadAllText(output);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var records = NewsJson.ReadLines(new StringReader(text)).ToList();
        Assert.Equal(["a.txt", "b.txt", "c.txt"], records.Select(r => r.Id));
        Assert.True(records[0].Succeeded && records[1].Succeeded);
        Assert.Equal(ExtractRunner.InterruptedMessage, records[2].Error?.Message);
        Assert.Contains("interrupted after 3 of 4 inputs", stderr.Result, StringComparison.Ordinal);
    }

    // Whether the file has at least `lines` complete lines (read from the start, no further than needed).
    private static bool HasLines(string path, int lines)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[1 << 16];
            var count = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                count += buffer.AsSpan(0, read).Count((byte)'\n');
                if (count >= lines)
                {
                    return true;
                }
            }

            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>A fact that needs POSIX signals: skipped (reported as such) elsewhere.</summary>
public sealed class PosixFactAttribute : FactAttribute
{
    public PosixFactAttribute()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Skip = "needs POSIX signals (SIGTERM)";
        }
    }
}
