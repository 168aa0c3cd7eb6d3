using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsNer.Server.Telemetry;

namespace NewsNer.Server.Http;

/// <summary>
/// Makes every failure answer with a <c>newsner/1</c> error record: an exception becomes a 500 (the details go to the
/// log, not to the client), Kestrel's refusals (<see cref="BadHttpRequestException"/>) keep their status, and an
/// empty 4xx/5xx from routing (404, 405) gets a message naming the endpoints.
/// </summary>
internal sealed class ErrorBodyMiddleware(RequestDelegate next, ServerMetrics metrics, ServerOptions options, ILogger<ErrorBodyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException error)
        {
            var refusal = RequestBody.FromKestrel(error, options.MaxDocumentBytes);
            await ErrorResponse.WriteAsync(context, refusal, metrics);
            return;
        }
        catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(error, "{Method} {Path} failed", context.Request.Method, context.Request.Path.Value);
            await ErrorResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, ErrorKinds.Internal, ServerMessages.Internal, metrics);
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            var request = context.Request;
            var message = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ServerMessages.NotFound(request.Method, request.Path.Value ?? "/"),
                StatusCodes.Status405MethodNotAllowed => ServerMessages.MethodNotAllowed(request.Method, request.Path.Value ?? "/"),

                // Routing refuses a content type the endpoint does not declare before the endpoint runs: say what it takes.
                StatusCodes.Status415UnsupportedMediaType when request.Path.StartsWithSegments("/v1/extract/batch", StringComparison.Ordinal) => ServerMessages.BatchContentType(request.ContentType),
                StatusCodes.Status415UnsupportedMediaType => ServerMessages.SingleContentType(request.ContentType),
                _ => ServerMessages.StatusOnly(response.StatusCode),
            };
            await ErrorResponse.WriteAsync(context, response.StatusCode, ErrorKinds.ForStatus(response.StatusCode), message, metrics);
        }
    }
}
