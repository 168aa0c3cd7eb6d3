namespace NewsNer.Cli.Broker;

/// <summary>
/// Turns one article into a document: <see cref="NewsPipeline.Process"/> in production. A delegate so that tests can
/// exercise the time limit and failures with a deliberately slow or failing implementation.
/// </summary>
internal delegate Document ArticleProcessor(string text, DocumentOptions options, CancellationToken cancellationToken);

/// <summary>The document made from an article, or why there is none.</summary>
internal readonly record struct ProcessingOutcome(Document? Document, string? Error);

/// <summary>
/// Runs an <see cref="ArticleProcessor"/> under the per-document time limit. The processor gets a token cancelled at the
/// limit (the pipeline checks it between stages, and within stages where they support it); a processor that ignores it
/// is not waited for beyond the limit plus a grace period: the article gets its error record, and the abandoned
/// computation finishes in the background (counted in <see cref="Abandoned"/>: each holds a thread until it ends).
/// </summary>
internal sealed class TimedProcessor(ArticleProcessor processor, TimeSpan timeLimit)
{
    private int _abandoned;

    /// <summary>How long past the limit a processor that ignores its token is waited for.</summary>
    public static TimeSpan Grace { get; } = TimeSpan.FromSeconds(1);

    public TimeSpan TimeLimit { get; } = timeLimit;

    /// <summary>Computations given up at the time limit that have not finished yet.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    public async Task<ProcessingOutcome> RunAsync(ArticleJob job)
    {
        var limit = new CancellationTokenSource(TimeLimit);
        var token = limit.Token;
        var work = Task.Run(() => processor(job.Text, job.Options, token), CancellationToken.None);
        var abandoned = false;
        try
        {
            return new ProcessingOutcome(await work.WaitAsync(TimeLimit + Grace), null);
        }
        catch (TimeoutException)
        {
            // The token source lives until the computation ends: it may still be registering on its token.
            abandoned = true;
            Interlocked.Increment(ref _abandoned);
            _ = work.ContinueWith(
                finished =>
                {
                    _ = finished.Exception;
                    limit.Dispose();
                    Interlocked.Decrement(ref _abandoned);
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return new ProcessingOutcome(null, BrokerErrors.OverTimeLimit(TimeLimit));
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // Cancelled at the limit (an OperationCanceledException, possibly wrapped by the processor).
            return new ProcessingOutcome(null, BrokerErrors.OverTimeLimit(TimeLimit));
        }
        catch (Exception error)
        {
            return new ProcessingOutcome(null, BrokerErrors.ProcessingFailed(error));
        }
        finally
        {
            if (!abandoned)
            {
                limit.Dispose();
            }
        }
    }
}
