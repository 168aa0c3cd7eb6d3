using System.Text;
using Newtonsoft.Json;

namespace NewsNer.Cli.Broker;

/// <summary>
/// The ids of the articles the broker has confirmed, one JSON string per line, appended as confirms arrive: running
/// <c>enqueue</c> again with the same journal skips them, so an interrupted enqueue resumes where it stopped. A line
/// cut short by a crash is ignored (its article is published again; results are de-duplicated by id).
/// </summary>
internal sealed class EnqueueJournal : IDisposable
{
    private readonly HashSet<string> _ids;
    private readonly StreamWriter? _writer;
    private int _unflushed;

    private EnqueueJournal(string? path, HashSet<string> ids, StreamWriter? writer)
    {
        Path = path;
        _ids = ids;
        _writer = writer;
    }

    /// <summary>The journal file, or null when none is kept.</summary>
    public string? Path { get; }

    /// <summary>Ids read from the journal when it was opened.</summary>
    public int Loaded { get; private init; }

    /// <summary>No journal: every article is published.</summary>
    public static EnqueueJournal None() => new(null, new HashSet<string>(StringComparer.Ordinal), null);

    /// <summary>Opens (or creates) a journal for appending, after reading the ids it already holds.</summary>
    /// <exception cref="UsageException">The journal cannot be read or written.</exception>
    public static EnqueueJournal Open(string path)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                foreach (var line in File.ReadLines(path, Encoding.UTF8))
                {
                    if (TryReadId(line) is { } id)
                    {
                        ids.Add(id);
                    }
                }
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            return new EnqueueJournal(path, ids, new StreamWriter(stream, new UTF8Encoding(false))) { Loaded = ids.Count };
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot use the journal '{path}': {error.Message}; give another with --journal PATH, or --no-journal");
        }
    }

    public bool Contains(string id) => _ids.Contains(id);

    /// <summary>Records a confirmed id (written at once, flushed every few ids and on <see cref="Flush"/>).</summary>
    public void Add(string id)
    {
        if (!_ids.Add(id) || _writer is null)
        {
            return;
        }

        try
        {
            _writer.Write(JsonConvert.ToString(id));
            _writer.Write('\n');
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException(Path!, error);
        }

        if (++_unflushed >= 64)
        {
            Flush();
        }
    }

    public void Flush()
    {
        try
        {
            _writer?.Flush();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException(Path!, error);
        }

        _unflushed = 0;
    }

    public void Dispose()
    {
        Flush();
        _writer?.Dispose();
    }

    private static string? TryReadId(string line)
    {
        if (line.Length < 2 || line[0] != '"' || line[^1] != '"')
        {
            return null;
        }

        try
        {
            return JsonConvert.DeserializeObject<string>(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
