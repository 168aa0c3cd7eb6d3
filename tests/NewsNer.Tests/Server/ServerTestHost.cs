using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsNer.Server;
using NewsNer.Server.Processing;

namespace NewsNer.Tests.Server;

/// <summary>
/// The service under WebApplicationFactory (its entry point: the console's assembly): the same host as <c>newsner serve</c> (<see cref="ServerHost"/>), with the test
/// server in place of Kestrel, a processor of the test's choice and the log lines captured.
/// </summary>
internal sealed class ServerFactory(ServerOptions options, Func<IDocumentProcessor>? processor = null) : WebApplicationFactory<NewsNer.Cli.CliContext>
{
    static ServerFactory()
    {
        // WebApplicationFactory looks for a content root; the service reads nothing from it.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_NEWSNER_CONSOLE", AppContext.BaseDirectory);
    }

    public LogSink Logs { get; } = new();

    public ServerMetricsView Metrics => new(Services.GetRequiredService<NewsNer.Server.Telemetry.ServerMetrics>());

    /// <summary>Waits until the processor is built (the models are loaded).</summary>
    public async Task<ServerFactory> ReadyAsync()
    {
        _ = Server;
        await Services.GetRequiredService<ProcessorHost>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        return this;
    }

    protected override IHostBuilder CreateHostBuilder() =>
        ServerHost.CreateHostBuilder(options, processor ?? TestProcessors.Real, logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Information));
}

/// <summary>The numbers tests read from the metrics.</summary>
internal readonly record struct ServerMetricsView(NewsNer.Server.Telemetry.ServerMetrics Metrics)
{
    public int Processing => Metrics.Processing;

    public long Documents(RunStatus status) => Metrics.Documents(status);
}

/// <summary>
/// The service on a real Kestrel on the loopback interface, for what the test server cannot show: connections refused
/// during shutdown, requests cut at the end of the grace period.
/// </summary>
internal sealed class KestrelServer : IAsyncDisposable
{
    private KestrelServer(IHost host, Uri address)
    {
        Host = host;
        Address = address;
    }

    public IHost Host { get; }

    public Uri Address { get; }

    public static async Task<KestrelServer> StartAsync(ServerOptions options, Func<IDocumentProcessor> processor)
    {
        var host = ServerHost.CreateHostBuilder(options with { Host = "127.0.0.1", Port = 0 }, processor, logging => { }).Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<ProcessorHost>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelServer(host, new Uri(address));
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await Host.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        Host.Dispose();
    }
}

/// <summary>Captures log lines (formatted message only).</summary>
internal sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._lines.Enqueue(formatter(state, exception));
    }
}

/// <summary>Request helpers.</summary>
internal static class Http
{
    public static StringContent Text(string text, string contentType = "text/plain; charset=utf-8") =>
        new(text, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));

    public static ByteArrayContent Bytes(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Lines(params string[] lines) => new(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson");

    /// <summary>The message of a newsner/1 error record.</summary>
    public static async Task<string> ErrorMessage(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var record = Newtonsoft.Json.Linq.JObject.Parse(body);
        Assert.Equal("newsner/1", (string?)record["schema"]);
        return (string?)record["error"]?["message"] ?? throw new InvalidOperationException("not an error record: " + body);
    }

    public static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string messagePart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains(messagePart, await ErrorMessage(response), StringComparison.OrdinalIgnoreCase);
    }
}
