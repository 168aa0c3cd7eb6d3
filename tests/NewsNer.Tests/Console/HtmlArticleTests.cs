using System.Text;
using NewsNer.Cli.Extraction;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Console;

public class HtmlArticleTests
{
    [Fact]
    public void Article_element_gives_title_paragraphs_url_and_date()
    {
        var article = HtmlArticle.Parse("""
            <html><head><title>Site | Titre long</title><meta property="og:title" content="Macron reçoit Scholz">
            <link rel="canonical" href="https://ex.fr/a"><meta property="article:published_time" content="2024-05-06T08:00:00+02:00"></head>
            <body><nav>Accueil Monde</nav><header>Le Journal</header>
            <article><h1>Macron reçoit Scholz</h1><p>Le président a reçu
            le chancelier.</p><div hidden>caché</div><p>Ils ont parlé<br>longtemps.</p><script>x()</script>
            <figure><figcaption>Photo</figcaption></figure><ul><li>un</li><li>deux</li></ul></article>
            <aside>Lire aussi</aside><footer>©</footer></body></html>
            """);
        Assert.Equal("Macron reçoit Scholz\n\nLe président a reçu le chancelier.\n\nIls ont parlé\nlongtemps.\n\nun\n\ndeux", article.Text);
        Assert.Equal("https://ex.fr/a", article.Url);
        Assert.Equal(new DateOnly(2024, 5, 6), article.Date);
        Assert.Equal("Macron reçoit Scholz", article.Title);
    }

    [Fact]
    public void Without_an_article_element_the_densest_paragraph_block_is_the_body()
    {
        var article = HtmlArticle.Parse("""
            <html><head><title>Dépêche</title></head><body>
            <div class="menu"><p>Accueil</p><p>Contact</p></div>
            <div class="content"><p>Premier paragraphe assez long de la dépêche.</p><p>Second paragraphe, lui aussi assez long.</p></div>
            <div class="pub"><p>Publicité</p></div></body></html>
            """);
        Assert.Equal("Dépêche\n\nPremier paragraphe assez long de la dépêche.\n\nSecond paragraphe, lui aussi assez long.", article.Text);
        Assert.Null(article.Date);
    }

    [Fact]
    public void Declared_charset_is_honoured()
    {
        using var temp = new TempFolder();
        var html = "<html><head><meta charset=\"windows-1252\"><title>Été</title></head><body><article><p>Ça marche à Noël.</p></article></body></html>";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = temp.Bytes("page.html", Encoding.GetEncoding(1252).GetBytes(html));
        var text = HtmlArticle.Parse(HtmlArticle.Read(path, Cli.CliContext.StrictUtf8)).Text;
        Assert.Equal("Été\n\nÇa marche à Noël.", text);
    }

    [Fact]
    public void Empty_or_broken_html_gives_text_without_throwing()
    {
        Assert.Equal("", HtmlArticle.Parse("").Text);
        Assert.Equal("a b", HtmlArticle.Parse("<p>a <b>b</p></div></span>").Text);
        Assert.Equal("Titre", HtmlArticle.Parse("<title> Titre </title>").Text);
    }
}
