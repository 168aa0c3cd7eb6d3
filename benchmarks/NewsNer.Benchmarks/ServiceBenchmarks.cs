using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsNer.Serialization;
using NewsNer.Server;
using NewsNer.Server.Processing;

namespace NewsNer.Benchmarks;

/// <summary>
/// The cost of HTTP: the sample article through an in-process <see cref="NewsPipeline.Process"/> call (the baseline),
/// through Process plus the <c>newsner/1</c> JSON the server sends (the work the server does beyond the call), and as a
/// <c>POST /v1/extract</c> to the service on a real Kestrel on the loopback interface, with an HttpClient that keeps its
/// connection (what a client in another language pays). The ratio of the last to the baseline is the overhead of the
/// service; docs/service.md reports it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet's lifecycle: [GlobalCleanup] disposes the client and the server.")]
public class ServiceBenchmarks : ITokenThroughput
{
    private NewsPipeline _pipeline = null!;
    private string _text = "";
    private IHost _server = null!;
    private HttpClient _client = null!;
    private Uri _extract = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchmarkInputs.Get(BenchmarkInputs.Sample);
        _pipeline = NewsPipeline.CreateDefault();
        var options = new ServerOptions { Port = 0, LogRequests = false };
        _server = ServerHost.CreateHostBuilder(options, () => new PipelineProcessor(_pipeline), logging => { }).Build();
        _server.Start();
        _server.Services.GetRequiredService<ProcessorHost>().Ready.GetAwaiter().GetResult();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _extract = new Uri(address + "/v1/extract?date=2025-10-15");
        _client = new HttpClient();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
        _server.Dispose();
    }

    /// <summary>The library call: <c>pipeline.Process(text, options)</c>.</summary>
    [Benchmark(Baseline = true, Description = "Process (in-process)")]
    [BenchmarkCategory("ci")]
    public int InProcess() => _pipeline.Process(_text, PreparedDocument.Options).Tokens.Length;

    /// <summary>Process, then the document as newsner/1 JSON (what the server writes).</summary>
    [Benchmark(Description = "Process + JSON")]
    public int InProcessWithJson() => NewsJson.Serialize(_pipeline.Process(_text, PreparedDocument.Options)).Length;

    /// <summary>POST /v1/extract over loopback HTTP/1.1, text/plain in, the whole JSON answer read.</summary>
    [Benchmark(Description = "POST /v1/extract (Kestrel, loopback)")]
    [BenchmarkCategory("ci")]
    public async Task<int> Http()
    {
        using var content = new StringContent(_text);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        using var response = await _client.PostAsync(_extract, content);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    /// <summary>Every method processes the sample article once.</summary>
    public static long TokensPerInvocation(string method, string input) => PreparedDocument.CountTokens(BenchmarkInputs.Documents(BenchmarkInputs.Sample));
}
