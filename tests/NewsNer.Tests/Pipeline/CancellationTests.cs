using System.Diagnostics;
using NewsNer.Pipeline;

namespace NewsNer.Tests.Pipeline;

/// <summary>
/// Cancellation is honoured inside the stages, not only between them, and a batch can give each document a time limit:
/// the document that exceeds it becomes an error result and the batch goes on.
/// </summary>
public class CancellationTests
{
    private const string Clause = "Le président Poutine a reçu le président al-Chaar au Kremlin, ";

    private static string LongText(int chars) => string.Concat(Enumerable.Repeat(Clause, chars / Clause.Length));

    [Fact]
    public void A_cancelled_token_stops_processing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => NewsPipeline.CreateDefault().Process("Bonjour.", null, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => NewsPipeline.CreateDefault().ProcessCompact("Bonjour.", null, cancelled.Token));
    }

    [Theory]
    [InlineData("tokenizer")]
    [InlineData("sentences")]
    [InlineData("entities")]
    [InlineData("linking")]
    public void Each_stage_checks_the_token_inside_its_own_work(string name)
    {
        // The stage alone, on the layers the stages before it made, with a token already cancelled: only a stage that
        // checks as it works notices (the pipeline's checks between stages are not involved).
        var stages = NewsPipeline.CreateDefault().Stages;
        var state = new AnnotationState(LongText(50_000), DocumentOptions.None);
        foreach (var stage in stages.TakeWhile(s => s.Name != name))
        {
            stage.Run(state, CancellationToken.None);
            state.Done |= stage.Produces;
        }

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var tested = stages.Single(s => s.Name == name);
        Assert.ThrowsAny<OperationCanceledException>(() => tested.Run(state, cancelled.Token));
    }

    [Fact]
    public void A_long_document_stops_soon_after_cancellation()
    {
        // Three megabytes take seconds; cancelled after 100 ms, the call ends with an OperationCanceledException.
        using var source = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => NewsPipeline.CreateDefault().Process(LongText(3_000_000), null, source.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_document_over_the_time_limit_becomes_an_error_result_and_the_batch_goes_on()
    {
        var inputs = new[]
        {
            new DocumentInput("Le président Macron a reçu Vladimir Poutine à Paris.", Id: "short-1"),
            new DocumentInput(LongText(3_000_000), Id: "long"),
            new DocumentInput("Ahmad al-Chaar est arrivé à Moscou.", Id: "short-2"),
        };
        var options = new BatchOptions { MaxDocumentTime = TimeSpan.FromMilliseconds(300) };
        var results = NewsPipeline.CreateDefault().ProcessMany(inputs, options).ToList();
        Assert.Equal(["short-1", "long", "short-2"], results.Select(r => r.Id));
        Assert.True(results[0].Succeeded);
        Assert.True(results[2].Succeeded);
        var timeout = Assert.IsType<TimeoutException>(results[1].Error);
        Assert.Contains("time limit of 0.3 s", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_finishes_past_its_time_is_a_time_out_even_if_nothing_stopped_it()
    {
        // One microsecond: the cancelling timer cannot fire before the stages finish this sentence, so the result is
        // decided by the time the document took, as under a saturated thread pool.
        var options = new BatchOptions { MaxDocumentTime = TimeSpan.FromMicroseconds(1) };
        var inputs = new[] { new DocumentInput("Le président Macron a reçu Vladimir Poutine à Paris.", Id: "short") };
        var result = Assert.Single(NewsPipeline.CreateDefault().ProcessMany(inputs, options));
        Assert.IsType<TimeoutException>(result.Error);
        Assert.Null(result.Document);
    }

    [Fact]
    public async Task The_time_limit_applies_to_the_asynchronous_batch_on_several_workers()
    {
        static async IAsyncEnumerable<DocumentInput> Inputs()
        {
            yield return new DocumentInput(LongText(3_000_000), Id: "long");
            await Task.Yield();
            yield return new DocumentInput("Le président Macron a reçu Vladimir Poutine à Paris.", Id: "short");
        }

        var options = new BatchOptions { MaxDocumentTime = TimeSpan.FromMilliseconds(300), MaxDegreeOfParallelism = 2 };
        var results = new List<DocumentResult>();
        await foreach (var result in NewsPipeline.CreateDefault().ProcessManyAsync(Inputs(), options))
        {
            results.Add(result);
        }

        Assert.IsType<TimeoutException>(results[0].Error);
        Assert.True(results[1].Succeeded, results[1].Error?.ToString());
    }

    [Fact]
    public void A_cancelled_parallel_batch_returns_at_once_while_a_long_document_is_in_progress()
    {
        using var source = new CancellationTokenSource();
        var inputs = new[] { new DocumentInput(LongText(3_000_000), Id: "long"), new DocumentInput("Bonjour.", Id: "short") };
        var batch = NewsPipeline.CreateDefault().ProcessMany(inputs, new BatchOptions { MaxDegreeOfParallelism = 2 }, source.Token);
        source.CancelAfter(200);
        Assert.ThrowsAny<OperationCanceledException>(() => batch.ToList());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_time_limit_must_be_positive(int milliseconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchOptions { MaxDocumentTime = TimeSpan.FromMilliseconds(milliseconds) });
}
