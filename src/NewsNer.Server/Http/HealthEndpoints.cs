using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NewsNer.Server.Processing;
using NewsNer.Server.Telemetry;

namespace NewsNer.Server.Http;

/// <summary>
/// <c>GET /v1/health</c> (status, always 200 while the process runs), <c>/v1/health/live</c> (200) and
/// <c>/v1/health/ready</c> (200 once the models are loaded, 503 while they load and once shutdown has begun); and
/// <c>GET /metrics</c> (Prometheus text).
/// </summary>
internal sealed class HealthEndpoints(ProcessorHost host, WorkGate gate, PrometheusExporter exporter)
{
    public Task Health(HttpContext context) => WriteStatus(context, StatusCodes.Status200OK);

    public Task Live(HttpContext context) => WriteStatus(context, StatusCodes.Status200OK);

    public Task Ready(HttpContext context)
    {
        if (!host.IsReady)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return WriteStatus(context, host.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    public async Task Metrics(HttpContext context)
    {
        context.Response.ContentType = PrometheusExporter.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(exporter.Export());
    }

    private async Task WriteStatus(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ErrorResponse.JsonContentType;
        context.Response.Headers.CacheControl = "no-store";
        var state = host.IsStopping ? "stopping" : host.IsReady ? "ready" : host.Failure is not null ? "failed" : "loading";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", state);
            json.WriteBoolean("live", true);
            json.WriteBoolean("ready", host.IsReady);
            json.WriteNumber("workers", gate.Workers);
            json.WriteNumber("admitted", gate.Admitted);
            if (host.LoadTime is { } load)
            {
                json.WriteNumber("modelsLoadedInSeconds", Math.Round(load.TotalSeconds, 3));
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        await context.Response.Body.WriteAsync(buffer.ToArray());
    }
}
