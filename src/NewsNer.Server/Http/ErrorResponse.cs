using System.Globalization;
using Microsoft.AspNetCore.Http;
using NewsNer.Serialization;
using NewsNer.Server.Telemetry;

namespace NewsNer.Server.Http;

/// <summary>Writes refusals and failures: the HTTP status and a <c>newsner/1</c> error record (<see cref="NewsJson.WriteError"/>).</summary>
internal static class ErrorResponse
{
    /// <summary>The content type of every JSON answer.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    public static Task WriteAsync(HttpContext context, RequestException error, ServerMetrics metrics, string? source = null, TimeSpan? retryAfter = null) =>
        WriteAsync(context, error.Status, error.Kind, error.Message, metrics, source, retryAfter);

    public static async Task WriteAsync(HttpContext context, int status, string kind, string message, ServerMetrics metrics, string? source = null, TimeSpan? retryAfter = null)
    {
        metrics.Error(kind);
        RequestLog.Of(context).Error = message;
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        context.Response.Headers.CacheControl = "no-store";
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        NewsJson.WriteError(writer, source, message);
        writer.Write('\n');
        await context.Response.WriteAsync(writer.ToString(), CancellationToken.None);
    }
}
