using System.Diagnostics;
using System.Globalization;
using System.Text;
using NewsNer.Server.Processing;

namespace NewsNer.Server.Telemetry;

/// <summary>
/// Writes the metrics in the Prometheus text exposition format (version 0.0.4): requests, documents, tokens, errors,
/// requests in flight, queue, latency histograms, readiness, and the process's memory and CPU.
/// </summary>
internal sealed class PrometheusExporter(ServerMetrics metrics, WorkGate gate, ProcessorHost processor)
{
    /// <summary>The content type of the exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly double s_startTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    public string Export()
    {
        var text = new StringBuilder(4096);
        Family(text, "newsner_http_requests_total", "counter", "HTTP requests answered, by endpoint and status code.");
        foreach (var ((endpoint, status), count) in metrics.Requests.OrderBy(r => r.Key.Endpoint, StringComparer.Ordinal).ThenBy(r => r.Key.Status))
        {
            Sample(text, "newsner_http_requests_total", $"endpoint=\"{endpoint}\",status=\"{status}\"", count);
        }

        Family(text, "newsner_http_request_duration_seconds", "histogram", "Time from a request's arrival to its last byte, by endpoint (queueing included).");
        foreach (var (endpoint, histogram) in metrics.RequestSeconds.OrderBy(h => h.Endpoint, StringComparer.Ordinal))
        {
            HistogramSamples(text, "newsner_http_request_duration_seconds", $"endpoint=\"{endpoint}\"", histogram);
        }

        Family(text, "newsner_http_requests_in_flight", "gauge", "HTTP requests being answered now.");
        Sample(text, "newsner_http_requests_in_flight", null, metrics.InFlight);

        Family(text, "newsner_documents_total", "counter", "Documents processed, by outcome (ok, timeout, failed, abandoned), single and batch requests together.");
        foreach (var (status, label) in new[] { (RunStatus.Succeeded, "ok"), (RunStatus.TimedOut, "timeout"), (RunStatus.Failed, "failed"), (RunStatus.Abandoned, "abandoned") })
        {
            Sample(text, "newsner_documents_total", $"outcome=\"{label}\"", metrics.Documents(status));
        }

        Family(text, "newsner_tokens_total", "counter", "Tokens of the documents produced.");
        Sample(text, "newsner_tokens_total", null, metrics.Tokens);
        Family(text, "newsner_characters_total", "counter", "Characters (UTF-16) of the documents produced.");
        Sample(text, "newsner_characters_total", null, metrics.Characters);

        Family(text, "newsner_errors_total", "counter", "Errors answered, by kind; a batch line's error record counts too.");
        foreach (var (kind, count) in metrics.Errors.OrderBy(e => e.Kind, StringComparer.Ordinal))
        {
            Sample(text, "newsner_errors_total", $"kind=\"{kind}\"", count);
        }

        Family(text, "newsner_document_duration_seconds", "histogram", "Pipeline time of each document produced (no queueing, no HTTP).");
        HistogramSamples(text, "newsner_document_duration_seconds", null, metrics.DocumentSeconds);

        Family(text, "newsner_documents_processing", "gauge", "Documents on a worker now (work past its time limit included until it stops).");
        Sample(text, "newsner_documents_processing", null, metrics.Processing);
        Family(text, "newsner_workers", "gauge", "Worker permits: documents processed at once at most.");
        Sample(text, "newsner_workers", null, gate.Workers);
        Family(text, "newsner_requests_admitted", "gauge", "Requests admitted and not yet answered (on a worker, reading their body or queued).");
        Sample(text, "newsner_requests_admitted", null, gate.Admitted);
        Family(text, "newsner_ready", "gauge", "1 when the models are loaded and the server is not shutting down.");
        Sample(text, "newsner_ready", null, processor.IsReady ? 1 : 0);

        using var process = Process.GetCurrentProcess();
        Family(text, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        Sample(text, "process_resident_memory_bytes", null, process.WorkingSet64);
        Family(text, "process_peak_resident_memory_bytes", "gauge", "Peak resident memory size in bytes.");
        Sample(text, "process_peak_resident_memory_bytes", null, process.PeakWorkingSet64);
        Family(text, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
        Sample(text, "process_cpu_seconds_total", null, process.TotalProcessorTime.TotalSeconds);
        Family(text, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.");
        Sample(text, "process_start_time_seconds", null, s_startTime);
        Family(text, "dotnet_gc_heap_size_bytes", "gauge", "Managed heap size after the last garbage collection.");
        Sample(text, "dotnet_gc_heap_size_bytes", null, GC.GetGCMemoryInfo().HeapSizeBytes);
        Family(text, "dotnet_gc_collections_total", "counter", "Garbage collections, by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            Sample(text, "dotnet_gc_collections_total", $"generation=\"{generation}\"", GC.CollectionCount(generation));
        }

        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string? labels, double value)
    {
        text.Append(name);
        if (labels is not null)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(Format(value)).Append('\n');
    }

    private static void HistogramSamples(StringBuilder text, string name, string? labels, Histogram histogram)
    {
        var (cumulative, sum, count) = histogram.Snapshot();
        var prefix = labels is null ? "" : labels + ",";
        for (var i = 0; i < cumulative.Length; i++)
        {
            var bound = i < histogram.Bounds.Count ? Format(histogram.Bounds[i]) : "+Inf";
            Sample(text, name + "_bucket", $"{prefix}le=\"{bound}\"", cumulative[i]);
        }

        Sample(text, name + "_sum", labels, sum);
        Sample(text, name + "_count", labels, count);
    }

    private static string Format(double value) => double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
