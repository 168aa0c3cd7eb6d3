using System.Text;
using NewsNer.Cli;
using NewsNer.Cli.Broker;
using NewsNer.Cli.Extraction;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Scale;

/// <summary>The article message format: what workers accept, what they refuse and why, and what <c>enqueue</c> sends.</summary>
public class ArticleMessageTests
{
    private const long Limit = 1 << 20;

    [Fact]
    public void A_text_body_is_the_article_and_the_message_id_its_id()
    {
        var read = ArticleMessage.Read("Emmanuel Macron a reçu mardi Olaf Scholz."u8, "text/plain; charset=utf-8", "dépêche-7", Limit);
        Assert.Null(read.Error);
        Assert.Equal("dépêche-7", read.Id);
        Assert.Equal("Emmanuel Macron a reçu mardi Olaf Scholz.", read.Job!.Text);
        Assert.Equal("dépêche-7", read.Job.Options.Source);
        Assert.Null(read.Job.Options.PublicationDate);
    }

    [Fact]
    public void A_json_article_gives_text_date_metadata_and_id()
    {
        var body = """{"id":"a1","text":"Texte.","date":"2025-10-15","metadata":{"title":"Titre","url":"https://x"},"extra":[1,{"a":2}]}"""u8;
        var read = ArticleMessage.Read(body, "application/json", "ignored-because-the-json-has-an-id", Limit);
        Assert.Null(read.Error);
        Assert.Equal("a1", read.Id);
        Assert.Equal("Texte.", read.Job!.Text);
        Assert.Equal(new DateOnly(2025, 10, 15), read.Job.Options.PublicationDate);
        Assert.Equal(new Dictionary<string, string> { ["title"] = "Titre", ["url"] = "https://x" }, read.Job.Options.Metadata);
        Assert.Equal("a1", read.Job.Options.Source);
    }

    [Theory]
    [InlineData("""{"text":"x"}""", "mid", "mid")]
    [InlineData("""{"text":"x","source":"lemonde/1"}""", null, "lemonde/1")]
    [InlineData("""{"text":"x","source":"lemonde/1"}""", "mid", "mid")]
    [InlineData("""{"text":"x","id":""}""", "mid", "mid")]
    public void The_id_is_the_json_id_then_the_message_id_then_the_source(string json, string? messageId, string expected) =>
        Assert.Equal(expected, ArticleMessage.Read(Encoding.UTF8.GetBytes(json), "application/json", messageId, Limit).Id);

    [Fact]
    public void A_source_other_than_the_id_stays_in_the_metadata()
    {
        var read = ArticleMessage.Read("""{"id":"a1","text":"x","source":"https://lemonde.fr/a"}"""u8, "application/json", null, Limit);
        Assert.Equal("a1", read.Job!.Options.Source);
        Assert.Equal("https://lemonde.fr/a", read.Job.Options.Metadata!["source"]);
    }

    [Fact]
    public void Without_an_id_the_hash_of_the_body_is_stable()
    {
        var first = ArticleMessage.Read("Texte sans identifiant."u8, null, null, Limit);
        var again = ArticleMessage.Read("Texte sans identifiant."u8, null, null, Limit);
        Assert.StartsWith("sha256:", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, ArticleMessage.Read("Autre texte."u8, null, null, Limit).Id);
    }

    [Fact]
    public void Without_a_content_type_a_body_starting_with_a_brace_is_json()
    {
        Assert.Equal("Texte.", ArticleMessage.Read("  {\"text\":\"Texte.\"}"u8, null, "m", Limit).Job!.Text);
        Assert.Equal("Texte {entre accolades}.", ArticleMessage.Read("Texte {entre accolades}."u8, null, "m", Limit).Job!.Text);
        Assert.Equal("{pas du json", ArticleMessage.Read("{pas du json"u8, "text/plain", "m", Limit).Job!.Text);
    }

    [Fact]
    public void A_byte_order_mark_is_not_text()
    {
        var read = ArticleMessage.Read([0xEF, 0xBB, 0xBF, .. "Texte."u8], "text/plain", "m", Limit);
        Assert.Equal("Texte.", read.Job!.Text);
    }

