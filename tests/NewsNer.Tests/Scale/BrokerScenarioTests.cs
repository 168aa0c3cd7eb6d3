using System.Collections.Concurrent;
using System.Text;
using NewsNer.Cli.Broker;
using NewsNer.Cli.Extraction;
using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace NewsNer.Tests.Scale;

/// <summary>
/// The workers against a real RabbitMQ (started by <c>.ci/broker-tests.sh</c>; Skipped without one): 2,000 articles with
/// a worker killed and another stopped mid-run, with the broker restarted mid-run, and poison messages. In every case each
/// article has exactly one result in the collected output, equal to the in-process result for the same text.
/// </summary>
[Trait("Category", "Broker")]
[Collection(BrokerTests.Name)]
public class BrokerScenarioTests
{
    private const int Articles = 2000;
    private static readonly TimeSpan s_long = TimeSpan.FromMinutes(4);

    [BrokerFact]
    public async Task Three_workers_one_killed_one_stopped_lose_nothing_and_do_nothing_wrong()
    {
        await using var broker = await TestBroker.CreateAsync("kill");
        using var temp = new TempFolder();
        var folder = temp.Combine("articles");
        SyntheticArticles.WriteFolder(folder, Articles);
        var enqueue = ConsoleHarness.Run(["enqueue", folder, "--amqp", TestBroker.Uri, "--prefix", broker.Prefix, "--no-journal"], "");
        Assert.True(enqueue.ExitCode == 0, enqueue.ToString());
        Assert.Equal((uint)Articles, await broker.ReadyAsync(broker.Settings.ArticlesQueue));

        using var killed = ConsoleProcess.Start(Worker(broker));
        using var stopped = ConsoleProcess.Start(Worker(broker));
        using var survivor = ConsoleProcess.Start(Worker(broker));
        await TestBroker.WaitUntilAsync(async () => await broker.ReadyAsync(broker.Settings.ResultsQueue) >= 300, s_long, "300 results");
        killed.Kill();
        await TestBroker.WaitUntilAsync(async () => await broker.ReadyAsync(broker.Settings.ResultsQueue) >= 900, s_long, "900 results");
        stopped.Terminate();
        Assert.True(await stopped.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, stopped.Stderr);
        Assert.Contains("newsner worker: stopped:", stopped.Stderr, StringComparison.Ordinal);

        var output = temp.Combine("results.jsonl");
        var collect = await Task.Run(() => ConsoleHarness.Run(Collect(broker, output, "--expect", "2000", "--idle", "120"), ""));
        Assert.True(collect.ExitCode == 0, collect.ToString());
        survivor.Terminate();
        Assert.True(await survivor.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, survivor.Stderr);

        AssertEveryArticleOnceAndAsInProcess(output);
        await AssertNothingLeftAsync(broker, output);
    }

