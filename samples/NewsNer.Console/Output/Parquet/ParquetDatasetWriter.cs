using Parquet;

namespace NewsNer.Cli.Output.Parquet;

/// <summary>
/// Writes one part of the Parquet tables: <c>DIR/&lt;table&gt;/&lt;part&gt;.parquet</c> for each of the six tables
/// (documents, sentences, entities, mentions, events, event_participants), whose rows join on <c>document_id</c> (and
/// <c>entity_id</c>, <c>event_id</c> within a document). Rows are buffered and written as one row group every
/// <see cref="RowGroupDocuments"/> documents, so memory stays bounded whatever the number of documents. Files are
/// written under a <c>.tmp</c> name and renamed when the part is complete: a reader globbing <c>*.parquet</c> never sees a
/// half-written file, and a part abandoned by a crash leaves only <c>.tmp</c> files behind.
/// </summary>
internal sealed class ParquetDatasetWriter : IAsyncDisposable, IDisposable
{
    /// <summary>The documents per row group when the caller does not say.</summary>
    public const int DefaultRowGroupDocuments = 1000;

    /// <summary>The identifier of this table layout, written in every file's key-value metadata.</summary>
    public const string SchemaId = "newsner-parquet/1";

    private readonly DocumentsTable _documents = new();
    private readonly SentencesTable _sentences = new();
    private readonly EntitiesTable _entities = new();
    private readonly MentionsTable _mentions = new();
    private readonly EventsTable _events = new();
    private readonly EventParticipantsTable _participants = new();
    private readonly List<TableFile> _files = [];
    private int _pendingDocuments;
    private bool _completed;

    private ParquetDatasetWriter(int rowGroupDocuments)
    {
        RowGroupDocuments = rowGroupDocuments;
    }

    /// <summary>The tables, in the order the schema document lists them.</summary>
    public static IReadOnlyList<ParquetTable> CreateTables() =>
        [new DocumentsTable(), new SentencesTable(), new EntitiesTable(), new MentionsTable(), new EventsTable(), new EventParticipantsTable()];

    /// <summary>The table names, which are also their folders.</summary>
    public static IReadOnlyList<string> TableNames { get; } = [.. CreateTables().Select(t => t.Name)];

    public int RowGroupDocuments { get; }

    /// <summary>Documents and error records added to this part.</summary>
    public int Count { get; private set; }

    private IEnumerable<ParquetTable> Tables => [_documents, _sentences, _entities, _mentions, _events, _participants];

    /// <summary>Opens the six files of part <paramref name="partName"/> (without extension) under <paramref name="directory"/>.</summary>
    public static async Task<ParquetDatasetWriter> CreateAsync(string directory, string partName, int rowGroupDocuments = DefaultRowGroupDocuments, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupDocuments, 1);
        var dataset = new ParquetDatasetWriter(rowGroupDocuments);
        try
        {
            foreach (var table in dataset.Tables)
            {
                var folder = Path.Combine(directory, table.Name);
                Directory.CreateDirectory(folder);
                var final = Path.Combine(folder, partName + ".parquet");
                dataset._files.Add(await TableFile.OpenAsync(table, final, cancellationToken));
            }
        }
        catch
        {
            await dataset.DisposeAsync();
            throw;
        }

