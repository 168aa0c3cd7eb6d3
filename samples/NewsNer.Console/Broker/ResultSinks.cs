using System.Text;
using NewsNer.Cli.Output.Parquet;
using NewsNer.Serialization;
using Newtonsoft.Json;

namespace NewsNer.Cli.Broker;

/// <summary>
/// Where <c>collect</c> writes results. Writes may be buffered; <see cref="CommitAsync"/> makes everything written so
/// far durable (on disk, synced), and only then are the results acknowledged to the broker.
/// </summary>
internal interface IResultSink : IAsyncDisposable
{
    /// <summary>A description for the summary line.</summary>
    string Name { get; }

    /// <summary>The document ids already in the output (from earlier runs), so that they are not written twice.</summary>
    Task<IReadOnlyCollection<string>> ReadExistingIdsAsync(CancellationToken cancellationToken);

    /// <summary>Writes one result: <paramref name="json"/> is its <c>newsner/1</c> body (a document or an error record).</summary>
    Task WriteAsync(string id, string json, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Results as JSON Lines, appended to a file, one result body per line as the worker wrote it. Held open for writing
/// by one collector at a time. A last line cut short by a crash is ended before new lines are appended (and its
/// document, never acknowledged, comes again).
/// </summary>
internal sealed class JsonLinesResultSink : IResultSink
{
    private readonly string _path;
    private readonly FileStream _stream;
    private readonly StreamWriter _writer;

    public JsonLinesResultSink(string path)
    {
        _path = path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        }
        catch (IOException error)
        {
            throw new UsageException($"cannot write --output '{path}' ({error.Message}): is another collect writing it?");
        }

        _writer = new StreamWriter(_stream, new UTF8Encoding(false), 1 << 16);
    }

    public string Name => _path;

    public async Task<IReadOnlyCollection<string>> ReadExistingIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        _stream.Position = 0;
        var reader = new StreamReader(_stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (ResultJson.ReadSource(line) is { } id)
            {
                ids.Add(id);
            }
        }

        _stream.Seek(0, SeekOrigin.End);
        if (_stream.Length > 0)
        {
            _stream.Seek(-1, SeekOrigin.End);
            var last = _stream.ReadByte();
            _stream.Seek(0, SeekOrigin.End);
            if (last != '\n')
            {
                await _writer.WriteAsync('\n');
            }
        }

        return ids;
    }

    public async Task WriteAsync(string id, string json, CancellationToken cancellationToken)
    {
        await _writer.WriteAsync(json.AsMemory().TrimEnd('\n'), cancellationToken);
        await _writer.WriteAsync('\n');
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _writer.FlushAsync(cancellationToken);
        _stream.Flush(flushToDisk: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }
}

/// <summary>
/// Results as the Parquet tables of <c>docs/parquet-schema.md</c>: each commit closes one part of the six tables
/// (<c>part-NNNNN.parquet</c>, numbered after the parts already in the folder), so a part is complete on disk before its
/// results are acknowledged. A lock file keeps a second collector out of the folder.
/// </summary>
internal sealed class ParquetResultSink : IResultSink
{
    private const string LockName = ".newsner-collect.lock";

    private readonly string _directory;
    private readonly FileStream _lock;
    private readonly int _rowGroupDocuments;
    private ParquetDatasetWriter? _part;
    private int _nextPart;

    public ParquetResultSink(string directory, int rowGroupDocuments)
    {
        _directory = directory;
        _rowGroupDocuments = rowGroupDocuments;
        Directory.CreateDirectory(directory);
        try
        {
            _lock = new FileStream(Path.Combine(directory, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new UsageException($"another collect is writing to '{directory}' (it holds {LockName})");
        }

        _nextPart = ParquetDataset.NextPartNumber(directory);
    }

    public string Name => _directory;

    public async Task<IReadOnlyCollection<string>> ReadExistingIdsAsync(CancellationToken cancellationToken) =>
        await ParquetDataset.ReadDocumentIdsAsync(_directory, cancellationToken);

    public async Task WriteAsync(string id, string json, CancellationToken cancellationToken)
    {
        _part ??= await ParquetDatasetWriter.CreateAsync(_directory, ParquetDataset.PartName(_nextPart++), _rowGroupDocuments, cancellationToken);
        var (document, source, error) = ResultJson.Parse(json);
        if (document is not null)
        {
            await _part.AddAsync(id, document, cancellationToken);
        }
        else
        {
            await _part.AddErrorAsync(id, source ?? id, error!, cancellationToken);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_part is null)
        {
            return;
        }

        await _part.CompleteAsync(cancellationToken);
        await _part.DisposeAsync();
        _part = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_part is not null)
        {
            await _part.DisposeAsync();
        }

        await _lock.DisposeAsync();
    }
}

/// <summary>Reading result bodies: the document id of a line, or the whole result.</summary>
internal static class ResultJson
{
    /// <summary>The top-level <c>source</c> of a <c>newsner/1</c> object (documents and error records alike), or null.</summary>
    public static string? ReadSource(string json)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                if ((string)reader.Value! == "source")
                {
                    return reader.ReadAsString();
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>A result body as a document, or the message of its error record (or of why it is not <c>newsner/1</c>).</summary>
    public static (Document? Document, string? Source, string? Error) Parse(string json)
    {
        var result = string.IsNullOrWhiteSpace(json) ? null : NewsJson.ReadLines(new StringReader(json.Replace('\n', ' '))).FirstOrDefault();
        return result switch
        {
            null => (null, null, "the result is empty"),
            { Document: { } document } => (document, document.Source, null),
            _ => (null, result.Id, result.Error?.Message ?? "unknown error"),
        };
    }

    /// <summary>Whether a body is an error record (cheaply: its worker said so, or it has a top-level <c>error</c>).</summary>
    public static bool IsError(Delivery delivery, string json) =>
        delivery.HeaderText("newsner-status") is { } status ? status == "error" : ReadSource(json) is not null && json.Contains("\"error\":{", StringComparison.Ordinal);
}
