using System.Globalization;
using System.Text;
using NewsNer.Cli.Extraction;
using Newtonsoft.Json;

namespace NewsNer.Cli.Broker;

/// <summary>An article ready to publish: its id (the AMQP message-id) and its JSON body.</summary>
internal sealed record OutgoingArticle(string Id, byte[] Body);

/// <summary>One item of an <c>enqueue</c> input: an article, or why an input could not become one (<see cref="Where"/> names it).</summary>
internal readonly record struct ArticleItem(OutgoingArticle? Article, string Where, string? Error);

/// <summary>
/// What <c>enqueue</c> reads: a folder of articles (<c>.txt</c>, <c>.html</c>, <c>.htm</c>, recursively, in sorted order,
/// read exactly as <c>extract</c> reads them: header metadata, title, date; the id is the path relative to the folder), one
/// article file (its id is the path as given), or JSON Lines (a <c>.jsonl</c> file, or <c>-</c> for standard input) of JSON
/// articles sent as they are (the id is the line's <c>id</c>, else its <c>source</c>, else <c>FILE:LINE</c>).
/// </summary>
internal static class ArticleSource
{
    public static IEnumerable<ArticleItem> Read(CliContext context, string input, DateOnly? date, Encoding encoding)
    {
        if (input == "-")
        {
            return Lines(context.Stdin, "stdin");
        }

        var path = context.ResolvePath(input);
        if (Directory.Exists(path))
        {
            return Folder(path, date, encoding);
        }

        if (!System.IO.File.Exists(path))
        {
            throw new UsageException($"input '{input}' is neither a file nor a folder (use - for JSON Lines on standard input)");
        }

        return path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            ? LinesOfFile(path, input)
            : [ArticleFile(path, input, date, encoding)];
    }

    private static IEnumerable<ArticleItem> Folder(string folder, DateOnly? date, Encoding encoding)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchType = MatchType.Simple };
        var files = Directory.EnumerateFiles(folder, "*", options)
            .Where(f => ExtractRunner.ArticleExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(f => (Id: Path.GetRelativePath(folder, f).Replace('\\', '/'), Path: f))
            .OrderBy(f => f.Id, StringComparer.Ordinal);
        foreach (var (id, path) in files)
        {
            yield return ArticleFile(path, id, date, encoding);
        }
    }

    private static ArticleItem ArticleFile(string path, string id, DateOnly? date, Encoding encoding)
    {
        try
        {
            var article = HtmlArticle.IsHtmlPath(path)
                ? HtmlArticle.Parse(HtmlArticle.Read(path, encoding))
                : Article.Parse(TextFiles.Read(path, encoding));
            if (ArticleMessage.IdBytes(id) > ArticleMessage.MaxIdBytes)
            {
                return new ArticleItem(null, id, BrokerErrors.IdTooLong(ArticleMessage.IdBytes(id)));
            }

            return new ArticleItem(new OutgoingArticle(id, ArticleMessage.Write(id, article.Text, date ?? article.Date, article.Metadata())), id, null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var message = error switch
            {
                InvalidDataException => error.Message,
                IOException or UnauthorizedAccessException => "cannot read: " + error.Message,
                _ => $"cannot read: {error.GetType().Name}: {error.Message}",
            };
            return new ArticleItem(null, id, message);
        }
    }

    private static IEnumerable<ArticleItem> LinesOfFile(string path, string name)
    {
        using var reader = new StreamReader(path, CliContext.StrictUtf8, detectEncodingFromByteOrderMarks: true);
        foreach (var item in Lines(reader, name))
        {
            yield return item;
        }
    }

    private static IEnumerable<ArticleItem> Lines(TextReader reader, string name)
    {
        var number = 0;
        while (true)
        {
            string? line;
            string? decodeError = null;
            try
            {
                line = reader.ReadLine();
            }
            catch (DecoderFallbackException)
            {
                line = null;
                decodeError = "not valid UTF-8: JSON Lines must be UTF-8";
            }

            if (decodeError is not null)
            {
                yield return new ArticleItem(null, $"{name}:{(number + 1).ToString(CultureInfo.InvariantCulture)}", decodeError);
                yield break;
            }

            if (line is null)
            {
                yield break;
            }

            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var where = $"{name}:{number.ToString(CultureInfo.InvariantCulture)}";
            yield return Line(line, where);
        }
    }

    private static ArticleItem Line(string line, string where)
    {
        string id;
        try
        {
            id = ArticleMessage.ReadId(line) ?? where;
        }
        catch (JsonException error)
        {
            return new ArticleItem(null, where, BrokerErrors.NotAnArticle(error.Message));
        }

        return ArticleMessage.IdBytes(id) > ArticleMessage.MaxIdBytes
            ? new ArticleItem(null, where, BrokerErrors.IdTooLong(ArticleMessage.IdBytes(id)))
            : new ArticleItem(new OutgoingArticle(id, Encoding.UTF8.GetBytes(line)), where, null);
    }
}
