using System.Globalization;

namespace NewsNer.Cli.Extraction;

/// <summary>
/// An article file split into its text and its header metadata. The header format (of the events-dev articles) is:
/// a title line, then <c>source:</c> and/or <c>date:</c> lines, then a blank line, then the body. The header lines
/// are metadata, not text; the title is text: <see cref="Text"/> is the title, a blank line, and the body, so the
/// title is a sentence of its own and every offset indexes <see cref="Text"/>. A file without such a header is text
/// as it is, untouched.
/// </summary>
internal sealed record Article(string Text, string? Title, string? Url, string? DateHeader, DateOnly? Date)
{
    private const string Unknown = "unknown";

    /// <summary>The metadata to carry into the document: <c>title</c>, <c>url</c> (the <c>source:</c> header), <c>date</c> (the header's date as written).</summary>
    public Dictionary<string, string> Metadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Title is not null)
        {
            metadata["title"] = Title;
        }

        if (Url is not null)
        {
            metadata["url"] = Url;
        }

        if (DateHeader is not null)
        {
            metadata["date"] = DateHeader;
        }

        return metadata;
    }

    public static Article Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!TryParseHeader(raw, out var header))
        {
            return Plain(raw);
        }

        var body = raw.AsSpan(header.BodyStart);
        var text = header.Title is null ? raw[header.BodyStart..] : body.IsEmpty ? header.Title : string.Concat(header.Title, header.Newline, header.Newline, body);
        return header.ToArticle(text);
    }

    /// <summary>What a header gives: the title, the metadata, where the body starts and the line ending to join them.</summary>
    internal sealed record Header(string? Title, string? Url, string? DateHeader, DateOnly? Date, int BodyStart, string Newline)
    {
        public Article ToArticle(string text) => new(text, Title, Url, DateHeader, Date);
    }

    /// <summary>Reads the header at the start of <paramref name="raw"/>; false when the text has none (it is then text as it is).</summary>
    internal static bool TryParseHeader(string raw, out Header header)
    {
        header = null!;
        // Spans, not substrings: a text of one huge line is not copied to be looked at.
        var firstEnd = LineEnd(raw, 0, out var firstNext);
        var firstLine = raw.AsSpan(0, firstEnd);
        var hasTitle = !IsHeaderLine(firstLine, out _, out _);
        if (hasTitle && firstLine.IsWhiteSpace())
        {
            return false;
        }

        string? url = null, date = null;
        var position = hasTitle ? firstNext : 0;
        var headerLines = 0;
        while (position < raw.Length)
        {
            var end = LineEnd(raw, position, out var next);
            var line = raw.AsSpan(position, end - position);
            if (line.IsWhiteSpace())
            {
                position = next;
                break;
            }

            if (!IsHeaderLine(line, out var key, out var value) || (key == "source" ? url : date) is not null)
            {
                return false;
            }

            if (key == "source")
            {
                url = value;
            }
            else
            {
                date = value;
            }

            headerLines++;
            position = next;
        }

        if (headerLines == 0)
        {
            return false;
        }

        var title = hasTitle ? firstLine.Trim().ToString() : null;
        var newline = firstEnd < raw.Length && raw[firstEnd] == '\r' ? "\r\n" : "\n";
        url = url is null || url.Equals(Unknown, StringComparison.OrdinalIgnoreCase) || url.Length == 0 ? null : url;
        date = date is null || date.Equals(Unknown, StringComparison.OrdinalIgnoreCase) || date.Length == 0 ? null : date;
        DateOnly? day = date is not null && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        header = new Header(title, url, date, day, position, newline);
        return true;
    }

    private static Article Plain(string raw) => new(raw, null, null, null, null);

    private static bool IsHeaderLine(ReadOnlySpan<char> line, out string key, out string value)
    {
        key = value = string.Empty;
        var colon = line.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        var name = line[..colon].Trim();
        if (name.Equals("source", StringComparison.OrdinalIgnoreCase))
        {
            key = "source";
        }
        else if (name.Equals("date", StringComparison.OrdinalIgnoreCase))
        {
            key = "date";
        }
        else
        {
            return false;
        }

        value = line[(colon + 1)..].Trim().ToString();
        return true;
    }

    // End of the line starting at `start` (before its \r\n, \n or \r) and the start of the next one.
    private static int LineEnd(string text, int start, out int next)
    {
        var end = text.AsSpan(start).IndexOfAny('\r', '\n');
        if (end < 0)
        {
            next = text.Length;
            return text.Length;
        }

        end += start;
        next = text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
        return end;
    }
}
