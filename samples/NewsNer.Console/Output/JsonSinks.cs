using NewsNer.Serialization;

namespace NewsNer.Cli.Output;

/// <summary>JSON Lines to a stream: one compact object (or error record) per line.</summary>
internal sealed class JsonLinesSink(TextWriter writer, NewsJsonOptions options, bool ownsWriter) : IDocumentSink
{
    private readonly NewsJsonLinesWriter _lines = new(writer, options, leaveOpen: !ownsWriter);

    public void Write(Document document)
    {
        _lines.Write(document);
        _lines.Flush();
    }

    public void WriteError(string? source, string message)
    {
        _lines.WriteError(source, message);
        _lines.Flush();
    }

    public void Dispose() => _lines.Dispose();
}

/// <summary>One indented JSON object per document, for a single input read by people and tools alike.</summary>
internal sealed class JsonDocumentSink(TextWriter writer, NewsJsonOptions options, bool ownsWriter) : IDocumentSink
{
    public void Write(Document document)
    {
        NewsJson.Write(writer, document, options);
        writer.Write('\n');
        writer.Flush();
    }

    public void WriteError(string? source, string message)
    {
        NewsJson.WriteError(writer, source, message, options);
        writer.Write('\n');
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
/// One JSON file per input in a directory, named like the input with <c>.json</c> (<c>sub/001.txt</c> →
/// <c>OUT/sub/001.json</c>): the layout the dev-set scorer reads. Error records get a file too.
/// </summary>
internal sealed class JsonDirectorySink(string directory, NewsJsonOptions options) : IDocumentSink
{
    private readonly OutputNames _names = new(".json");

    public void Write(Document document) => WriteFile(document.Source, writer => NewsJson.Write(writer, document, options));

    public void WriteError(string? source, string message) => WriteFile(source, writer => NewsJson.WriteError(writer, source, message, options));

    public void Dispose()
    {
    }

    private void WriteFile(string? source, Action<TextWriter> write)
    {
        var path = Path.Combine(directory, _names.For(source));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        write(writer);
        writer.Write('\n');
    }
}
