using System.Net;

namespace NewsNer.Server;

/// <summary>
/// The settings of the HTTP service: where it listens, its limits and its safety switches (the options of
/// <c>newsner serve</c>, documented in docs/service.md). Immutable; <see cref="Validate"/> lists what is wrong.
/// </summary>
internal sealed record ServerOptions
{
    /// <summary>The default port of <c>newsner serve</c>.</summary>
    public const int DefaultPort = 5080;

    /// <summary>The address to bind: an IP address (<c>127.0.0.1</c>, <c>::1</c>, <c>0.0.0.0</c>, <c>::</c>) or <c>localhost</c>. Default: loopback.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (printed at start).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Documents processed at once (threads doing pipeline work); 0 means one per core.</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>
    /// Requests admitted beyond those being processed (reading their body or waiting for a worker); past it a request
    /// is answered 503 with <c>Retry-After</c> at once. A batch counts as one request.
    /// </summary>
    public int QueueLimit { get; init; } = 64;

    /// <summary>The time limit of one document's processing; past it the request gets 503 (a batch line, an error record).</summary>
    public TimeSpan DocumentTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest body of <c>POST /v1/extract</c>, and the largest line of a batch, in bytes (413 / an error record past it).</summary>
    public long MaxDocumentBytes { get; init; } = 4L << 20;

    /// <summary>The largest body of <c>POST /v1/extract/batch</c>, in bytes (413 when announced, else a final error record).</summary>
    public long MaxBatchBytes { get; init; } = 256L << 20;

    /// <summary>Documents of one batch in flight at once (read, processing, or done and waiting for their turn); 0 means four per worker.</summary>
    public int BatchWindow { get; init; }

    /// <summary>How long a shutdown (SIGTERM, Ctrl-C) waits for the requests in flight before it cuts them.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The API key every request but the health checks must carry (<c>X-API-Key</c> or <c>Authorization: Bearer</c>); null for none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Origins allowed to call from a browser (CORS); empty (the default) sends no CORS header. <c>*</c> allows any.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Whether each request is logged (method, path, status, time, counts: never the text unless <see cref="LogText"/>).</summary>
    public bool LogRequests { get; init; } = true;

    /// <summary>Whether request log lines include the beginning of each document's text (off by default: articles stay out of logs).</summary>
    public bool LogText { get; init; }

    /// <summary>Open connections at most; Kestrel refuses more.</summary>
    public int MaxConnections { get; init; } = 1000;

    /// <summary>The number of workers: <see cref="MaxConcurrency"/>, or the number of cores.</summary>
    public int Workers => MaxConcurrency > 0 ? MaxConcurrency : Environment.ProcessorCount;

    /// <summary>The batch window: <see cref="BatchWindow"/>, or four per worker.</summary>
    public int Window => BatchWindow > 0 ? BatchWindow : Workers * 4;

    /// <summary>Whether <see cref="Host"/> is a loopback address (or <c>localhost</c>): only this machine can connect.</summary>
    public bool IsLoopbackOnly => IsLoopback(Host);

    /// <summary>Whether a host name or address is <c>localhost</c> or a loopback address.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || TryParseAddress(host, out var address) && IPAddress.IsLoopback(address);

    /// <summary>Parses an IP address, with or without the brackets of an IPv6 URL.</summary>
    public static bool TryParseAddress(string host, out IPAddress address)
    {
        var bare = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out address!);
    }

    /// <summary>What is wrong with these settings, one message each; empty when the server can start.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !TryParseAddress(Host, out _))
        {
            problems.Add(ServerMessages.BadHost(Host));
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add(ServerMessages.BadPort(Port));
        }

        if (!IsLoopbackOnly && string.IsNullOrEmpty(ApiKey))
        {
            problems.Add(ServerMessages.ApiKeyRequired(Host));
        }

        if (ApiKey is { Length: > 0 and < 16 })
        {
            problems.Add(ServerMessages.ApiKeyTooShort);
        }

        if (MaxConcurrency < 0 || QueueLimit < 0 || BatchWindow < 0 || MaxConnections <= 0)
        {
            problems.Add(ServerMessages.NegativeLimit);
        }

        if (DocumentTimeout <= TimeSpan.Zero || ShutdownGrace < TimeSpan.Zero)
        {
            problems.Add(ServerMessages.BadDuration);
        }

        if (MaxDocumentBytes <= 0 || MaxBatchBytes <= 0)
        {
            problems.Add(ServerMessages.BadSize);
        }

        return problems;
    }
}
