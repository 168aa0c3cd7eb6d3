using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using NewsNer.Cli.Commands;
using NewsNer.Server;
using NewsNer.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace NewsNer.Tests.Server;

/// <summary>Safe defaults (API key, CORS, logs without text), metrics, health, the OpenAPI document and page, the serve verb's options.</summary>
public sealed partial class OperationsTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task With_an_api_key_every_request_but_health_needs_it()
    {
        using var factory = new ServerFactory(new ServerOptions { ApiKey = Key }, () => new FuncProcessor(TestProcessors.Tokens));
        await factory.ReadyAsync();
        var client = factory.CreateClient();

        var missing = await client.PostAsync("/v1/extract", Http.Text("Bonjour."));
        await Http.AssertError(missing, HttpStatusCode.Unauthorized, "X-API-Key");
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/v1/extract") { Content = Http.Text("Bonjour.") };
        wrong.Headers.Add("X-API-Key", Key[..^1] + "0");
        await Http.AssertError(await client.SendAsync(wrong), HttpStatusCode.Unauthorized, "not valid");
        await Http.AssertError(await client.GetAsync("/metrics"), HttpStatusCode.Unauthorized, "API key");
        await Http.AssertError(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.Unauthorized, "API key");

        var right = new HttpRequestMessage(HttpMethod.Post, "/v1/extract") { Content = Http.Text("Bonjour.") };
        right.Headers.Add("X-API-Key", Key);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        var bearer = new HttpRequestMessage(HttpMethod.Post, "/v1/extract/batch") { Content = Http.Lines("{\"text\": \"Bonjour.\"}") };
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/health/ready")).StatusCode);
    }

    [Theory]
    [InlineData("0.0.0.0", null, "API key")]
    [InlineData("::", null, "API key")]
    [InlineData("192.168.1.10", "short", "at least 16")]
    [InlineData("example.org", Key, "IP address")]
    public void Binding_beyond_loopback_needs_a_key_and_hosts_must_be_addresses(string host, string? key, string problem) =>
        Assert.Contains(new ServerOptions { Host = host, ApiKey = key }.Validate(), p => p.Contains(problem, StringComparison.Ordinal));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void Loopback_needs_no_key(string host)
    {
        Assert.Empty(new ServerOptions { Host = host }.Validate());
        Assert.True(new ServerOptions().IsLoopbackOnly);
    }

    [Fact]
    public void The_serve_verb_refuses_a_public_address_without_a_key()
    {
        var run = ConsoleHarness.Run("serve", "--host", "0.0.0.0", "--port", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("API key", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, ConsoleHarness.Run("serve", "--max-document-size", "lots").ExitCode);
    }

    [Theory]
    [InlineData("1048576", 1_048_576)]
    [InlineData("4MiB", 4 << 20)]
    [InlineData("500KB", 500_000)]
    [InlineData("1.5 GB", 1_500_000_000)]
    [InlineData("2kib", 2048)]
    public void Sizes_take_decimal_and_binary_units(string text, long bytes)
    {
        Assert.True(ServeCommand.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("12 parsecs")]
    public void Bad_sizes_are_refused(string text) => Assert.False(ServeCommand.TryParseSize(text, out _));

    [Fact]
    public async Task Cors_is_off_unless_configured()
    {
        using var closed = new ServerFactory(new ServerOptions(), () => new FuncProcessor(TestProcessors.Tokens));
        await closed.ReadyAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/health");
        request.Headers.Add("Origin", "https://newsroom.example");
        var response = await closed.CreateClient().SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));

        using var open = new ServerFactory(new ServerOptions { CorsOrigins = ["https://newsroom.example"] }, () => new FuncProcessor(TestProcessors.Tokens));
        await open.ReadyAsync();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/extract");
        preflight.Headers.Add("Origin", "https://newsroom.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var answer = await open.CreateClient().SendAsync(preflight);
        Assert.Equal("https://newsroom.example", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var other = new HttpRequestMessage(HttpMethod.Get, "/v1/health");
        other.Headers.Add("Origin", "https://elsewhere.example");
        Assert.False((await open.CreateClient().SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Request_logs_hold_counts_but_never_the_text_unless_asked()
    {
        const string Secret = "Le témoin confidentiel Zéphyrin Quatremains";
        using var quiet = new ServerFactory(new ServerOptions(), () => new FuncProcessor(TestProcessors.Tokens));
        await quiet.ReadyAsync();
        await quiet.CreateClient().PostAsync("/v1/extract", Http.Text(Secret));
        await quiet.CreateClient().PostAsync("/v1/extract/batch", Http.Lines($"{{\"text\": \"{Secret}\"}}"));
        await quiet.CreateClient().PostAsync("/v1/extract", Http.Json($"{{\"text\": \"{Secret}\", \"date\": \"oops\"}}"));
        Assert.Contains(quiet.Logs.Lines, l => l.Contains("POST /v1/extract 200", StringComparison.Ordinal) && l.Contains("1 documents", StringComparison.Ordinal));
        Assert.Contains(quiet.Logs.Lines, l => l.Contains("POST /v1/extract/batch 200", StringComparison.Ordinal));
        Assert.Contains(quiet.Logs.Lines, l => l.Contains("POST /v1/extract 400", StringComparison.Ordinal));
        Assert.DoesNotContain("Zéphyrin", quiet.Logs.All, StringComparison.Ordinal);

        using var verbose = new ServerFactory(new ServerOptions { LogText = true }, () => new FuncProcessor(TestProcessors.Tokens));
        await verbose.ReadyAsync();
        await verbose.CreateClient().PostAsync("/v1/extract", Http.Text(Secret));
        Assert.Contains("Zéphyrin", verbose.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_valid_prometheus_text_and_count_what_happened()
    {
        using var factory = new ServerFactory(new ServerOptions(), () => new FuncProcessor(TestProcessors.Tokens));
        await factory.ReadyAsync();
        var client = factory.CreateClient();
        long tokens = 0;
        for (var i = 0; i < 3; i++)
        {
            var document = NewsNer.Serialization.NewsJson.Deserialize(await (await client.PostAsync("/v1/extract", Http.Text($"Phrase numéro {i} du test."))).Content.ReadAsStringAsync());
            tokens += document.Tokens.Length;
        }

        await client.PostAsync("/v1/extract", Http.Text("x", "text/html"));
        await client.PostAsync("/v1/extract/batch", Http.Lines("{\"text\": \"Une.\"}", "cassé"));
        var response = await client.GetAsync("/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var samples = ParsePrometheus(await response.Content.ReadAsStringAsync());

        Assert.Equal(3, samples["newsner_http_requests_total{endpoint=\"extract\",status=\"200\"}"]);
        Assert.Equal(1, samples["newsner_http_requests_total{endpoint=\"extract\",status=\"415\"}"]);
        Assert.Equal(4, samples["newsner_documents_total{outcome=\"ok\"}"]);
        Assert.Equal(tokens + 2, samples["newsner_tokens_total"]);
        Assert.Equal(1, samples["newsner_errors_total{kind=\"unsupported_media_type\"}"]);
        Assert.Equal(1, samples["newsner_errors_total{kind=\"bad_request\"}"]);
        Assert.Equal(4, samples["newsner_document_duration_seconds_count"]);
        Assert.Equal(4, samples["newsner_document_duration_seconds_bucket{le=\"+Inf\"}"]);
        Assert.Equal(1, samples["newsner_http_requests_in_flight"]);
        Assert.Equal(1, samples["newsner_ready"]);
        Assert.InRange(samples["process_resident_memory_bytes"], 10e6, 10e9);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints_and_the_page_needs_no_internet()
    {
        using var factory = new ServerFactory(new ServerOptions(), () => new FuncProcessor(TestProcessors.Tokens));
        await factory.ReadyAsync();
        var client = factory.CreateClient();
        var document = JObject.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = (JObject)document["paths"]!;
        Assert.Equal(["/v1/extract", "/v1/extract/batch", "/v1/health", "/v1/health/live", "/v1/health/ready", "/metrics"], paths.Properties().Select(p => p.Name));
        var extract = paths["/v1/extract"]!["post"]!;
        Assert.Equal(["tokens", "types", "date", "source", "indent"], extract["parameters"]!.Select(p => (string)p["name"]!));
        Assert.Equal(["text/plain", "application/json"], ((JObject)extract["requestBody"]!["content"]!).Properties().Select(p => p.Name));
        Assert.Contains("413", ((JObject)extract["responses"]!).Properties().Select(p => p.Name));

        var page = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
        foreach (Match asset in AssetReference().Matches(html))
        {
            var url = asset.Groups[1].Value;
            Assert.False(url.StartsWith("http", StringComparison.Ordinal) || url.StartsWith("//", StringComparison.Ordinal), $"the page loads {url} from elsewhere");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/docs/"), url))).StatusCode);
        }
    }

    /// <summary>Parses the text exposition format strictly: HELP and TYPE before each family's samples, one sample per line.</summary>
    private static Dictionary<string, double> ParsePrometheus(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Contains(parts[3], new[] { "counter", "gauge", "histogram" });
                Assert.True(typed.Add(parts[2]), $"family {parts[2]} typed twice");
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var name = match.Groups[1].Value;
            var family = Regex.Replace(name, "_(bucket|sum|count)$", "");
            Assert.True(typed.Contains(name) || typed.Contains(family), $"{name} has no TYPE line before it");
            samples.Add(name + match.Groups[2].Value, double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        }

        return samples;
    }

    [GeneratedRegex("^([a-zA-Z_:][a-zA-Z0-9_:]*)((?:\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*\\})?) (-?[0-9.eE+-]+|\\+Inf|NaN)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex AssetReference();
}
