using Newtonsoft.Json;

namespace NewsNer.Serialization;

/// <summary>
/// Writes documents as JSON Lines: one compact <c>newsner/1</c> object per line, streamed as they come, so a batch of
/// any size is written with the memory of one document. An input that failed becomes an error record
/// <c>{"schema":"newsner/1","source":…,"error":{"message":…}}</c>, so the output has one line per input.
/// </summary>
/// <remarks>Not thread-safe: write from one thread, in the order lines should appear (<see cref="NewsPipeline.ProcessMany"/> keeps input order).</remarks>
/// <example>
/// <code>
/// using var lines = new NewsJsonLinesWriter(Console.Out);
/// foreach (var result in pipeline.ProcessMany(inputs, BatchOptions.AllCores))
///     lines.Write(result);
/// </code>
/// </example>
public sealed class NewsJsonLinesWriter : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _leaveOpen;
    private readonly NewsJsonOptions _options;
    private JsonTextWriter _json;
    private bool _disposed;

    /// <summary>Creates a writer over <paramref name="writer"/>.</summary>
    /// <param name="writer">Where the lines go.</param>
    /// <param name="options">Tokens or not; <see cref="NewsJsonOptions.Indented"/> is ignored (a line holds one object).</param>
    /// <param name="leaveOpen">Whether <paramref name="writer"/> stays open when this writer is disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public NewsJsonLinesWriter(TextWriter writer, NewsJsonOptions? options = null, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _leaveOpen = leaveOpen;
        _options = (options ?? NewsJsonOptions.Default) with { Indented = false };
        _json = NewsJson.CreateWriter(writer, indented: false);
    }

    /// <summary>The number of lines written so far (documents and error records).</summary>
    public long Count { get; private set; }

    /// <summary>Writes a document as one line.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public void Write(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ObjectDisposedException.ThrowIf(_disposed, this);
        DocumentJsonWriter.Write(_json, document, _options);
        EndLine();
    }

    /// <summary>Writes a document processed without its token array as one line (tokens computed again as they are written).</summary>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">
    /// Stops the writing (checked every 4,096 tokens). What was written of the line stays unfinished in the underlying
    /// writer (truncate it, or end it with a line break, before the next line); this writer starts the next line afresh.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void Write(CompactDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            DocumentJsonWriter.Write(_json, document, _options, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _json.Flush();
            _json = NewsJson.CreateWriter(_writer, indented: false);
            throw;
        }

        EndLine();
    }

    /// <summary>Writes an error record: the input <paramref name="source"/> could not be read or processed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public void WriteError(string? source, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        DocumentJsonWriter.WriteError(_json, source, message);
        EndLine();
    }

    /// <summary>
    /// Writes a batch result: its document, or an error record whose source is the input's
    /// <see cref="DocumentInput.Id"/> and whose message is the error's.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public void Write(DocumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Document is { } document)
        {
            Write(document);
        }
        else
        {
            WriteError(result.Id, result.Error?.Message ?? "Unknown error.");
        }
    }

    /// <summary>Flushes the underlying writer, so that every line written so far reaches its destination.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _json.Flush();
    }

    /// <summary>Flushes, and closes the underlying writer unless it was created with <c>leaveOpen</c>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _json.Flush();
        ((IDisposable)_json).Dispose();
        if (!_leaveOpen)
        {
            _writer.Dispose();
        }
    }

    private void EndLine()
    {
        _json.WriteWhitespace("\n");
        Count++;
    }
}
