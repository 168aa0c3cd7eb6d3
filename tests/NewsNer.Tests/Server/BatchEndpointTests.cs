using System.IO.Pipelines;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsNer.Serialization;
using NewsNer.Server;
using NewsNer.Server.Processing;
using Newtonsoft.Json.Linq;

namespace NewsNer.Tests.Server;

/// <summary><c>POST /v1/extract/batch</c>: one answer line per input line, in input order, streamed, bad lines isolated.</summary>
public sealed class BatchEndpointTests
{
    [Fact]
    public async Task Every_line_gets_its_document_or_error_record_in_input_order()
    {
        using var factory = new ServerFactory(new ServerOptions { MaxDocumentBytes = 2_000 });
        await factory.ReadyAsync();
        var client = factory.CreateClient();
        var lines = new[]
        {
            "{\"text\": \"Emmanuel Macron est à Berlin.\", \"source\": \"a\"}",
            "",
            "pas du JSON",
            "{\"text\": \"Olaf Scholz reçoit Macron.\", \"source\": \"c\", \"date\": \"2025-10-15\"}\r",
            "{\"text\": \"" + new string('x', 3_000) + "\", \"source\": \"too-big\"}",
            "{\"source\": \"no-text\"}",
            "{\"text\": \"Le Kremlin a confirmé.\", \"metadata\": {\"k\": \"v\"}}",
        };
        var response = await client.PostAsync("/v1/extract/batch?tokens=false&source=default", Http.Lines(lines));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var results = NewsJson.ReadLines(new StringReader(await response.Content.ReadAsStringAsync())).ToList();

        Assert.Equal(6, results.Count);
        Assert.Equal("a", results[0].Document!.Source);
        Assert.Equal("line 3", results[1].Id);
        Assert.Contains("line 3: malformed JSON", results[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("Olaf Scholz reçoit Macron.", results[2].Document!.Text);
        Assert.Equal(new DateOnly(2025, 10, 15), results[2].Document!.PublicationDate);
        Assert.Equal("line 5", results[3].Id);
        Assert.Contains("over the document limit of 2,000 bytes", results[3].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("no-text", results[4].Id);
        Assert.Contains("no 'text' field", results[4].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("default", results[5].Document!.Source);
        Assert.Equal("v", results[5].Document!.Metadata["k"]);
        Assert.Empty(results[0].Document!.Tokens);
    }

    [Fact]
    public async Task Order_is_kept_when_later_lines_finish_first()
    {
        // Workers 2, a window of 8: early lines are the slowest, so results complete out of order and must be put back in order.
        using var factory = new ServerFactory(new ServerOptions { MaxConcurrency = 2, BatchWindow = 8 }, () => new FuncProcessor((job, token) =>
        {
            var n = int.Parse(job.Options.Source!, System.Globalization.CultureInfo.InvariantCulture);
            Thread.Sleep((40 - n) % 7 * 3);
            return TestProcessors.Tokens(job, token);
        }));
        await factory.ReadyAsync();
        var lines = Enumerable.Range(0, 40).Select(i => new JObject { ["text"] = $"Texte numéro {i}.", ["source"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }.ToString(Newtonsoft.Json.Formatting.None)).ToArray();
        var response = await factory.CreateClient().PostAsync("/v1/extract/batch", Http.Lines(lines));
        var results = NewsJson.ReadLines(new StringReader(await response.Content.ReadAsStringAsync())).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results.Select(r => r.Document!.Source));
        Assert.All(results, r => Assert.Equal($"Texte numéro {r.Document!.Source}.", r.Document.Text));
    }

    [Fact]
    public async Task Results_stream_while_the_body_is_still_being_sent()
    {
        using var factory = new ServerFactory(new ServerOptions(), () => new FuncProcessor(TestProcessors.Tokens));
        await factory.ReadyAsync();
        var body = new Pipe();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/extract/batch") { Content = new StreamContent(body.Reader.AsStream()) };
        request.Content.Headers.ContentType = new("application/x-ndjson");
        // The test server's own client: the factory's default one buffers request bodies (to follow redirects).
        var sending = factory.Server.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        await body.Writer.WriteAsync(Encoding.UTF8.GetBytes("{\"text\": \"Premier texte.\"}\n"));
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // The first answer comes before the second line is even written: nothing waits for the whole body.
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Premier texte.", NewsJson.Deserialize(first!).Text);
        await body.Writer.WriteAsync(Encoding.UTF8.GetBytes("{\"text\": \"Second texte.\"}\n"));
        var second = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Second texte.", NewsJson.Deserialize(second!).Text);
        await body.Writer.CompleteAsync();
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task When_the_client_goes_away_the_rest_of_the_batch_is_cancelled()
    {
        var started = 0;
        await using var server = await KestrelServer.StartAsync(new ServerOptions { MaxConcurrency = 2, BatchWindow = 4 }, () => new FuncProcessor((job, token) =>
        {
            Interlocked.Increment(ref started);
            token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(50));
            token.ThrowIfCancellationRequested();
            return TestProcessors.Tokens(job, token);
        }));
        // A client that closes the connection when it stops reading (HttpClient would otherwise drain the answer to reuse it).
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = server.Address };
        var lines = string.Concat(Enumerable.Range(0, 400).Select(i => $"{{\"text\": \"Texte {i}.\"}}\n"));
        using var abort = new CancellationTokenSource();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/extract/batch") { Content = Http.Bytes(Encoding.UTF8.GetBytes(lines), "application/x-ndjson") };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abort.Token);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(abort.Token));
        Assert.NotNull(await reader.ReadLineAsync(abort.Token));
        await abort.CancelAsync();
        response.Dispose();

        // The server notices, cancels what is in flight and reads no further: the work stops far short of 400 lines.
        var gate = server.Host.Services.GetRequiredService<WorkGate>();
        await LimitsTests.WaitUntil(() => gate.Busy == 0 && gate.Admitted == 0);
        var after = Volatile.Read(ref started);
        await Task.Delay(300);
        Assert.Equal(after, Volatile.Read(ref started));
        Assert.InRange(after, 1, 40);
    }

    [Fact]
    public async Task A_line_past_the_time_limit_gets_an_error_record_and_the_others_go_on()
    {
        // The limit leaves the quick lines seconds: on a loaded machine (the whole suite on 2 cores) a line may wait
        // over a second for a thread-pool thread, and 1 s made the first quick line time out (seen once in CI).
        using var factory = new ServerFactory(new ServerOptions { DocumentTimeout = TimeSpan.FromSeconds(5) }, () => new FuncProcessor((job, token) =>
        {
            if (job.Text.StartsWith("lent", StringComparison.Ordinal))
            {
                token.WaitHandle.WaitOne(TimeSpan.FromSeconds(60));
                token.ThrowIfCancellationRequested();
            }

            return TestProcessors.Tokens(job, token);
        }));
        await factory.ReadyAsync();
        var response = await factory.CreateClient().PostAsync("/v1/extract/batch", Http.Lines("{\"text\": \"vite un\"}", "{\"text\": \"lent\", \"source\": \"s\"}", "{\"text\": \"vite deux\"}"));
        var results = NewsJson.ReadLines(new StringReader(await response.Content.ReadAsStringAsync())).ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal("vite un", results[0].Document!.Text);
        Assert.Equal("s", results[1].Id);
        Assert.Contains("longer than the limit of 5 s", results[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("vite deux", results[2].Document!.Text);
        Assert.Equal(1, factory.Metrics.Documents(RunStatus.TimedOut));
    }

    [Fact]
    public async Task A_batch_over_its_size_limit_is_413_when_announced_and_ends_with_an_error_record_when_streamed()
    {
        using var factory = new ServerFactory(new ServerOptions { MaxBatchBytes = 1_000 }, () => new FuncProcessor(TestProcessors.Tokens));
        await factory.ReadyAsync();
        var client = factory.CreateClient();
        var lines = Enumerable.Range(0, 40).Select(i => "{\"text\": \"Une phrase assez longue pour remplir.\"}").ToArray();
        await Http.AssertError(await client.PostAsync("/v1/extract/batch", Http.Lines(lines)), HttpStatusCode.RequestEntityTooLarge, "over the limit of 1,000 bytes");

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")));
        chunked.Headers.ContentType = new("application/x-ndjson");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/extract/batch") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = NewsJson.ReadLines(new StringReader(await response.Content.ReadAsStringAsync())).ToList();
        Assert.InRange(results.Count(r => r.Succeeded), 1, 39);
        Assert.Equal("batch", results[^1].Id);
        Assert.Contains("lines after line", results[^1].Error!.Message, StringComparison.Ordinal);
        Assert.All(results[..^1], r => Assert.True(r.Succeeded, r.Error?.Message));
    }

    [Theory]
    [InlineData("application/json", "application/x-ndjson")]
    [InlineData("text/plain", "application/x-ndjson")]
    [InlineData(null, "Content-Type")]
    public async Task A_batch_with_another_content_type_is_415(string? contentType, string message)
    {
        using var factory = new ServerFactory(new ServerOptions(), () => new FuncProcessor(TestProcessors.Tokens));
        await factory.ReadyAsync();
        var response = await factory.CreateClient().PostAsync("/v1/extract/batch", Http.Bytes(Encoding.UTF8.GetBytes("{\"text\": \"a\"}\n"), contentType));
        await Http.AssertError(response, HttpStatusCode.UnsupportedMediaType, message);
    }

    [Fact]
    public async Task Jsonl_content_types_and_an_empty_body_are_accepted()
    {
        using var factory = new ServerFactory(new ServerOptions(), () => new FuncProcessor(TestProcessors.Tokens));
        await factory.ReadyAsync();
        var client = factory.CreateClient();
        var response = await client.PostAsync("/v1/extract/batch", Http.Bytes(Encoding.UTF8.GetBytes("{\"text\": \"a\"}"), "application/jsonl"));
        Assert.Single(NewsJson.ReadLines(new StringReader(await response.Content.ReadAsStringAsync())));
        response = await client.PostAsync("/v1/extract/batch", Http.Bytes([], "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_console_renders_what_the_server_returns()
    {
        using var factory = new ServerFactory(new ServerOptions());
        await factory.ReadyAsync();
        var client = factory.CreateClient();
        using var folder = new TestSupport.TempFolder();
        var single = await client.PostAsync("/v1/extract", Http.Text(ExtractEndpointTests.Article));
        var json = folder.File("one.json", await single.Content.ReadAsStringAsync());
        var batch = await client.PostAsync("/v1/extract/batch", Http.Lines("{\"text\": \"Emmanuel Macron est à Berlin.\", \"source\": \"a\"}", "oops"));
        var jsonl = folder.File("many.jsonl", await batch.Content.ReadAsStringAsync());

        var one = TestSupport.ConsoleHarness.Run("render", json, "--format", "table");
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains("Macron", one.Stdout, StringComparison.Ordinal);
        var many = TestSupport.ConsoleHarness.Run("render", jsonl, "--format", "csv", "--output", folder.Combine("csv"));
        Assert.Equal(1, many.ExitCode);
        Assert.Contains("line 2", File.ReadAllText(folder.Combine("csv/errors.csv")), StringComparison.Ordinal);
        Assert.Contains("Berlin", File.ReadAllText(folder.Combine("csv/entities.csv")), StringComparison.Ordinal);
    }
}
