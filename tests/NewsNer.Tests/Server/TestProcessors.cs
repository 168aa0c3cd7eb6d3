using NewsNer.Server.Processing;

namespace NewsNer.Tests.Server;

/// <summary>Processors for the server tests: the real pipeline, and stand-ins whose speed and failures the test controls.</summary>
internal static class TestProcessors
{
    private static readonly Lazy<NewsPipeline> s_tokens = new(() => NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().Build());

    /// <summary>The real default pipeline (as <c>newsner serve</c> runs it).</summary>
    public static IDocumentProcessor Real() => new PipelineProcessor(NewsPipeline.CreateDefault());

    /// <summary>Tokens and sentences only: a real document, fast.</summary>
    public static Document Tokens(ExtractionJob job, CancellationToken cancellationToken) => s_tokens.Value.Process(job.Text, job.Options, cancellationToken);

    /// <summary>Builds the tokens pipeline now (processors call it when created, that is while the server "loads its models"),
    /// so that no request pays for it against a short time limit.</summary>
    public static void Warm() => _ = s_tokens.Value;
}

/// <summary>A processor made of a function.</summary>
internal sealed class FuncProcessor : IDocumentProcessor
{
    private readonly Func<ExtractionJob, CancellationToken, Document> _process;

    public FuncProcessor(Func<ExtractionJob, CancellationToken, Document> process)
    {
        TestProcessors.Warm();
        _process = process;
    }

    public Document Process(ExtractionJob job, CancellationToken cancellationToken) => _process(job, cancellationToken);
}

/// <summary>
/// Holds every document until <see cref="Release"/> and records how many ran at once. With <c>honourToken</c> false it
/// ignores cancellation, as a pipeline stage that checks its token only at its end.
/// </summary>
internal sealed class GatedProcessor(bool honourToken = true) : IDocumentProcessor, IDisposable
{
    private readonly bool _warm = Warm();
    private readonly ManualResetEventSlim _open = new(false);
    private readonly SemaphoreSlim _started = new(0);
    private int _running;
    private int _maxRunning;

    public int Running => Volatile.Read(ref _running);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public void Release() => _open.Set();

    public void Dispose()
    {
        _open.Set();
        _started.Dispose();
    }

    /// <summary>Waits until <paramref name="count"/> more documents have started.</summary>
    public async Task WaitStartedAsync(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await _started.WaitAsync(TimeSpan.FromSeconds(30)), "a document should have started");
        }
    }

    public Document Process(ExtractionJob job, CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        _started.Release();
        try
        {
            if (honourToken)
            {
                _open.Wait(cancellationToken);
            }
            else
            {
                _open.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return TestProcessors.Tokens(job, CancellationToken.None);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static bool Warm()
    {
        TestProcessors.Warm();
        return true;
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