        return dataset;
    }

    public static ParquetDatasetWriter Create(string directory, string partName, int rowGroupDocuments = DefaultRowGroupDocuments) =>
        CreateAsync(directory, partName, rowGroupDocuments).GetAwaiter().GetResult();

    /// <summary>Adds a document's rows to every table.</summary>
    public async ValueTask AddAsync(string documentId, Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(document);
        _documents.Add(documentId, document);
        _sentences.Add(documentId, document);
        _entities.Add(documentId, document);
        _mentions.Add(documentId, document);
        _events.Add(documentId, document);
        _participants.Add(documentId, document);
        await CountAsync(cancellationToken);
    }

    /// <summary>Adds an error record: a <c>documents</c> row whose <c>error</c> holds the message.</summary>
    public async ValueTask AddErrorAsync(string documentId, string? source, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        _documents.AddError(documentId, source, message);
        await CountAsync(cancellationToken);
    }

    public void Add(string documentId, Document document) => AddAsync(documentId, document).AsTask().GetAwaiter().GetResult();

    public void AddError(string documentId, string? source, string message) =>
        AddErrorAsync(documentId, source, message).AsTask().GetAwaiter().GetResult();

    /// <summary>Writes the buffered rows as a row group of each table (tables without rows get none).</summary>
    public async Task FlushRowGroupAsync(CancellationToken cancellationToken = default)
    {
        foreach (var file in _files)
        {
            await file.WriteRowGroupAsync(cancellationToken);
        }

        _pendingDocuments = 0;
    }

    /// <summary>Writes what is buffered, closes every file and gives it its final name.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        await FlushRowGroupAsync(cancellationToken);
        foreach (var file in _files)
        {
            await file.CloseAsync();
        }

        foreach (var file in _files)
        {
            file.Publish();
        }

        _completed = true;
    }

    public void Complete() => CompleteAsync().GetAwaiter().GetResult();

    /// <summary>Closes the files; when the part was not completed, deletes them (nothing half-written is left under a final name).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var file in _files)
        {
            if (_completed)
            {
                await file.CloseAsync();
                continue;
            }

            try
            {
                await file.CloseAsync();
            }
            catch (Exception error) when (error is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // Abandoning a part after a failure: its temporary file is deleted below whatever state it is in.
            }

            file.Discard();
        }

        _files.Clear();
        _completed = true;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async ValueTask CountAsync(CancellationToken cancellationToken)
    {
        Count++;
        if (++_pendingDocuments >= RowGroupDocuments)
        {
            await FlushRowGroupAsync(cancellationToken);
        }
    }

    /// <summary>One table's file of this part: a Parquet writer over a <c>.tmp</c> file.</summary>
    private sealed class TableFile : IAsyncDisposable
    {
        private readonly ParquetTable _table;
        private readonly string _finalPath;
        private readonly string _tempPath;
        private FileStream? _stream;
        private ParquetWriter? _writer;

        private TableFile(ParquetTable table, string finalPath)
        {
            _table = table;
            _finalPath = finalPath;
            _tempPath = finalPath + ".tmp";
        }

        public static async Task<TableFile> OpenAsync(ParquetTable table, string finalPath, CancellationToken cancellationToken)
        {
            var file = new TableFile(table, finalPath);
            file._stream = new FileStream(file._tempPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
            file._writer = await ParquetWriter.CreateAsync(table.CreateSchema(), file._stream, cancellationToken: cancellationToken);
            file._writer.CustomMetadata = new Dictionary<string, string>
            {
                ["newsner.schema"] = SchemaId,
                ["newsner.table"] = table.Name,
            };
            return file;
        }

        public async Task WriteRowGroupAsync(CancellationToken cancellationToken)
        {
            if (_table.BufferedRows == 0)
            {
                return;
            }

            using (var rowGroup = _writer!.CreateRowGroup())
            {
                foreach (var column in _table.Columns)
                {
                    await column.WriteAsync(rowGroup, cancellationToken);
                }

                rowGroup.CompleteValidate();
            }

            _table.Clear();
        }

        public async Task CloseAsync()
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }

            if (_stream is not null)
            {
                _stream.Flush(flushToDisk: true);
                await _stream.DisposeAsync();
                _stream = null;
            }
        }

        public ValueTask DisposeAsync() => new(CloseAsync());

        public void Publish() => File.Move(_tempPath, _finalPath, overwrite: true);

        public void Discard()
        {
            try
            {
                File.Delete(_tempPath);
            }
            catch (IOException)
            {
            }
        }
    }
}
