namespace NewsNer.Cli.Output.Parquet;

/// <summary>
/// <c>documents</c>: one row per input, document or error record (then <c>error</c> holds the message and the other
/// columns are null), so every input is accounted for.
/// </summary>
internal sealed class DocumentsTable : ParquetTable
{
    private readonly StringColumn _documentId = new("document_id", nullable: false);
    private readonly StringColumn _source = new("source");
    private readonly StringColumn _error = new("error");
    private readonly StringColumn _language = new("language");
    private readonly DateColumn _publicationDate = new("publication_date");
    private readonly StringColumn _title = new("title");
    private readonly StringColumn _url = new("url");
    private readonly StringMapColumn _metadata = new("metadata");
    private readonly StringColumn _text = new("text");
    private readonly Int32Column _tokenCount = new("token_count", nullable: true);
    private readonly Int32Column _sentenceCount = new("sentence_count", nullable: true);
    private readonly Int32Column _entityCount = new("entity_count", nullable: true);
    private readonly Int32Column _eventCount = new("event_count", nullable: true);

    public DocumentsTable()
        : base("documents")
    {
        Columns =
        [
            _documentId, _source, _error, _language, _publicationDate, _title, _url, _metadata, _text,
            _tokenCount, _sentenceCount, _entityCount, _eventCount,
        ];
    }

    public override IReadOnlyList<ParquetColumn> Columns { get; }

    public void Add(string documentId, Document document)
    {
        _documentId.Add(documentId);
        _source.Add(document.Source);
        _error.Add(null);
        _language.Add(document.Language);
        _publicationDate.Add(document.PublicationDate);
        _title.Add(document.Metadata.TryGetValue("title", out var title) ? title : null);
        _url.Add(document.Metadata.TryGetValue("url", out var url) ? url : null);
        _metadata.Add(document.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal));
        _text.Add(document.Text);

        // A document read from JSON written without tokens has sentences but no tokens: its token count is unknown.
        _tokenCount.Add(document.Tokens.IsEmpty && !document.Sentences.IsEmpty ? null : document.Tokens.Length);
        _sentenceCount.Add(document.Sentences.Length);
        _entityCount.Add(document.Entities.Length);
        _eventCount.Add(document.Events.Length);
    }

    public void AddError(string documentId, string? source, string message)
    {
        _documentId.Add(documentId);
        _source.Add(source);
        _error.Add(message);
        _language.Add(null);
        _publicationDate.Add(null);
        _title.Add(null);
        _url.Add(null);
        _metadata.Add([]);
        _text.Add(null);
        _tokenCount.Add(null);
        _sentenceCount.Add(null);
        _entityCount.Add(null);
        _eventCount.Add(null);
    }
}

/// <summary><c>sentences</c>: one row per sentence, in text order.</summary>
internal sealed class SentencesTable : ParquetTable
{
    private readonly StringColumn _documentId = new("document_id", nullable: false);
    private readonly Int32Column _index = new("sentence_index");
    private readonly Int32Column _start = new("start");
    private readonly Int32Column _end = new("end");
    private readonly Int32Column _firstToken = new("first_token", nullable: true);
    private readonly Int32Column _tokenCount = new("token_count", nullable: true);
    private readonly StringColumn _text = new("text", nullable: false);

    public SentencesTable()
        : base("sentences")
    {
        Columns = [_documentId, _index, _start, _end, _firstToken, _tokenCount, _text];
    }

    public override IReadOnlyList<ParquetColumn> Columns { get; }

    public void Add(string documentId, Document document)
    {
        var withTokens = !document.Tokens.IsEmpty;
        for (var i = 0; i < document.Sentences.Length; i++)
        {
            var sentence = document.Sentences[i];
            _documentId.Add(documentId);
            _index.Add(i);
            _start.Add(sentence.Start);
            _end.Add(sentence.End);
            _firstToken.Add(withTokens ? sentence.FirstToken : null);
            _tokenCount.Add(withTokens ? sentence.TokenCount : null);
            _text.Add(document.GetText(sentence));
        }
    }
}