    [BrokerFact]
    public async Task A_broker_restart_mid_run_loses_nothing()
    {
        await using var broker = await TestBroker.CreateAsync("restart");
        using var temp = new TempFolder();
        var folder = temp.Combine("articles");
        SyntheticArticles.WriteFolder(folder, Articles);

        // Enqueue while the broker is down: it waits for it, then publishes everything.
        await TestBroker.RunScriptAsync("stop-node");
        var enqueueTask = Task.Run(() => ConsoleHarness.Run(["enqueue", folder, "--amqp", TestBroker.Uri, "--prefix", broker.Prefix], ""));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(enqueueTask.IsCompleted, "enqueue should wait for the broker");
        await TestBroker.RunScriptAsync("start-node");
        var enqueue = await enqueueTask.WaitAsync(s_long);
        Assert.True(enqueue.ExitCode == 0, enqueue.ToString());
        Assert.Contains("cannot reach the broker", enqueue.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{Articles} published", enqueue.Stderr, StringComparison.Ordinal);

        // The journal makes a second run a no-op.
        var again = ConsoleHarness.Run(["enqueue", folder, "--amqp", TestBroker.Uri, "--prefix", broker.Prefix], "");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"0 published to {broker.Settings.ArticlesQueue}", again.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{Articles} already enqueued", again.Stderr, StringComparison.Ordinal);

        var output = temp.Combine("results.jsonl");
        using var workers = new DisposableList<ConsoleProcess>([.. Enumerable.Range(0, 3).Select(_ => ConsoleProcess.Start(Worker(broker)))]);
        using var collect = ConsoleProcess.Start(Collect(broker, output, "--expect", "2000", "--idle", "240"));
        await TestBroker.WaitUntilAsync(() => Task.FromResult(workers.Items.All(w => w.Stderr.Contains("connected to", StringComparison.Ordinal))), s_long, "the workers to connect");
        await TestBroker.WaitUntilAsync(() => Task.FromResult(CountLines(output) >= 100), s_long, "100 collected results");
        await TestBroker.RestartNodeAsync(TimeSpan.FromSeconds(2));
        Assert.True(CountLines(output) < Articles, "the restart should happen mid-run");

        Assert.True(await collect.WaitForExitAsync(s_long) == 0, collect.Stderr);
        Assert.True(collect.Stderr.Contains("connection lost", StringComparison.Ordinal), collect.Stderr);
        foreach (var worker in workers.Items)
        {
            worker.Terminate();
            Assert.True(await worker.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, worker.Stderr);
            Assert.True(worker.Stderr.Contains("connection lost", StringComparison.Ordinal), worker.Stderr);
        }

        AssertEveryArticleOnceAndAsInProcess(output);
        await AssertNothingLeftAsync(broker, output);
    }

    [BrokerFact]
    public async Task Poison_messages_get_error_records_and_dead_letters_and_the_rest_completes()
    {
        await using var broker = await TestBroker.CreateAsync("poison");
        const string Json = ArticleMessage.JsonContentType;

        // An article whose workers died three times: returned unacknowledged, its delivery count rises.
        await broker.PublishArticleAsync(Body("boucle", "Un texte ordinaire."), "boucle", Json);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("boucle", await broker.ReturnOnceAsync());
        }

        var poison = new Dictionary<string, string>
        {
            ["boucle"] = "delivered 4 times without an acknowledgement",
            ["latin1"] = "not valid UTF-8 (0xE9) at byte 3",
            ["trop-gros"] = "over the size limit of 20,000 bytes",
            ["lent"] = "over the per-document time limit of 1 s",
            ["patient"] = "over the per-document time limit of 1 s",
            ["echec"] = "processing failed: InvalidOperationException: panne simulée",
            ["json-casse"] = "not an article:",
            ["sans-texte"] = "not an article: the JSON has no \"text\" string",
            ["date-fausse"] = "not an article: \"date\" must be a day written YYYY-MM-DD",
        };
        await broker.PublishArticleAsync([0x43, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0x6F, 0x69, 0x72], "latin1", "text/plain");
        await broker.PublishArticleAsync(Encoding.UTF8.GetBytes(new string('a', 30_000)), "trop-gros", "text/plain");
        await broker.PublishArticleAsync(Body("lent", "LENTEUR " + SyntheticArticles.Text(7)), "lent", Json);
        await broker.PublishArticleAsync(Body("patient", "PATIENCE " + SyntheticArticles.Text(8)), "patient", Json);
        await broker.PublishArticleAsync(Body("echec", "ÉCHEC " + SyntheticArticles.Text(9)), "echec", Json);
        await broker.PublishArticleAsync(Encoding.UTF8.GetBytes("{\"text\": "), "json-casse", Json);
        await broker.PublishArticleAsync(Encoding.UTF8.GetBytes("{\"id\": \"sans-texte\", \"date\": null}"), "sans-texte", Json);
        await broker.PublishArticleAsync(Encoding.UTF8.GetBytes("{\"id\": \"date-fausse\", \"text\": \"x\", \"date\": \"15/10/2025\"}"), null, Json);
        const int Normal = 200;
        for (var i = 0; i < Normal; i++)
        {
            await broker.PublishArticleAsync(Body(Id(i), SyntheticArticles.Text(i)), Id(i), Json);
        }

        var pipeline = NewsPipeline.CreateDefault();
        Document Slow(string text, DocumentOptions options, CancellationToken token)
        {
            if (text.StartsWith("LENTEUR", StringComparison.Ordinal))
            {
                Thread.Sleep(TimeSpan.FromSeconds(4)); // ignores its token: the worker stops waiting at the limit
            }
            else if (text.StartsWith("PATIENCE", StringComparison.Ordinal))
            {
                Task.Delay(Timeout.Infinite, token).GetAwaiter().GetResult(); // honours its token: throws when the limit passes
            }
            else if (text.StartsWith("ÉCHEC", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("panne simulée");
            }

            return pipeline.Process(text, options, token);
        }

        var options = new WorkerOptions
        {
            Broker = broker.Settings,
            Parallel = 2,
            Prefetch = 4,
            MaxBytes = 20_000,
            TimeLimit = TimeSpan.FromSeconds(1),
            MaxAttempts = 3,
            StatusInterval = TimeSpan.Zero,
        };
        using var stop = new CancellationTokenSource();
        using var log = new SynchronizedLog();
        using var first = new NewsWorker(options, Slow, log.Writer);
        using var second = new NewsWorker(options, Slow, log.Writer);
        var running = Task.WhenAll(first.RunAsync(stop.Token), second.RunAsync(stop.Token));
        var expected = (uint)(Normal + poison.Count);
        await TestBroker.WaitUntilAsync(async () => await broker.ReadyAsync(broker.Settings.ResultsQueue) >= expected, s_long, $"{expected} results");

        // Nothing is redelivered forever: the counts stay put.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(expected, await broker.ReadyAsync(broker.Settings.ResultsQueue));
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0u, await broker.ReadyAsync(broker.Settings.ArticlesQueue));

        var dead = await broker.DrainAsync(broker.Settings.DeadLetterQueue);
        var deadById = dead.ToDictionary(m => Header(m.BasicProperties.Headers, "newsner-id")!, m => m);
        Assert.Equal(poison.Keys.Order(), deadById.Keys.Order());
        foreach (var (id, reason) in poison)
        {
            Assert.Contains(reason, Header(deadById[id].BasicProperties.Headers, "newsner-error"), StringComparison.Ordinal);
        }

        Assert.Equal([0x43, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0x6F, 0x69, 0x72], deadById["latin1"].Body.ToArray());

        using var temp = new TempFolder();
        var output = temp.Combine("results.jsonl");
        var collect = ConsoleHarness.Run(Collect(broker, output, "--expect", expected.ToString(System.Globalization.CultureInfo.InvariantCulture)), "");
        Assert.True(collect.ExitCode == 1, collect.ToString()); // error records were collected
        Assert.Contains($"({poison.Count} error records)", collect.Stderr, StringComparison.Ordinal);
        var lines = File.ReadAllLines(output);
        Assert.Equal((int)expected, lines.Length);
        var errors = lines.Select(JObject.Parse).Where(o => o["error"] is not null).ToDictionary(o => (string)o["source"]!, o => (string)o["error"]!["message"]!);
        Assert.Equal(poison.Keys.Order(), errors.Keys.Order());
        foreach (var (id, reason) in poison)
        {
            Assert.Contains(reason, errors[id], StringComparison.Ordinal);
        }

        var documents = lines.Where(l => !l.Contains("\"error\":{", StringComparison.Ordinal)).ToDictionary(l => NewsJson.Deserialize(l).Source!);
        Assert.Equal(Normal, documents.Count);
        Parallel.For(0, Normal, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            Assert.Equal(NewsJson.Serialize(pipeline.Process(SyntheticArticles.Text(i), new DocumentOptions { Source = Id(i) })), documents[Id(i)]));
        Assert.Contains("→ error record, dead-lettered", log.Text, StringComparison.Ordinal);
    }

