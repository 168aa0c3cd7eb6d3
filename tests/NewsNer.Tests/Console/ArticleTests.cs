using NewsNer.Cli.Extraction;

namespace NewsNer.Tests.Console;

public class ArticleTests
{
    [Fact]
    public void Header_lines_are_metadata_and_the_title_is_text()
    {
        var article = Article.Parse("Le titre\nsource: http://x.org/a\ndate: 2022-10-24\n\nLe corps.\nFin.\n");
        Assert.Equal("Le titre\n\nLe corps.\nFin.\n", article.Text);
        Assert.Equal("Le titre", article.Title);
        Assert.Equal("http://x.org/a", article.Url);
        Assert.Equal(new DateOnly(2022, 10, 24), article.Date);
        Assert.Equal(new Dictionary<string, string> { ["title"] = "Le titre", ["url"] = "http://x.org/a", ["date"] = "2022-10-24" }, article.Metadata());
    }

    [Theory]
    [InlineData("T\nsource: unknown\ndate: unknown\n\nCorps.", "T\n\nCorps.", null, null, null)]
    [InlineData("T\ndate: 2022-10\nsource: s\n\nCorps.", "T\n\nCorps.", "s", "2022-10", null)]
    [InlineData("T\r\nsource: s\r\ndate: 2021-04-13\r\n\r\nCorps.\r\n", "T\r\n\r\nCorps.\r\n", "s", "2021-04-13", "2021-04-13")]
    [InlineData("Source: s\nDATE: 2021-04-13\n\nCorps.", "Corps.", "s", "2021-04-13", "2021-04-13")]
    [InlineData("T\nsource: s", "T", "s", null, null)]
    [InlineData("  T  \nsource: s\n   \nCorps.", "T\n\nCorps.", "s", null, null)]
    public void Header_variants(string raw, string text, string? url, string? dateHeader, string? date)
    {
        var article = Article.Parse(raw);
        Assert.Equal(text, article.Text);
        Assert.Equal(url, article.Url);
        Assert.Equal(dateHeader, article.DateHeader);
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), article.Date);
    }

    [Theory]
    [InlineData("Une dépêche sans en-tête.\n\nDeuxième paragraphe.")]
    [InlineData("Titre\nauteur: X\n\nCorps.")]
    [InlineData("Titre\nsource: a\nsource: b\n\nCorps.")]
    [InlineData("Titre\nsource: a\nCorps collé.")]
    [InlineData("\nsource: a\n\nCorps.")]
    [InlineData("")]
    [InlineData("Note : date: demain\n\nCorps.")]
    public void Text_without_a_well_formed_header_is_kept_untouched(string raw)
    {
        var article = Article.Parse(raw);
        Assert.Same(raw, article.Text);
        Assert.Empty(article.Metadata());
    }
}
