using System.Text;

namespace NewsNer.Cli.Output;

/// <summary>One self-contained HTML page for a single input, to a file or standard output.</summary>
internal sealed class HtmlPageSink(TextWriter writer, bool ownsWriter) : IDocumentSink
{
    public void Write(Document document)
    {
        HtmlReport.WriteDocumentPage(writer, document, indexHref: null);
        writer.Flush();
    }

    public void WriteError(string? source, string message)
    {
        HtmlReport.WriteErrorPage(writer, source, message, indexHref: null);
        writer.Flush();
    }

    public void Dispose()
    {
        writer.Flush();
        if (ownsWriter)
        {
            writer.Dispose();
        }
    }
}

/// <summary>
/// A report folder: one page per input, named like it (<c>sub/001.txt</c> → <c>sub/001.html</c>), written as each
/// document arrives, and <c>index.html</c> with the per-document counts, the most frequent actors and meeting pairs,
/// rewritten every few seconds and at the end, so an interrupted run still has a valid index.
/// </summary>
internal sealed class HtmlDirectorySink(string directory) : IDocumentSink
{
    private static readonly TimeSpan s_indexInterval = TimeSpan.FromSeconds(3);

    private readonly ReportIndex _index = new();
    private readonly OutputNames _names = new(".html");
    private readonly System.Diagnostics.Stopwatch _sinceIndex = System.Diagnostics.Stopwatch.StartNew();

    public void Write(Document document)
    {
        var relative = _names.For(document.Source);
        WritePage(relative, w => HtmlReport.WriteDocumentPage(w, document, IndexHref(relative)));
        _index.Add(document, relative);
        MaybeWriteIndex();
    }

    public void WriteError(string? source, string message)
    {
        var relative = _names.For(source);
        WritePage(relative, w => HtmlReport.WriteErrorPage(w, source, message, IndexHref(relative)));
        _index.AddError(source, relative, message);
        MaybeWriteIndex();
    }

    public void Dispose() => WriteIndex();

    private static string IndexHref(string relative) =>
        string.Concat(Enumerable.Repeat("../", relative.Count(c => c == '/'))) + "index.html";

    private void WritePage(string relative, Action<TextWriter> write)
    {
        var path = Path.Combine(directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        write(writer);
    }

    private void MaybeWriteIndex()
    {
        if (_sinceIndex.Elapsed >= s_indexInterval || _index.Documents.Count == 1)
        {
            WriteIndex();
        }
    }

    private void WriteIndex()
    {
        _sinceIndex.Restart();
        // Written beside and then moved over the old index, so a reader never sees half a page.
        var path = Path.Combine(directory, "index.html");
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            HtmlReport.WriteIndexPage(writer, _index);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>
/// Output file names for inputs: the input's relative path with its extension replaced (<c>sub/001.txt</c> →
/// <c>sub/001.json</c>); two inputs that differ only by extension keep it (<c>a.html.json</c>); standard input is
/// <c>stdin</c>; an absolute path keeps its file name.
/// </summary>
internal sealed class OutputNames(string extension)
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string For(string? source)
    {
        var relative = string.IsNullOrEmpty(source) || source == "-" ? "stdin" : source;
        if (Path.IsPathRooted(relative))
        {
            relative = Path.GetFileName(relative);
        }

        relative = relative.Replace('\\', '/').TrimStart('/');
        relative = string.Join('/', relative.Split('/').Where(part => part is not ("" or "." or "..")));
        var candidate = Path.ChangeExtension(relative, null) + extension;
        if (!_used.Add(candidate))
        {
            candidate = relative + extension;
            for (var n = 2; !_used.Add(candidate); n++)
            {
                candidate = $"{relative}.{n}{extension}";
            }
        }

        return candidate;
    }
}
