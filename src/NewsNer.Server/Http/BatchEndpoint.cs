using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using NewsNer.Serialization;
using NewsNer.Server.Processing;
using NewsNer.Server.Telemetry;

namespace NewsNer.Server.Http;

/// <summary>
/// <c>POST /v1/extract/batch</c>: JSON Lines in (one request object per line), JSON Lines out, one line per input line
/// in input order (blank lines are skipped), streamed as results complete and flushed line by line. A line that
/// cannot be read, parsed or processed in time gets an error record and the others go on. Memory is bounded: the body
/// is read as the window of documents in flight drains, and no line longer than the document limit is ever held.
/// </summary>
/// <remarks>
/// A batch is admitted like one request (503 when workers and queue are full, before anything is read) and then holds
/// one worker for its whole run; it also takes any worker that is free with nobody waiting for it, so that a lone batch
/// uses every core without ever delaying other requests beyond the document being processed. When the client goes
/// away, the lines not yet processed are cancelled.
/// </remarks>
internal sealed class BatchEndpoint(ProcessorHost host, WorkGate gate, DocumentRunner runner, ServerOptions options, ServerMetrics metrics)
{
    /// <summary>The content type of the answer.</summary>
    public const string ContentType = "application/x-ndjson; charset=utf-8";

    private readonly WorkGate _gate = gate;
    private readonly DocumentRunner _runner = runner;
    private readonly ServerOptions _options = options;
    private readonly ServerMetrics _metrics = metrics;

    public async Task HandleAsync(HttpContext context)
    {
        IDocumentProcessor processor;
        RequestQuery query;
        WorkGate.Admission admission;
        try
        {
            processor = ExtractEndpoint.ReadyProcessor(host);
            query = RequestQuery.Parse(context.Request.Query, batch: true);
            RequestBody.CheckBatch(context.Request.ContentType);
            if (context.Request.ContentLength > _options.MaxBatchBytes)
            {
                throw RequestException.TooLarge(ServerMessages.BodyTooLarge(context.Request.ContentLength.Value, _options.MaxBatchBytes));
            }

            admission = _gate.TryAdmit() ?? throw ExtractEndpoint.Overloaded(_gate, _metrics);
        }
        catch (RequestException error)
        {
            await ErrorResponse.WriteAsync(context, error, _metrics, retryAfter: error.Kind is ErrorKinds.Overloaded or ErrorKinds.NotReady ? ExtractEndpoint.RetryAfter(_gate, _metrics) : null);
            return;
        }

        using (admission)
        {
            RequestBody.LimitBody(context, _options.MaxBatchBytes);
            var run = new BatchRun(this, context, processor, query);
            await run.RunAsync();
        }
    }

    /// <summary>One batch request: the producer reads and schedules lines, the consumer writes results in order.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The batch's worker and its semaphore are released when its last document stops, which may be after the request (ReleaseHomeWhenIdleAsync).")]
    private sealed class BatchRun(BatchEndpoint endpoint, HttpContext context, IDocumentProcessor processor, RequestQuery query)
    {
        private readonly Channel<Task<LineResult>> _window = Channel.CreateBounded<Task<LineResult>>(
            new BoundedChannelOptions(Math.Max(1, endpoint._options.Window - 1)) { SingleReader = true, SingleWriter = true });

        // The worker this batch was given, lent to one of its documents at a time; and a signal, given each time one of
        // the batch's documents gives its worker back.
        private readonly SemaphoreSlim _home = new(1, 1);
        private readonly SemaphoreSlim _returned = new(0);
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);

        // Taken here, on the request's thread: the producer and the consumer run side by side and share it (thread-safe).
        private readonly RequestLog _log = RequestLog.Of(context);
        private IDisposable? _homePermit;

