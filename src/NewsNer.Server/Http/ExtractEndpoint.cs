using Microsoft.AspNetCore.Http;
using NewsNer.Serialization;
using NewsNer.Server.Processing;
using NewsNer.Server.Telemetry;

namespace NewsNer.Server.Http;

/// <summary>
/// <c>POST /v1/extract</c>: one document in (<c>text/plain</c> or <c>application/json</c>), one <c>newsner/1</c> document
/// out. Refusals, in the order they are checked: 503 while the models load or the server stops, 400 for a bad query,
/// 415 for a content type other than the two, 503 + <c>Retry-After</c> when workers and queue are full, 413 for a body
/// over the limit, 400 for malformed JSON or bad encoding, 503 past the per-document time limit, 500 if the pipeline fails.
/// </summary>
internal sealed class ExtractEndpoint(ProcessorHost host, WorkGate gate, DocumentRunner runner, ServerOptions options, ServerMetrics metrics)
{
    public async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        try
        {
            var processor = ReadyProcessor(host);
            var query = RequestQuery.Parse(context.Request.Query, batch: false);
            var (format, encoding) = RequestBody.ClassifySingle(context.Request.ContentType);
            using var admission = gate.TryAdmit() ?? throw Overloaded(gate, metrics);
            var body = await RequestBody.ReadAsync(context, options.MaxDocumentBytes, aborted);
            var job = format == BodyFormat.Text
                ? new ExtractionJob(RequestBody.Decode(body, encoding), new DocumentOptions { PublicationDate = query.Date, Source = query.Source }, query.Types)
                : ToJob(RequestJson.Parse(body), query);
            body = null; // the async state machine would keep the bytes alive while the document is processed
            if (options.LogText)
            {
                RequestLog.Of(context).Text = Excerpt(job.Text);
            }

            var permit = await gate.AcquireWorkerAsync(aborted);
            var outcome = await runner.RunAsync(processor, job, permit, aborted);
            switch (outcome.Status)
            {
                case RunStatus.Succeeded:
                    RequestLog.Of(context).Document(outcome.Document!);
                    await WriteDocumentAsync(context, outcome.Document!, new NewsJsonOptions { IncludeTokens = query.Tokens, Indented = query.Indent });
                    break;
                case RunStatus.TimedOut:
                    await ErrorResponse.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorKinds.Timeout, outcome.Error!, metrics, job.Options.Source);
                    break;
                case RunStatus.Failed:
                    await ErrorResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, ErrorKinds.Failed, outcome.Error!, metrics, job.Options.Source);
                    break;
                default:
                    MarkAbandoned(context);
                    break;
            }
        }
        catch (RequestException error)
        {
            await ErrorResponse.WriteAsync(context, error, metrics, retryAfter: error.Kind is ErrorKinds.Overloaded or ErrorKinds.NotReady ? RetryAfter(gate, metrics) : null);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            MarkAbandoned(context);
        }
    }

    /// <summary>The client is gone: nobody reads an answer. 499 (client closed request) in the metrics and the log.</summary>
    public static void MarkAbandoned(HttpContext context)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = 499;
        }
    }

    /// <summary>The processor when the server is ready, else a 503 refusal (loading, or shutting down).</summary>
    public static IDocumentProcessor ReadyProcessor(ProcessorHost host) =>
        host.IsReady ? host.Processor! : throw new RequestException(StatusCodes.Status503ServiceUnavailable, ErrorKinds.NotReady, host.IsStopping ? ServerMessages.ShuttingDown : ServerMessages.Loading);

    /// <summary>The 503 for a full queue.</summary>
    public static RequestException Overloaded(WorkGate gate, ServerMetrics metrics) =>
        new(StatusCodes.Status503ServiceUnavailable, ErrorKinds.Overloaded, ServerMessages.Overloaded(gate.Workers, gate.Admitted, RetryAfter(gate, metrics)));

    /// <summary>
    /// When to come back: the time for the admitted requests to go through the workers at the recent pace (at least 1 s,
    /// at most 30 s).
    /// </summary>
    public static TimeSpan RetryAfter(WorkGate gate, ServerMetrics metrics)
    {
        var perDocument = metrics.AverageDocumentTime.TotalSeconds;
        var seconds = Math.Ceiling(gate.Admitted * Math.Max(perDocument, 0.001) / gate.Workers);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 30));
    }

    /// <summary>A JSON request made into a job; the query's date and source are defaults for fields the body leaves out.</summary>
    public static ExtractionJob ToJob(RequestJson request, RequestQuery query) => new(
        request.Text,
        new DocumentOptions { PublicationDate = request.Date ?? query.Date, Source = request.Source ?? query.Source, Metadata = request.Metadata },
        query.Types);

    /// <summary>The first characters of a text, on one line, for <c>--log-text</c>.</summary>
    public static string Excerpt(string text)
    {
        const int Length = 200;
        var excerpt = text.Length <= Length ? text : text[..Length] + "…";
        return excerpt.ReplaceLineEndings(" ");
    }

    private static async Task WriteDocumentAsync(HttpContext context, Document document, NewsJsonOptions json)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ErrorResponse.JsonContentType;
        var writer = new PipeTextWriter(context.Response.BodyWriter);
        NewsJson.Write(writer, document, json);
        writer.Write('\n');
        writer.Complete();
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
