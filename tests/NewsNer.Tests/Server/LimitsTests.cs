using System.Diagnostics;
using System.Net;
using NewsNer.Server;
using Microsoft.Extensions.DependencyInjection;
using NewsNer.Server.Processing;

namespace NewsNer.Tests.Server;

/// <summary>Back-pressure, time limits, readiness and failures: each with its status and a newsner/1 error body.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task Full_workers_and_queue_give_503_with_retry_after_and_never_more_work_than_the_limit()
    {
        using var gated = new GatedProcessor();
        using var factory = new ServerFactory(new ServerOptions { MaxConcurrency = 2, QueueLimit = 2 }, () => gated);
        await factory.ReadyAsync();
        var client = factory.CreateClient();

        // 2 on the workers, 2 queued: the server is full.
        var admitted = Enumerable.Range(0, 4).Select(i => client.PostAsync("/v1/extract", Http.Text($"Texte {i}."))).ToList();
        await gated.WaitStartedAsync(2);
        await WaitUntil(() => factory.Services.GetService<WorkGate>()!.Admitted == 4);

        var refused = await client.PostAsync("/v1/extract", Http.Text("Un de trop."));
        await Http.AssertError(refused, HttpStatusCode.ServiceUnavailable, "at capacity");
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds");
        var batch = await client.PostAsync("/v1/extract/batch", Http.Lines("{\"text\": \"a\"}"));
        await Http.AssertError(batch, HttpStatusCode.ServiceUnavailable, "at capacity");
        Assert.Equal(2, gated.Running);

        gated.Release();
        foreach (var response in await Task.WhenAll(admitted))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(2, gated.MaxRunning);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/extract", Http.Text("De nouveau."))).StatusCode);
    }

    [Fact]
    public async Task A_batch_uses_free_workers_but_never_more_than_the_limit()
    {
        var running = 0;
        var max = 0;
        using var factory = new ServerFactory(new ServerOptions { MaxConcurrency = 3, BatchWindow = 12 }, () => new FuncProcessor((job, token) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref max, now);
            Thread.Sleep(15);
            Interlocked.Decrement(ref running);
            return TestProcessors.Tokens(job, token);
        }));
        await factory.ReadyAsync();
        var client = factory.CreateClient();
        var lines = Enumerable.Range(0, 30).Select(i => $"{{\"text\": \"Texte {i}.\"}}").ToArray();
        var batches = await Task.WhenAll(client.PostAsync("/v1/extract/batch", Http.Lines(lines)), client.PostAsync("/v1/extract/batch", Http.Lines(lines)));
        Assert.All(batches, b => Assert.Equal(HttpStatusCode.OK, b.StatusCode));
        Assert.InRange(max, 2, 3);
    }

    [Fact]
    public async Task A_document_past_the_time_limit_is_503_and_its_worker_stays_taken_until_the_work_stops()
    {
        // A processor that ignores its token until released, as a pipeline stage that checks it only between stages.
        using var stubborn = new GatedProcessor(honourToken: false);
        using var factory = new ServerFactory(new ServerOptions { MaxConcurrency = 1, DocumentTimeout = TimeSpan.FromMilliseconds(200) }, () => stubborn);
        await factory.ReadyAsync();
        var client = factory.CreateClient();

        var clock = Stopwatch.StartNew();
        var response = await client.PostAsync("/v1/extract", Http.Json("{\"text\": \"Texte hostile.\", \"source\": \"h.txt\"}"));
        await Http.AssertError(response, HttpStatusCode.ServiceUnavailable, "longer than the limit of 0.2 s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"answered at the limit, not when the work stopped ({clock.Elapsed})");
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal(1, factory.Metrics.Documents(RunStatus.TimedOut));

        // The work still runs: the only worker is taken, the next request waits for it.
        Assert.Equal(1, stubborn.Running);
        var next = client.PostAsync("/v1/extract", Http.Text("Suivant."));
        await Task.Delay(300);
        Assert.False(next.IsCompleted);
        stubborn.Release();
        Assert.Equal(HttpStatusCode.OK, (await next).StatusCode);
        await WaitUntil(() => factory.Metrics.Processing == 0);
    }

    [Fact]
    public async Task Until_the_models_are_loaded_the_server_is_live_but_not_ready()
    {
        using var loaded = new ManualResetEventSlim(false);
        using var factory = new ServerFactory(new ServerOptions(), () =>
        {
            loaded.Wait(TimeSpan.FromSeconds(30));
            return new FuncProcessor(TestProcessors.Tokens);
        });
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/health/live")).StatusCode);
        var ready = await client.GetAsync("/v1/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"status\":\"loading\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var early = await client.PostAsync("/v1/extract", Http.Text("Trop tôt."));
        await Http.AssertError(early, HttpStatusCode.ServiceUnavailable, "still loading");
        Assert.NotNull(early.Headers.RetryAfter);

        loaded.Set();
        await factory.ReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/extract", Http.Text("À temps."))).StatusCode);
    }

    [Fact]
    public async Task A_pipeline_failure_is_500_for_one_document_and_an_error_record_in_a_batch()
    {
        using var factory = new ServerFactory(new ServerOptions(), () => new FuncProcessor((job, token) =>
            job.Text.Contains("boum", StringComparison.Ordinal) ? throw new InvalidOperationException("stage exploded") : TestProcessors.Tokens(job, token)));
        await factory.ReadyAsync();
        var client = factory.CreateClient();
        await Http.AssertError(await client.PostAsync("/v1/extract", Http.Text("boum")), HttpStatusCode.InternalServerError, "stage exploded");
        var batch = await client.PostAsync("/v1/extract/batch", Http.Lines("{\"text\": \"boum\"}", "{\"text\": \"calme\"}"));
        var results = NewsNer.Serialization.NewsJson.ReadLines(new StringReader(await batch.Content.ReadAsStringAsync())).ToList();
        Assert.Contains("stage exploded", results[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("calme", results[1].Document!.Text);
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "condition not met in 30 s");
            await Task.Delay(10);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Volatile.Read(ref target);
        }
    }
}
