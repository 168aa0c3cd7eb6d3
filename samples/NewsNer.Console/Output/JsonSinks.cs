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

    public void Write(CompactDocument document, CancellationToken cancellationToken)
    {
        var mark = OutputMark.Take(writer);
        try
        {
            _lines.Write(document, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            mark.TakeBack();
            throw;
        }

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

    public void Write(CompactDocument document, CancellationToken cancellationToken)
    {
        var mark = OutputMark.Take(writer);
        try
        {
            NewsJson.Write(writer, document, options, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            mark.TakeBack();
            throw;
        }

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

    public void Write(CompactDocument document, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, _names.For(document.Source));
        try
        {
            WriteFile(document.Source, writer => NewsJson.Write(writer, document, options, cancellationToken), path);
        }
        catch (OperationCanceledException)
        {
            // Half a file is no file: the input has no output until it is processed again.
            File.Delete(path);
            throw;
        }
    }

    public void WriteError(string? source, string message) => WriteFile(source, writer => NewsJson.WriteError(writer, source, message, options));

    public void Dispose()
    {
    }

    private void WriteFile(string? source, Action<TextWriter> write, string? path = null)
    {
        path ??= Path.Combine(directory, _names.For(source));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        write(writer);
        writer.Write('\n');
    }
}

/// <summary>
/// Where a stream of records stood before a record started, to take the unfinished record back when its writing is
/// stopped: a file is cut back to that length; a stream that cannot seek (standard output, a pipe) gets a line break, so
/// that the cut line stands alone and the next record starts a line of its own.
/// </summary>
internal readonly struct OutputMark
{
    private readonly TextWriter _writer;
    private readonly FileStream? _file;
    private readonly long _length;

    private OutputMark(TextWriter writer, FileStream? file, long length)
    {
        _writer = writer;
        _file = file;
        _length = length;
    }

    public static OutputMark Take(TextWriter writer)
    {
        writer.Flush();
        return writer is StreamWriter { BaseStream: FileStream { CanSeek: true } file } ? new OutputMark(writer, file, file.Length) : new OutputMark(writer, null, -1);
    }

    public void TakeBack()
    {
        _writer.Flush();
        if (_file is { } file)
        {
            file.SetLength(_length);
            file.Position = _length;
        }
        else
        {
            _writer.Write('\n');
            _writer.Flush();
        }
    }
}
