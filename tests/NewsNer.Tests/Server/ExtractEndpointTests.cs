using System.Net;
using System.Text;
using NewsNer.Entities;
using NewsNer.Serialization;
using NewsNer.Server;
using Newtonsoft.Json.Linq;

namespace NewsNer.Tests.Server;

/// <summary><c>POST /v1/extract</c> on the real pipeline: what users send, what they get back, and every refusal.</summary>
public sealed class ExtractEndpointTests : IAsyncLifetime, IDisposable
{
    internal const string Article = "Le président Emmanuel Macron a reçu mardi à l'Élysée le chancelier allemand Olaf Scholz.\n\nLes deux dirigeants ont évoqué la guerre en Ukraine.";

    private readonly ServerFactory _factory = new(new ServerOptions { MaxDocumentBytes = 64 * 1024 });
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _factory.ReadyAsync();
        _client = _factory.CreateClient();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Plain_text_gives_the_same_document_as_the_library()
    {
        var response = await _client.PostAsync("/v1/extract?date=2025-10-14&source=test.txt", Http.Text(Article));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var document = NewsJson.Deserialize(await response.Content.ReadAsStringAsync());

        var expected = NewsPipeline.CreateDefault().Process(Article, new DocumentOptions { PublicationDate = new DateOnly(2025, 10, 14), Source = "test.txt" });
        Assert.Equal(NewsJson.Serialize(expected), NewsJson.Serialize(document));
        Assert.Equal(Article, document.Text);
        Assert.Contains(document.Entities, e => e.Type == EntityType.Person && e.Canonical.Contains("Macron", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_body_carries_date_source_and_metadata_and_wins_over_the_query()
    {
        var body = new JObject { ["text"] = Article, ["date"] = "2025-10-15", ["source"] = "https://example.org/a", ["metadata"] = new JObject { ["title"] = "Élysée", ["id"] = "42" } };
        var response = await _client.PostAsync("/v1/extract?date=2020-01-01&source=ignored", Http.Json(body.ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = NewsJson.Deserialize(await response.Content.ReadAsStringAsync());
        Assert.Equal(new DateOnly(2025, 10, 15), document.PublicationDate);
        Assert.Equal("https://example.org/a", document.Source);
        Assert.Equal("Élysée", document.Metadata["title"]);
        Assert.Equal("42", document.Metadata["id"]);
    }

    [Fact]
    public async Task Query_options_drop_tokens_restrict_types_and_indent()
    {
        var response = await _client.PostAsync("/v1/extract?tokens=false&types=LOC,ORG&indent=true", Http.Text(Article));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\n  \"schema\"", json, StringComparison.Ordinal);
        Assert.Null(JObject.Parse(json)["tokens"]);

        // types= is the recognizer's option (the console's --types), passed through as the library takes it.
        var restricted = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences()
            .UseEntities(new EntityRecognitionOptions { Types = [EntityType.Location, EntityType.Organization] }).UseLinking().UseEvents().Build();
        var expected = NewsJson.Serialize(restricted.Process(Article), new NewsJsonOptions { IncludeTokens = false, Indented = true });
        Assert.Equal(expected + "\n", json);
        var all = NewsJson.Serialize(NewsPipeline.CreateDefault().Process(Article), new NewsJsonOptions { IncludeTokens = false, Indented = true });
        Assert.NotEqual(all + "\n", json);
    }

    [Fact]
    public async Task Empty_text_gives_an_empty_document()
    {
        var response = await _client.PostAsync("/v1/extract", Http.Json("{\"text\": \"\"}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = NewsJson.Deserialize(await response.Content.ReadAsStringAsync());
        Assert.True(document.IsEmpty);
    }

    [Fact]
    public async Task Declared_charsets_are_decoded_and_a_utf8_byte_order_mark_is_not_text()
    {
        var latin = Encoding.Latin1.GetBytes("Réunion à Genève.");
        var response = await _client.PostAsync("/v1/extract", Http.Bytes(latin, "text/plain; charset=windows-1252"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Réunion à Genève.", NewsJson.Deserialize(await response.Content.ReadAsStringAsync()).Text);

        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Réunion à Genève.")).ToArray();
        response = await _client.PostAsync("/v1/extract", Http.Bytes(withBom, "text/plain"));
        Assert.Equal("Réunion à Genève.", NewsJson.Deserialize(await response.Content.ReadAsStringAsync()).Text);
    }

    [Theory]
    [InlineData("tokens=maybe", "'tokens' must be true or false")]
    [InlineData("token=false", "unknown query parameter 'token'")]
    [InlineData("types=PER,PLACE", "unknown entity type 'PLACE'")]
    [InlineData("types=", "names no entity type")]
    [InlineData("date=15/10/2025", "YYYY-MM-DD")]
    [InlineData("tokens=false&tokens=true", "more than once")]
    public async Task A_bad_query_is_400_naming_the_parameter(string query, string message) =>
        await Http.AssertError(await _client.PostAsync("/v1/extract?" + query, Http.Text(Article)), HttpStatusCode.BadRequest, message);

    [Theory]
    [InlineData("{\"text\": \"a\"", "malformed JSON")]
    [InlineData("[\"a\"]", "must be an object")]
    [InlineData("{\"txt\": \"a\"}", "unknown field 'txt'")]
    [InlineData("{\"source\": \"a\"}", "no 'text' field")]
    [InlineData("{\"text\": 12}", "'text' must be a string")]
    [InlineData("{\"text\": \"a\", \"text\": \"b\"}", "more than once")]
    [InlineData("{\"text\": \"a\", \"date\": \"hier\"}", "YYYY-MM-DD")]
    [InlineData("{\"text\": \"a\", \"metadata\": {\"n\": 1}}", "metadata 'n' must be a string")]
    [InlineData("{\"text\": \"a\"} {\"text\": \"b\"}", "malformed JSON")]
    [InlineData("{\"text\": \"\\ud800\"}", "not valid text")]
    [InlineData("", "malformed JSON")]
    public async Task Malformed_json_is_400_saying_what_is_wrong(string body, string message) =>
        await Http.AssertError(await _client.PostAsync("/v1/extract", Http.Json(body)), HttpStatusCode.BadRequest, message);

    [Fact]
    public async Task Bad_encoding_is_400_naming_the_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("Réunion ").Concat(new byte[] { 0xE9, 0x20 }).ToArray();
        await Http.AssertError(await _client.PostAsync("/v1/extract", Http.Bytes(bytes, "text/plain")), HttpStatusCode.BadRequest, "byte 0xE9 at offset 9");
        var json = Encoding.UTF8.GetBytes("{\"text\": \"R").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("union\"}")).ToArray();
        await Http.AssertError(await _client.PostAsync("/v1/extract", Http.Bytes(json, "application/json")), HttpStatusCode.BadRequest, "not valid");
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "--data-binary")]
    [InlineData("text/html", "unsupported Content-Type 'text/html'")]
    [InlineData("application/json; charset=iso-8859-1", "JSON must be UTF-8")]
    [InlineData("text/plain; charset=ebcdic", "unsupported charset 'ebcdic'")]
    [InlineData(null, "Content-Type")]
    public async Task A_wrong_content_type_is_415(string? contentType, string message) =>
        await Http.AssertError(await _client.PostAsync("/v1/extract", Http.Bytes(Encoding.UTF8.GetBytes(Article), contentType)), HttpStatusCode.UnsupportedMediaType, message);

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_announced_or_streamed()
    {
        var big = new string('a', 64 * 1024 + 1);
        await Http.AssertError(await _client.PostAsync("/v1/extract", Http.Text(big)), HttpStatusCode.RequestEntityTooLarge, "over the limit of 65,536 bytes");

        // Chunked: no Content-Length, the limit is found while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("text/plain");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/extract") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await Http.AssertError(await _client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "over the limit");

        // Just under the limit passes.
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/v1/extract?tokens=false", Http.Text(big[..^1]))).StatusCode);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_get_error_records()
    {
        await Http.AssertError(await _client.GetAsync("/v1/extrakt"), HttpStatusCode.NotFound, "no endpoint GET /v1/extrakt");
        await Http.AssertError(await _client.GetAsync("/v1/extract"), HttpStatusCode.MethodNotAllowed, "does not take GET");
    }

    [Fact]
    public async Task No_request_reads_the_file_system()
    {
        // A source is a label, never a path to read; traversal paths hit no file.
        var response = await _client.PostAsync("/v1/extract", Http.Json("{\"text\": \"Bonjour.\", \"source\": \"/etc/passwd\"}"));
        var document = NewsJson.Deserialize(await response.Content.ReadAsStringAsync());
        Assert.Equal("/etc/passwd", document.Source);
        Assert.Equal("Bonjour.", document.Text);
        foreach (var path in new[] { "/docs/../../../../etc/passwd", "/docs/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/openapi/..%2f..%2fNewsNer.Server.dll" })
        {
            var answer = await _client.GetAsync(path);
            var text = await answer.Content.ReadAsStringAsync();
            Assert.DoesNotContain("root:", text, StringComparison.Ordinal);
            Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
        }
    }
}