    [BrokerFact]
    public async Task Collect_keeps_one_result_per_document_across_runs_in_json_lines_and_parquet()
    {
        await using var broker = await TestBroker.CreateAsync("collect");
        var pipeline = NewsPipeline.CreateDefault();
        string Result(int i) => NewsJson.Serialize(pipeline.Process(SyntheticArticles.Text(i), new DocumentOptions { Source = Id(i) }));
        string Error(string id)
        {
            using var writer = new StringWriter();
            NewsJson.WriteError(writer, id, "not valid UTF-8");
            return writer.ToString();
        }

        using var temp = new TempFolder();
        var jsonl = temp.Combine("out/results.jsonl");
        var parquet = temp.Combine("tables");
        foreach (var (output, format) in new[] { (jsonl, "jsonl"), (parquet, "parquet") })
        {
            await broker.PublishResultAsync(Result(0), Id(0));
            await broker.PublishResultAsync(Result(1), Id(1));
            await broker.PublishResultAsync(Result(0), Id(0));        // a redelivery duplicate
            await broker.PublishResultAsync(Error("bad"), "bad");
            var run = ConsoleHarness.Run(Collect(broker, output, "--format", format, "--idle", "1"), "");
            Assert.True(run.ExitCode == 1, run.ToString()); // one error record
            Assert.Contains("3 results written", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("1 duplicates dropped", run.Stderr, StringComparison.Ordinal);

            await broker.PublishResultAsync(Result(1), Id(1));        // already in the output from the first run
            await broker.PublishResultAsync(Result(2), Id(2));
            run = ConsoleHarness.Run(Collect(broker, output, "--format", format, "--expect", "4"), "");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("4 documents in the output", run.Stderr, StringComparison.Ordinal);
            Assert.Equal(0u, await broker.ReadyAsync(broker.Settings.ResultsQueue));
        }

        Assert.Equal([Id(0), Id(1), "bad", Id(2)], File.ReadAllLines(jsonl).Select(l => ResultJson.ReadSource(l)));
        Assert.Equal(["bad", Id(0), Id(1), Id(2)], DuckDb.Strings($"SELECT document_id FROM {DuckDb.Table(parquet, "documents")}"));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(parquet, "documents"), "*.parquet").Length);
        Assert.Equal("not valid UTF-8", DuckDb.Scalar($"SELECT error FROM {DuckDb.Table(parquet, "documents")} WHERE document_id = 'bad'"));
        Assert.Equal(
            DuckDb.Scalar($"SELECT sum(entity_count) FROM {DuckDb.Table(parquet, "documents")}"),
            DuckDb.Scalar($"SELECT count(*)::HUGEINT FROM {DuckDb.Table(parquet, "entities")}"));
    }

    // No article left, none dead, and any result left behind (collect stops at the expected count) is a duplicate.
    private static async Task AssertNothingLeftAsync(TestBroker broker, string output)
    {
        Assert.Equal(0u, await broker.ReadyAsync(broker.Settings.ArticlesQueue));
        Assert.Equal(0u, await broker.ReadyAsync(broker.Settings.DeadLetterQueue));
        var collected = File.ReadLines(output).Select(ResultJson.ReadSource).ToHashSet();
        Assert.All(await broker.DrainAsync(broker.Settings.ResultsQueue), late => Assert.Contains(late.BasicProperties.MessageId, collected));
    }

    private static string Id(int i) => "n" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Body(string id, string text) =>
        Encoding.UTF8.GetBytes(new JObject { ["id"] = id, ["text"] = text }.ToString(Newtonsoft.Json.Formatting.None));

    private static string[] Worker(TestBroker broker) =>
        ["worker", "--prefix", broker.Prefix, "--parallel", "1", "--prefetch", "2", "--status", "0"];

    private static string[] Collect(TestBroker broker, string output, params string[] extra) =>
        ["collect", "--amqp", TestBroker.Uri, "--prefix", broker.Prefix, "--output", output, .. extra];

    private static string? Header(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;

    private static int CountLines(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var count = 0;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            count += b == '\n' ? 1 : 0;
        }

        return count;
    }

    // One line per article, no other line, each the JSON the pipeline gives in process for the same text and options.
    private static void AssertEveryArticleOnceAndAsInProcess(string output)
    {
        var lines = File.ReadAllLines(output);
        var bySource = lines.GroupBy(ResultJson.ReadSource).ToDictionary(g => g.Key ?? "(none)", g => g.ToList());
        Assert.Equal(Enumerable.Range(0, Articles).Select(SyntheticArticles.FileName).Order(StringComparer.Ordinal), bySource.Keys.Order(StringComparer.Ordinal));
        Assert.All(bySource, pair => Assert.Single(pair.Value));
        var mismatches = Enumerable.Range(0, Articles).Where(i => bySource[SyntheticArticles.FileName(i)][0] != ExpectedResults.For(i)).ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} results differ from the in-process result, e.g. {string.Join(", ", mismatches.Take(5).Select(SyntheticArticles.FileName))}");
    }

    /// <summary>The in-process results of the synthetic article files, computed once for all the tests.</summary>
    private static class ExpectedResults
    {
        private static readonly ConcurrentDictionary<int, string> s_results = new();

        public static string For(int index)
        {
            if (s_results.IsEmpty)
            {
                var pipeline = NewsPipeline.CreateDefault();
                Parallel.For(0, Articles, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                {
                    var article = Article.Parse(SyntheticArticles.File(i));
                    var options = new DocumentOptions { Source = SyntheticArticles.FileName(i), PublicationDate = article.Date, Metadata = article.Metadata() };
                    s_results[i] = NewsJson.Serialize(pipeline.Process(article.Text, options));
                });
            }

            return s_results[index];
        }
    }
}

/// <summary>The broker tests share one broker node (one restarts it): they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerTests
{
    public const string Name = "broker";
}

/// <summary>A text writer several workers log to at once.</summary>
internal sealed class SynchronizedLog : IDisposable
{
    private readonly StringWriter _inner = new();

    public SynchronizedLog()
    {
        Writer = TextWriter.Synchronized(_inner);
    }

    public TextWriter Writer { get; }

    public string Text => _inner.ToString();

    public void Dispose() => _inner.Dispose();
}

/// <summary>Disposes each item.</summary>
internal sealed class DisposableList<T>(List<T> items) : IDisposable
    where T : IDisposable
{
    public IReadOnlyList<T> Items => items;

    public void Dispose()
    {
        foreach (var item in items)
        {
            item.Dispose();
        }
    }
}
