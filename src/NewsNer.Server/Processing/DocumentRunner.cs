using NewsNer.Server.Telemetry;

namespace NewsNer.Server.Processing;

/// <summary>How one document's processing ended.</summary>
internal enum RunStatus
{
    /// <summary>A document was produced.</summary>
    Succeeded,

    /// <summary>The per-document time limit passed first.</summary>
    TimedOut,

    /// <summary>The pipeline threw.</summary>
    Failed,

    /// <summary>The client went away (or the server cut the request at the end of its shutdown grace).</summary>
    Abandoned,
}

/// <summary>The outcome of one document: the document, or why there is none.</summary>
internal readonly record struct RunOutcome(RunStatus Status, Document? Document, string? Error);

/// <summary>
/// Runs one job on the thread pool under a worker permit and the per-document time limit. The caller gets its answer
/// when the limit passes even if the pipeline has not yet noticed the cancellation; the permit is given back only when
/// the work has really stopped, so the number of threads doing pipeline work never exceeds the limit.
/// </summary>
internal sealed class DocumentRunner(ServerOptions options, ServerMetrics metrics)
{
    public async Task<RunOutcome> RunAsync(IDocumentProcessor processor, ExtractionJob job, IDisposable permit, CancellationToken abandoned)
    {
        // The limit's token source is shared by the work and by this wait: the last of the two to finish disposes it.
        var limit = new SharedLimit(CancellationTokenSource.CreateLinkedTokenSource(abandoned), options.DocumentTimeout);
        var token = limit.Token;
        var started = TimeProvider.System.GetTimestamp();
        metrics.DocumentStarted();
        var work = Task.Run(() => processor.Process(job, token), CancellationToken.None);
        _ = work.ContinueWith(
            _ =>
            {
                permit.Dispose();
                metrics.DocumentStopped();
                limit.Release();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        RunOutcome outcome;
        try
        {
            var document = await work.WaitAsync(token);
            outcome = new RunOutcome(RunStatus.Succeeded, document, null);
        }
        catch (OperationCanceledException) when (work.IsCompletedSuccessfully)
        {
            // Done just as the limit passed: the document is there, use it.
            outcome = new RunOutcome(RunStatus.Succeeded, work.Result, null);
        }
        catch (OperationCanceledException) when (abandoned.IsCancellationRequested)
        {
            outcome = new RunOutcome(RunStatus.Abandoned, null, ServerMessages.Abandoned);
        }
        catch (OperationCanceledException)
        {
            outcome = new RunOutcome(RunStatus.TimedOut, null, ServerMessages.DocumentTimedOut(options.DocumentTimeout, job.Text.Length));
        }
        catch (Exception error)
        {
            outcome = new RunOutcome(RunStatus.Failed, null, ServerMessages.ProcessingFailed(error));
        }
        finally
        {
            limit.Release();
        }

        metrics.DocumentDone(outcome.Status, outcome.Document, TimeProvider.System.GetElapsedTime(started));
        return outcome;
    }

    private sealed class SharedLimit
    {
        private readonly CancellationTokenSource _source;
        private int _holders = 2;

        public SharedLimit(CancellationTokenSource source, TimeSpan limit)
        {
            _source = source;
            Token = source.Token;
            source.CancelAfter(limit);
        }

        public CancellationToken Token { get; }

        public void Release()
        {
            if (Interlocked.Decrement(ref _holders) == 0)
            {
                _source.Dispose();
            }
        }
    }
}
