using NewsNer.Cli.Broker;
using NewsNer.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace NewsNer.Tests.Scale;

/// <summary>The parts of the broker verbs that need no broker: time limit, journal, settings, statistics, command lines.</summary>
public class WorkerPartsTests
{
    private static readonly ArticleJob s_job = new("a1", "Emmanuel Macron a reçu mardi Olaf Scholz.", new DocumentOptions { Source = "a1" });

    [Fact]
    public async Task A_document_within_the_time_limit_is_returned()
    {
        var processor = new TimedProcessor(NewsPipeline.CreateDefault().Process, TimeSpan.FromSeconds(30));
        var outcome = await processor.RunAsync(s_job);
        Assert.Null(outcome.Error);
        Assert.Equal("a1", outcome.Document!.Source);
    }

    [Fact]
    public async Task A_processor_that_honours_its_token_stops_at_the_limit()
    {
        var processor = new TimedProcessor((_, _, token) => { Task.Delay(Timeout.Infinite, token).GetAwaiter().GetResult(); return null!; }, TimeSpan.FromMilliseconds(200));
        var outcome = await processor.RunAsync(s_job);
        Assert.Equal("over the per-document time limit of 0.2 s (worker --timeout)", outcome.Error);
        Assert.Equal(0, processor.Abandoned);
    }

    [Fact]
    public async Task A_processor_that_ignores_its_token_is_abandoned_after_the_grace_period()
    {
        using var release = new ManualResetEventSlim();
        var processor = new TimedProcessor((_, _, _) => { release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None); return null!; }, TimeSpan.FromMilliseconds(100));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await processor.RunAsync(s_job);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(20));
        Assert.StartsWith("over the per-document time limit", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(1, processor.Abandoned);
        release.Set();
        await TestBroker.WaitUntilAsync(() => Task.FromResult(processor.Abandoned == 0), TimeSpan.FromSeconds(10), "the abandoned computation to end");
    }

    [Fact]
    public async Task A_failing_processor_gives_its_exception_as_the_reason()
    {
        var processor = new TimedProcessor((_, _, _) => throw new InvalidOperationException("panne"), TimeSpan.FromSeconds(5));
        Assert.Equal("processing failed: InvalidOperationException: panne", (await processor.RunAsync(s_job)).Error);
    }

    [Fact]
    public void The_journal_remembers_confirmed_ids_across_runs_and_survives_a_torn_line()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("sub/in.enqueued");
        using (var journal = EnqueueJournal.Open(path))
        {
            journal.Add("a.txt");
            journal.Add("dossier/\"guillemets\"\nligne");
            journal.Add("a.txt");
        }

        File.AppendAllText(path, "\"coupé");
        using var again = EnqueueJournal.Open(path);
        Assert.Equal(2, again.Loaded);
        Assert.True(again.Contains("dossier/\"guillemets\"\nligne"));
        Assert.False(again.Contains("coupé"));
        Assert.Equal(3, File.ReadAllText(path).Count(c => c == '\n') + 1);
    }

    [Fact]
    public void Settings_come_from_the_option_or_the_environment_and_hide_the_password()
    {
        var settings = BrokerSettings.Parse("amqp://user:s3cret@broker.example:5672/news", null);
        Assert.Equal("newsner.articles", settings.ArticlesQueue);
        Assert.Equal(("newsner.results", "newsner.dead"), (settings.ResultsQueue, settings.DeadLetterQueue));
        Assert.DoesNotContain("s3cret", settings.Display, StringComparison.Ordinal);
        Assert.Contains("user:***@broker.example", settings.Display, StringComparison.Ordinal);
        Assert.Equal("p.articles", BrokerSettings.Parse("amqps://broker.example/", "p").ArticlesQueue);

        var refused = Assert.Throws<NewsNer.Cli.UsageException>(() => BrokerSettings.Parse("http://user:s3cret@host/", null));
        Assert.DoesNotContain("s3cret", refused.Message, StringComparison.Ordinal);
        Assert.Throws<NewsNer.Cli.UsageException>(() => BrokerSettings.Parse("amqp://host/", "amq.reserved"));
    }

    [Fact]
    public void The_summary_is_one_json_object_with_counts_and_times()
    {
        var statistics = new WorkerStatistics();
        statistics.Received();
        statistics.Processed(120);
        statistics.Received();
        statistics.Failed();
        var summary = JObject.Parse(statistics.ToJson());
        Assert.Equal((1, 1, 2, 120), ((int)summary["documents"]!, (int)summary["errors"]!, (int)summary["received"]!, (int)summary["tokens"]!));
        Assert.NotNull((string?)summary["first"]);
        Assert.Contains("1 documents, 1 error records", statistics.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("worker")]
    [InlineData("collect", "--output", "out.jsonl")]
    [InlineData("enqueue", ".")]
    public void Broker_verbs_without_a_broker_say_how_to_give_one(params string[] args)
    {
        var previous = Environment.GetEnvironmentVariable(BrokerSettings.UriVariable);
        Environment.SetEnvironmentVariable(BrokerSettings.UriVariable, null);
        try
        {
            var run = ConsoleHarness.Run(args);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--amqp amqp://", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(BrokerSettings.UriVariable, previous);
        }
    }

    [Theory]
    [InlineData("out.jsonl", "parquet", "is a file")]
    [InlineData("dir", "jsonl", "is a folder")]
    public void Collect_refuses_an_output_of_the_wrong_kind(string output, string format, string message)
    {
        using var temp = new TempFolder();
        temp.File("out.jsonl", "");
        Directory.CreateDirectory(temp.Combine("dir"));
        var run = ConsoleHarness.Run(["collect", "--amqp", "amqp://127.0.0.1:1/", "--output", output, "--format", format], "", temp.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_options_are_checked()
    {
        var run = ConsoleHarness.Run("worker", "--amqp", "amqp://127.0.0.1:1/", "--timeout", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--timeout must be a number of seconds", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_sources_are_read_without_reading_the_whole_document()
    {
        Assert.Equal("a.txt", ResultJson.ReadSource("""{"schema":"newsner/1","source":"a.txt","text":"x"}"""));
        Assert.Equal("b", ResultJson.ReadSource("""{"schema":"newsner/1","source":"b","error":{"message":"m"}}"""));
        Assert.Null(ResultJson.ReadSource("pas du json"));
        Assert.Null(ResultJson.ReadSource("""{"schema":"newsner/1","source":null}"""));
    }
}