        public async Task RunAsync()
        {
            try
            {
                _homePermit = await endpoint._gate.AcquireWorkerAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                ExtractEndpoint.MarkAbandoned(context);
                _stop.Dispose();
                return;
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = ContentType;
            context.Response.Headers.CacheControl = "no-store";
            var producer = Task.Run(ProduceAsync);
            try
            {
                await ConsumeAsync();
            }
            finally
            {
                await _stop.CancelAsync();
                await producer;
                while (_window.Reader.TryRead(out var pending))
                {
                    await pending;
                }

                // The batch's worker goes back when no document of the batch is on it any more (work past its limit included).
                _ = ReleaseHomeWhenIdleAsync();
            }
        }

        private async Task ReleaseHomeWhenIdleAsync()
        {
            await _home.WaitAsync(CancellationToken.None);
            _homePermit!.Dispose();
            _home.Dispose();
            _stop.Dispose();

            // _returned stays undisposed: documents on extra workers may still run past their limit and signal it when they stop.
        }

        private async Task ProduceAsync()
        {
            var token = _stop.Token;
            try
            {
                await foreach (var line in JsonLinesReader.ReadAsync(context.Request.BodyReader, endpoint._options.MaxDocumentBytes, endpoint._options.MaxBatchBytes, token))
                {
                    if (line.IsBlank)
                    {
                        continue;
                    }

                    var result = await ScheduleAsync(line, token);
                    await _window.Writer.WriteAsync(result, token);
                }
            }
            catch (RequestException error)
            {
                // The body as a whole went wrong (over the batch limit): a last error record says so.
                _window.Writer.TryWrite(Task.FromResult(LineResult.Refused(0, "batch", error.Kind, error.Message)));
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException error)
            {
                var refusal = RequestBody.FromKestrel(error, endpoint._options.MaxBatchBytes);
                _window.Writer.TryWrite(Task.FromResult(LineResult.Refused(0, "batch", refusal.Kind, refusal.Message)));
            }
            catch (Exception error) when (error is OperationCanceledException or IOException)
            {
                // The client went away (or the response failed): the consumer stops too.
            }
            finally
            {
                _window.Writer.TryComplete();
            }
        }

        /// <summary>Starts a line: its task gives the document or the error record (a line that cannot be read fails at once).</summary>
        private async ValueTask<Task<LineResult>> ScheduleAsync(BodyLine line, CancellationToken token)
        {
            if (line.TooLong)
            {
                return Task.FromResult(LineResult.Refused(line.Number, null, ErrorKinds.TooLarge, ServerMessages.LineTooLarge(line.Number, endpoint._options.MaxDocumentBytes)));
            }

            ExtractionJob job;
            try
            {
                job = ExtractEndpoint.ToJob(RequestJson.Parse(line.Bytes), query);
            }
            catch (RequestException error)
            {
                return Task.FromResult(LineResult.Refused(line.Number, RequestJson.TrySource(line.Bytes), error.Kind, ServerMessages.BadLine(line.Number, error.Message)));
            }

            if (endpoint._options.LogText && _log.Text is null)
            {
                _log.Text = ExtractEndpoint.Excerpt(job.Text);
            }

            var permit = await AcquireWorkerAsync(token);
            return RunLineAsync(line.Number, job, permit, token);
        }

        /// <summary>
        /// A worker for the next document: the batch's own if it is free, else any free worker nobody waits for, else the
        /// first of the batch's workers to come back.
        /// </summary>
        private async Task<IDisposable> AcquireWorkerAsync(CancellationToken token)
        {
            while (true)
            {
                if (_home.Wait(0, CancellationToken.None))
                {
                    return new Loan(_home, _returned);
                }

                if (endpoint._gate.TryAcquireWorker() is { } extra)
                {
                    return new Loan(extra, _returned);
                }

                // One of this batch's documents is on a worker (the home one at least): wait until one of them stops.
                await _returned.WaitAsync(token);
            }
        }

        private async Task<LineResult> RunLineAsync(long number, ExtractionJob job, IDisposable permit, CancellationToken token)
        {
            var outcome = await endpoint._runner.RunAsync(processor, job, permit, token);
            return outcome.Status switch
            {
                RunStatus.Succeeded => new LineResult(number, job.Options.Source, outcome.Document, null, null),
                RunStatus.TimedOut => LineResult.Refused(number, job.Options.Source, ErrorKinds.Timeout, outcome.Error!),
                RunStatus.Failed => LineResult.Refused(number, job.Options.Source, ErrorKinds.Failed, outcome.Error!),
                _ => LineResult.Refused(number, job.Options.Source, null, outcome.Error!),
            };
        }

        private async Task ConsumeAsync()
        {
            var response = context.Response;
            var log = _log;
            var writer = new PipeTextWriter(response.BodyWriter);
            using var lines = new NewsJsonLinesWriter(writer, new NewsJsonOptions { IncludeTokens = query.Tokens });
            try
            {
                await response.StartAsync(_stop.Token);
                await foreach (var pending in _window.Reader.ReadAllAsync(CancellationToken.None))
                {
                    var result = await pending;
                    if (result.Document is { } document)
                    {
                        lines.Write(document);
                        log.Document(document);
                    }
                    else if (result.Kind is null)
                    {
                        // Abandoned: the client is gone, there is no one to write to.
                        return;
                    }
                    else
                    {
                        endpoint._metrics.Error(result.Kind);
                        log.LineError();
                        lines.WriteError(result.Source ?? "line " + result.Number.ToString(CultureInfo.InvariantCulture), result.Error!);
                    }

                    lines.Flush();
                    var flushed = await response.BodyWriter.FlushAsync(_stop.Token);
                    if (flushed.IsCanceled || flushed.IsCompleted)
                    {
                        return;
                    }
                }

                writer.Complete();
                await response.BodyWriter.FlushAsync(_stop.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or IOException)
            {
                // The client went away: the finally of RunAsync cancels the lines not yet processed.
            }
        }
    }

    /// <summary>A worker lent to one of the batch's documents (its own, or a free one); giving it back signals the producer.</summary>
    private sealed class Loan(object worker, SemaphoreSlim returned) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            if (worker is SemaphoreSlim home)
            {
                home.Release();
            }
            else
            {
                ((IDisposable)worker).Dispose();
            }

            returned.Release();
        }
    }

    /// <summary>A line's outcome: a document, or an error record (<see cref="Kind"/> null when the client went away).</summary>
    private sealed record LineResult(long Number, string? Source, Document? Document, string? Kind, string? Error)
    {
        public static LineResult Refused(long number, string? source, string? kind, string message) => new(number, source, null, kind, message);
    }
}