    [Theory]
    [InlineData(new byte[] { 0x43, 0x61, 0x66, 0xE9 }, "text/plain", "not valid UTF-8 (0xE9) at byte 3")]
    [InlineData(new byte[] { 0x7B, 0x7D }, "application/json", "not an article: the JSON has no \"text\" string")]
    public void Bad_bodies_are_poison_with_a_reason(byte[] body, string contentType, string reason)
    {
        var read = ArticleMessage.Read(body, contentType, "m1", Limit);
        Assert.Null(read.Job);
        Assert.Equal("m1", read.Id);
        Assert.Contains(reason, read.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"text":"x","date":"15/10/2025"}""", "\"date\" must be a day written YYYY-MM-DD, not '15/10/2025'")]
    [InlineData("""{"text":"x","date":"2025-10"}""", "put a partial date in the metadata")]
    [InlineData("""{"text":3}""", "\"text\" must be a string, not integer")]
    [InlineData("""{"text":"x","metadata":{"a":1}}""", "\"metadata.a\" must be a string")]
    [InlineData("""{"text":"x","metadata":[]}""", "\"metadata\" must be an object of strings")]
    [InlineData("""["x"]""", "the JSON is not an object")]
    [InlineData("""{"text":"x"} {"text":"y"}""", "Additional text encountered after finished reading JSON content")]
    [InlineData("""{"text":""", "not an article:")]
    public void Bad_json_articles_say_what_is_wrong(string json, string reason)
    {
        var read = ArticleMessage.Read(Encoding.UTF8.GetBytes(json), "application/json", null, Limit);
        Assert.Null(read.Job);
        Assert.Contains(reason, read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_json_article_still_names_itself_when_it_can()
    {
        var read = ArticleMessage.Read("""{"id":"a9","text":"x","date":"hier"}"""u8, "application/json", null, Limit);
        Assert.Equal("a9", read.Id);
        Assert.NotNull(read.Error);
    }

    [Fact]
    public void A_body_over_the_limit_is_poison_before_it_is_decoded()
    {
        var read = ArticleMessage.Read(new byte[2001], "text/plain", "big", 2000);
        Assert.Equal("big", read.Id);
        Assert.Equal("message of 2,001 bytes is over the size limit of 2,000 bytes (worker --max-bytes)", read.Error);
    }

    [Fact]
    public void Ids_longer_than_an_amqp_message_id_are_refused()
    {
        var id = new string('é', 200); // 400 bytes in UTF-8
        var read = ArticleMessage.Read(Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"text\":\"x\"}}"), "application/json", null, Limit);
        Assert.Contains("400 bytes long", read.Error, StringComparison.Ordinal);
        Assert.StartsWith("sha256:", read.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void What_enqueue_sends_for_a_file_reads_back_as_extract_reads_the_file()
    {
        var file = SyntheticArticles.File(12);
        var article = Article.Parse(file);
        var body = ArticleMessage.Write("00012.txt", article.Text, article.Date, article.Metadata());
        var read = ArticleMessage.Read(body, ArticleMessage.JsonContentType, "00012.txt", Limit);
        Assert.Equal(article.Text, read.Job!.Text);
        Assert.Equal(article.Date, read.Job.Options.PublicationDate);
        Assert.Equal(article.Metadata(), read.Job.Options.Metadata);
        Assert.Equal("00012.txt", read.Job.Options.Source);
    }

    [Fact]
    public void Enqueue_reads_folders_files_and_json_lines()
    {
        using var temp = new TempFolder();
        temp.File("in/b.txt", SyntheticArticles.File(1));
        temp.File("in/sub/a.html", "<html><head><title>Titre</title></head><body><p>Emmanuel Macron a reçu mardi Olaf Scholz.</p></body></html>");
        temp.Bytes("in/c.txt", [0xE9]);
        temp.File("in/notes.md", "ignored");
        temp.File("lines.jsonl", "{\"id\":\"x\",\"text\":\"a\"}\n\n{\"source\":\"s\",\"text\":\"b\"}\n{\"text\":\"c\"}\nnot json\n");
        var context = new CliContext(new StringReader("{\"text\":\"d\"}\n"), TextWriter.Null, TextWriter.Null, temp.Path);

        var folder = ArticleSource.Read(context, "in", null, CliContext.StrictUtf8).ToList();
        Assert.Equal(["b.txt", "c.txt", "sub/a.html"], folder.Select(i => i.Where));
        Assert.Contains("not valid utf-8", folder[1].Error, StringComparison.Ordinal);
        Assert.Equal("b.txt", folder[0].Article!.Id);
        Assert.Contains("Macron", ArticleMessage.Read(folder[2].Article!.Body, ArticleMessage.JsonContentType, null, Limit).Job!.Text, StringComparison.Ordinal);

        var lines = ArticleSource.Read(context, "lines.jsonl", null, CliContext.StrictUtf8).ToList();
        Assert.Equal(["x", "s", "lines.jsonl:4", null], lines.Select(i => i.Article?.Id));
        Assert.Equal("lines.jsonl:5", lines[3].Where);
        Assert.StartsWith("not an article", lines[3].Error, StringComparison.Ordinal);

        Assert.Equal(["stdin:1"], ArticleSource.Read(context, "-", null, CliContext.StrictUtf8).Select(i => i.Article!.Id));
        Assert.Equal(["in/b.txt"], ArticleSource.Read(context, "in/b.txt", null, CliContext.StrictUtf8).Select(i => i.Article!.Id));
    }
}
