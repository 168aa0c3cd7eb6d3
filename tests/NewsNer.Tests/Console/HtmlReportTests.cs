using AngleSharp.Dom;
using Entity = NewsNer.Entities.Entity;
using AngleSharp.Html.Parser;
using NewsNer.Cli.Output;
using NewsNer.Entities;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Console;

public class HtmlReportTests
{
    [Fact]
    public void Document_page_is_self_contained_and_marks_every_mention_and_evidence()
    {
        var document = SampleDocuments.Full();
        var html = Page(document);
        var page = new HtmlParser().ParseDocument(html);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("head style"));
        Assert.Empty(page.QuerySelectorAll("link[rel=stylesheet], script[src], img, iframe"));
        Assert.DoesNotContain("url(", page.QuerySelector("head style")!.TextContent, StringComparison.Ordinal);

        // The article shows the whole text, in order, nothing added or lost (only unprintable characters replaced).
        var article = page.QuerySelector("article.text")!;
        Assert.Equal(HtmlReport.Html(document.Text).Replace("&amp;", "&", StringComparison.Ordinal).Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&#39;", "'", StringComparison.Ordinal), article.TextContent);

        var marks = article.QuerySelectorAll("mark.ent");
        Assert.Equal(document.Entities.Sum(e => e.Mentions.Length), marks.Length);
        foreach (var entity in document.Entities)
        {
            var own = marks.Where(m => m.GetAttribute("data-e") == entity.Id).ToList();
            Assert.Equal(entity.Mentions.Select(m => Visible(document.GetText(m))), own.Select(m => m.TextContent));
            Assert.All(own, m => Assert.Contains(entity.Canonical, m.GetAttribute("title")!, StringComparison.Ordinal));
        }

        Assert.Equal("per", ClassOf(marks.First(m => m.TextContent == "Vladimir Poutine")));
        Assert.Contains("nominal", marks.First(m => m.TextContent == "Le président russe").ClassList);
        Assert.Equal("org", ClassOf(marks.Last(m => m.TextContent == "Kremlin")));
        Assert.Equal("misc", ClassOf(marks.First(m => m.TextContent == "😀")));

        var evidence = article.QuerySelector("span.evidence#v1-ev0")!;
        Assert.Equal(document.GetText(document.Events[0].Evidence[0]), evidence.TextContent);
        Assert.NotEmpty(evidence.QuerySelectorAll("mark.ent"));

        var legend = page.QuerySelector(".legend")!;
        Assert.Equal(["per", "loc", "org", "misc"], legend.QuerySelectorAll("mark.ent:not(.nominal)").Select(ClassOf));
    }

