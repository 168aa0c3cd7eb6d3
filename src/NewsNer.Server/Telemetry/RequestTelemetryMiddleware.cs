using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsNer.Server.Telemetry;

/// <summary>
/// The outermost middleware: counts every request (in flight, by endpoint and status, latency) and logs one line per
/// request with its counts. The article text is logged only when the server was started with <c>--log-text</c>.
/// </summary>
internal sealed partial class RequestTelemetryMiddleware(RequestDelegate next, ServerMetrics metrics, ServerOptions options, ILogger<RequestTelemetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.RequestStarted();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            metrics.RequestFinished(EndpointName(context.Request.Path), status, elapsed);
            if (options.LogRequests && logger.IsEnabled(LogLevel.Information))
            {
                Log(context, status, elapsed);
            }
        }
    }

    /// <summary>The <c>endpoint</c> label: a fixed set of names, so that scanning random paths cannot grow the metrics.</summary>
    public static string EndpointName(PathString path) => path.Value switch
    {
        "/v1/extract" => "extract",
        "/v1/extract/batch" => "batch",
        "/v1/health" or "/v1/health/live" or "/v1/health/ready" => "health",
        "/metrics" => "metrics",
        var p when p is not null && p.StartsWith("/openapi/", StringComparison.Ordinal) => "openapi",
        var p when p is not null && (p == "/docs" || p.StartsWith("/docs/", StringComparison.Ordinal)) => "docs",
        _ => "other",
    };

    private void Log(HttpContext context, int status, TimeSpan elapsed)
    {
        var log = context.Features.Get<RequestLog>();
        var request = context.Request;
        var target = request.Path.Value + request.QueryString.Value;
        var milliseconds = elapsed.TotalMilliseconds;
        if (log is null)
        {
            LogRequest(logger, request.Method, target, status, milliseconds);
        }
        else if (log.Error is not null && log.Documents == 0 && log.Errors == 0)
        {
            LogRefused(logger, request.Method, target, status, milliseconds, log.Error);
        }
        else if (options.LogText && log.Text is not null)
        {
            LogWithText(logger, request.Method, target, status, milliseconds, log.Documents, log.Errors, log.Characters, log.Tokens, log.Text);
        }
        else
        {
            LogDocuments(logger, request.Method, target, status, milliseconds, log.Documents, log.Errors, log.Characters, log.Tokens);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Target} {Status} {Milliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string target, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Target} {Status} {Milliseconds:0.0} ms: {Error}")]
    private static partial void LogRefused(ILogger logger, string method, string target, int status, double milliseconds, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Target} {Status} {Milliseconds:0.0} ms: {Documents} documents, {Errors} error records, {Characters} chars, {Tokens} tokens")]
    private static partial void LogDocuments(ILogger logger, string method, string target, int status, double milliseconds, int documents, int errors, long characters, long tokens);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Target} {Status} {Milliseconds:0.0} ms: {Documents} documents, {Errors} error records, {Characters} chars, {Tokens} tokens; text: {Text}")]
    private static partial void LogWithText(ILogger logger, string method, string target, int status, double milliseconds, int documents, int errors, long characters, long tokens, string text);
}
