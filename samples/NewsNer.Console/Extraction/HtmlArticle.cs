using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsNer.Cli.Extraction;

/// <summary>
/// Reduces a news web page to its article: the title (Open Graph title, else <c>&lt;title&gt;</c>, else the first
/// heading), the canonical URL and the publication date from the page's metadata, and the body's paragraphs. The body is
/// the page's <c>&lt;article&gt;</c> (or <c>[itemprop=articleBody]</c>, <c>&lt;main&gt;</c>), else the element holding
/// the most paragraph text; navigation, headers, footers, asides, forms, scripts and hidden elements are dropped.
/// The text is the title, a blank line, and the paragraphs separated by blank lines, like a text article.
/// </summary>
internal static partial class HtmlArticle
{
    private static readonly HashSet<string> s_skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "canvas",
        "button", "select", "textarea", "input", "figure", "video", "audio", "object", "embed", "menu", "dialog", "head",
    };

    private static readonly HashSet<string> s_blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th", "caption", "address",
        "div", "section", "article", "main", "ul", "ol", "dl", "table", "tr", "tbody", "thead", "body", "hr",
    };

    public static bool IsHtmlPath(string path) =>
        Path.GetExtension(path) is { } extension
        && (extension.Equals(".html", StringComparison.OrdinalIgnoreCase) || extension.Equals(".htm", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads an HTML file: a byte-order mark wins, then a <c>charset</c> declared in the page's first kilobyte, then <paramref name="fallback"/>.</summary>
    public static string Read(string path, Encoding fallback) => Decode(File.ReadAllBytes(path), fallback);

    /// <summary>
    /// Whether text (standard input) is a web page rather than plain text: after white space, comments and an XML
    /// declaration, it opens with <c>&lt;!DOCTYPE html</c>, <c>&lt;html</c>, <c>&lt;head</c> or <c>&lt;body</c>.
    /// </summary>
    public static bool LooksLikeHtml(ReadOnlySpan<char> text) => HtmlStart().IsMatch(text[..Math.Min(text.Length, 4096)]);

    /// <summary>The same test on the first bytes of a stream, before they are decoded.</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 4096)];
        if (head is [0xEF, 0xBB, 0xBF, ..])
        {
            head = head[3..];
        }
        else if (head is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            var utf16 = new UnicodeEncoding(bigEndian: head[0] == 0xFE, byteOrderMark: false);
            return LooksLikeHtml(utf16.GetString(head[2..]));
        }

        return LooksLikeHtml(Encoding.Latin1.GetString(head));
    }

    /// <summary>Decodes a page: a byte-order mark wins, then a <c>charset</c> declared in its first kilobyte, then <paramref name="fallback"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are binary, or not valid in the encoding.</exception>
    public static string Decode(byte[] bytes, Encoding fallback)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 2048));
        var declared = CharsetPattern().Match(head);
        var encoding = fallback;
        if (declared.Success && !declared.Groups[1].Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                encoding = TextFiles.Resolve(declared.Groups[1].Value);
            }
            catch (UsageException)
            {
                // An unknown declared charset: keep the fallback rather than fail the page.
            }
        }

        return TextFiles.Decode(bytes, encoding);
    }

    public static Article Parse(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var title = Clean(Meta(document, "og:title") ?? document.Title ?? document.QuerySelector("h1")?.TextContent);
        var url = document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? Meta(document, "og:url");
        var date = PublicationDate(document);

        // Hidden elements are dropped, but never the page itself: <html> or <body> marked aria-hidden (scripts do so
        // while a dialog is open) still hold the article (fuzzing finding tests/NewsNer.Fuzz/Findings/html/hidden-html.html).
        foreach (var element in document.QuerySelectorAll("[hidden], [aria-hidden=true]").ToList())
        {
            if (element.LocalName is not ("html" or "body"))
            {
                element.Remove();
            }
        }

        var paragraphs = new List<string>();
        var inline = new StringBuilder();
        if (BestRoot(document) is { } root)
        {
            Collect(root, paragraphs, inline);
        }

        Flush(paragraphs, inline);
        if (title is not null && paragraphs.Count > 0 && paragraphs[0] == title)
        {
            paragraphs.RemoveAt(0);
        }

        var body = string.Join("\n\n", paragraphs);
        var text = string.IsNullOrEmpty(title) ? body : body.Length == 0 ? title : title + "\n\n" + body;
        DateOnly? day = date is not null && DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
        return new Article(text, string.IsNullOrEmpty(title) ? null : title, string.IsNullOrWhiteSpace(url) ? null : url.Trim(), date, day);
    }

    private static IElement? BestRoot(IDocument document)
    {
        var candidates = document.QuerySelectorAll("article, [itemprop=articleBody], main").Where(e => !Skipped(e)).ToList();
        if (candidates.Count > 0)
        {
            return candidates.MaxBy(ParagraphText)!;
        }

        // No semantic container: the element whose direct paragraphs hold the most text.
        var best = document.Body ?? document.DocumentElement;
        var bestScore = 0;
        foreach (var parent in document.QuerySelectorAll("p").Select(p => p.ParentElement).OfType<IElement>().Distinct())
        {
            var score = parent.Children.Where(c => c.LocalName == "p").Sum(p => p.TextContent.Length);
            if (score > bestScore)
            {
                best = parent;
                bestScore = score;
            }
        }

        return best;
    }

    private static int ParagraphText(IElement element) => element.QuerySelectorAll("p").Sum(p => p.TextContent.Length) + 1;

    private static bool Skipped(IElement element)
    {
        for (var e = element.ParentElement; e is not null; e = e.ParentElement)
        {
            if (s_skipped.Contains(e.LocalName))
            {
                return true;
            }
        }

        return false;
    }

    private static void Collect(INode node, List<string> paragraphs, StringBuilder inline)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    // Line breaks in the source are white space; only <br> (and <pre>) break lines.
                    inline.Append(node is IElement { LocalName: "pre" } ? text.Data : text.Data.ReplaceLineEndings(" "));
                    break;
                case IElement element when s_skipped.Contains(element.LocalName):
                    break;
                case IElement { LocalName: "br" }:
                    inline.Append('\n');
                    break;
                case IElement element when s_blocks.Contains(element.LocalName):
                    Flush(paragraphs, inline);
                    Collect(element, paragraphs, inline);
                    Flush(paragraphs, inline);
                    break;
                case IElement element:
                    Collect(element, paragraphs, inline);
                    break;
            }
        }
    }

    private static void Flush(List<string> paragraphs, StringBuilder inline)
    {
        var paragraph = Clean(inline.ToString());
        inline.Clear();
        if (!string.IsNullOrEmpty(paragraph))
        {
            paragraphs.Add(paragraph);
        }
    }

    /// <summary>Collapses HTML white space (not the non-breaking spaces French typography relies on), keeping line breaks from &lt;br&gt;.</summary>
    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var lines = text.Split('\n').Select(line => HtmlSpace().Replace(line, " ").Trim()).Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }

    private static string? Meta(IDocument document, string property) =>
        document.QuerySelector($"meta[property='{property}'], meta[name='{property}']")?.GetAttribute("content");

    private static string? PublicationDate(IDocument document)
    {
        var candidates = new[]
        {
            Meta(document, "article:published_time"), Meta(document, "og:published_time"), Meta(document, "date"),
            Meta(document, "pubdate"), Meta(document, "publishdate"), Meta(document, "dc.date"), Meta(document, "DC.date.issued"),
            document.QuerySelector("article time[datetime], time[datetime]")?.GetAttribute("datetime"),
        };
        foreach (var candidate in candidates)
        {
            if (candidate is not null && IsoDate().Match(candidate) is { Success: true } match)
            {
                return match.Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex HtmlSpace();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"charset\s*=\s*[""']?([A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();

    [GeneratedRegex(@"\A\uFEFF?\s*(?:(?:<!--(?s:.*?)-->|<\?xml[^>]*>)\s*)*<(?:!doctype\s+html|html|head|body)(?:[\s>/]|\z)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex HtmlStart();
}