    [Fact]
    public void Event_cards_show_participants_roles_place_date_status_codes_and_link_their_evidence()
    {
        var page = new HtmlParser().ParseDocument(Page(SampleDocuments.Full()));
        var card = page.QuerySelector(".card#v1")!;
        var text = card.TextContent;
        foreach (var expected in new[] { "host visit", "reported", "0.90", "Kremlin", "Moscou", "mercredi", "2025-10-15", "« a accueilli »", "la coopération entre Moscou et Damas", "CAMEO 042 SYRGOV→RUSGOV", "CAMEO 043 RUSGOV→SYRGOV", "PLOVER CONSULT/visit SYRGOV→RUSGOV" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var who = card.QuerySelectorAll(".who").Select(w => (w.QuerySelector(".chip")!.TextContent, w.QuerySelector(".role")!.TextContent)).ToList();
        Assert.Equal([("Vladimir Poutine", "host"), ("Ahmad al-Chaar", "guest")], who);
        Assert.Equal("#e1", card.QuerySelector(".who a.chip.per")!.GetAttribute("href"));
        Assert.Equal("Assaad al-Chaibani", card.QuerySelector("dd a.chip[data-e=e4]")!.TextContent);
        Assert.Equal("#v1-ev0", card.QuerySelector("a.ev-link")!.GetAttribute("href"));
        Assert.NotNull(page.GetElementById("v1-ev0"));

        var call = page.QuerySelector(".card#v2")!;
        Assert.Contains("phone call", call.TextContent, StringComparison.Ordinal);
        Assert.Contains("past", call.QuerySelector(".badge.status")!.ClassList);
        Assert.Equal("mediator", call.QuerySelectorAll(".role")[1].TextContent);

        var rows = page.QuerySelectorAll("table.ents tr");
        Assert.Equal(6, rows.Length);
        Assert.Equal("e1", rows[0].Id);
        Assert.Contains("RUSGOV", rows[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_in_the_text_is_escaped()
    {
        var document = SampleDocuments.Plain("<script>alert('x')</script> & \"guillemets\" <b>gras</b>");
        var html = Page(document);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>gras", html, StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal(document.Text, page.QuerySelector("article.text")!.TextContent);
    }

    [Fact]
    public void Crossing_spans_are_cut_so_the_markup_nests()
    {
        var text = "Le président russe Vladimir Poutine parle.";
        var processed = SampleDocuments.Plain(text);
        var mention = (string s, EntityType type) => new EntityMention(text.IndexOf(s, StringComparison.Ordinal), text.IndexOf(s, StringComparison.Ordinal) + s.Length, 0, 0, type, 0, 1f);
        var document = new Document(
            text,
            processed.Tokens,
            processed.Sentences,
            [
                new Entity { Id = "e1", Type = EntityType.Person, Canonical = "Vladimir Poutine", Mentions = [mention("président russe Vladimir", EntityType.Person)] },
                new Entity { Id = "e2", Type = EntityType.Person, Canonical = "Vladimir Poutine", Mentions = [mention("Vladimir Poutine", EntityType.Person)] },
            ],
            []);
        var page = new HtmlParser().ParseDocument(Page(document));
        var article = page.QuerySelector("article.text")!;
        Assert.Equal(text, article.TextContent);
        Assert.Equal(["président russe Vladimir", "Vladimir"], article.QuerySelectorAll("mark").Select(m => m.TextContent));
    }

    [Fact]
    public void Index_page_counts_documents_and_ranks_actors_and_meeting_pairs()
    {
        using var temp = new TempFolder();
        using (var sink = new HtmlDirectorySink(temp.Path))
        {
            sink.Write(SampleDocuments.Full());
            sink.WriteError("cassé.txt", "cannot read: boom");
            sink.Write(new Document(SampleDocuments.FullText, [], [], SampleDocuments.Full().Entities, SampleDocuments.Full().Events, "again/second.txt"));
        }

        Assert.True(File.Exists(Path.Combine(temp.Path, "articles/2025/poutine.html")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "again/second.html")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "cassé.html")));
        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(temp.Path, "index.html")));

        var rows = page.QuerySelectorAll("table.docs tbody tr");
        Assert.Equal(3, rows.Length);
        Assert.Equal("articles/2025/poutine.html", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["3", "2", "0", "1", "2"], rows[0].QuerySelectorAll("td.n").Select(c => c.TextContent));
        Assert.Contains("failed", rows[1].ClassList);
        Assert.Contains("cannot read: boom", rows[1].TextContent, StringComparison.Ordinal);

        var actors = page.QuerySelectorAll("table.rank")[0].QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.StartsWith("PER Vladimir Poutine", actors[0], StringComparison.Ordinal);
        Assert.EndsWith("26", actors[0], StringComparison.Ordinal);
        var pairs = page.QuerySelectorAll("table.rank")[1].QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal(["Ahmad al-Chaar ↔ Vladimir Poutine", "4", "2"], pairs[0]);

        var back = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(temp.Path, "articles/2025/poutine.html")));
        Assert.Equal("../../index.html", back.QuerySelector(".crumbs a")!.GetAttribute("href"));
    }

    [Fact]
    public void Report_of_the_sample_article_with_linking_and_events()
    {
        // The real linking and event stages over perfect name mentions: what the report looks like on a real article.
        var document = SampleArticle.Process();
        Assert.NotEmpty(document.Entities);
        var html = Page(document);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal(document.Entities.Sum(e => e.Mentions.Length), page.QuerySelectorAll("article.text mark.ent").Length);
        Assert.Equal(document.Events.Length, page.QuerySelectorAll(".card").Length);

        // Set NEWSNER_REPORT_OUT to a folder to get the page (docs/report-screenshot.png is taken from it).
        if (Environment.GetEnvironmentVariable("NEWSNER_REPORT_OUT") is { Length: > 0 } folder)
        {
            using var sink = new HtmlDirectorySink(folder);
            sink.Write(document);
        }
    }

    private static string Page(Document document)
    {
        var writer = new StringWriter();
        HtmlReport.WriteDocumentPage(writer, document, indexHref: null);
        return writer.ToString();
    }

    private static string ClassOf(IElement mark) => mark.ClassList.First(c => c is "per" or "loc" or "org" or "misc");

    private static string Visible(string text) => new HtmlParser().ParseDocument("<p>" + HtmlReport.Html(text) + "</p>").QuerySelector("p")!.TextContent;
}
