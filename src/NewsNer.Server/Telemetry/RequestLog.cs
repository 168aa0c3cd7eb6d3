using Microsoft.AspNetCore.Http;

namespace NewsNer.Server.Telemetry;

/// <summary>
/// What a request did, filled by the endpoints and written in one log line by <see cref="RequestTelemetryMiddleware"/>:
/// counts and sizes, never the text unless the server was started with <c>--log-text</c>.
/// </summary>
internal sealed class RequestLog
{
    private int _documents;
    private int _errors;
    private long _characters;
    private long _tokens;

    public int Documents => _documents;

    public int Errors => _errors;

    public long Characters => Interlocked.Read(ref _characters);

    public long Tokens => Interlocked.Read(ref _tokens);

    /// <summary>The request's error message (for a refused request).</summary>
    public string? Error { get; set; }

    /// <summary>The beginning of the first document's text, kept only with <c>--log-text</c>.</summary>
    public string? Text { get; set; }

    public static RequestLog Of(HttpContext context)
    {
        var log = context.Features.Get<RequestLog>();
        if (log is null)
        {
            log = new RequestLog();
            context.Features.Set(log);
        }

        return log;
    }

    public void Document(Document document)
    {
        Interlocked.Increment(ref _documents);
        Interlocked.Add(ref _characters, document.Text.Length);
        Interlocked.Add(ref _tokens, document.Tokens.Length);
    }

    public void LineError() => Interlocked.Increment(ref _errors);
}
