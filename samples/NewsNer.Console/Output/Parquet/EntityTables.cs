using NewsNer.Entities;

namespace NewsNer.Cli.Output.Parquet;

/// <summary><c>entities</c>: one row per linked entity, in order of first mention (<c>e1</c>, <c>e2</c>… as in the JSON).</summary>
internal sealed class EntitiesTable : ParquetTable
{
    private readonly StringColumn _documentId = new("document_id", nullable: false);
    private readonly StringColumn _entityId = new("entity_id", nullable: false);
    private readonly StringColumn _type = new("type", nullable: false);
    private readonly StringColumn _canonical = new("canonical", nullable: false);
    private readonly StringColumn _kind = new("kind");
    private readonly StringColumn _country = new("country");
    private readonly StringColumn _actorCode = new("actor_code");
    private readonly StringListColumn _roles = new("roles");
    private readonly FloatColumn _confidence = new("confidence");
    private readonly Int32Column _mentionCount = new("mention_count");
    private readonly Int32Column _firstStart = new("first_start", nullable: true);

    public EntitiesTable()
        : base("entities")
    {
        Columns = [_documentId, _entityId, _type, _canonical, _kind, _country, _actorCode, _roles, _confidence, _mentionCount, _firstStart];
    }

    public override IReadOnlyList<ParquetColumn> Columns { get; }

    public void Add(string documentId, Document document)
    {
        foreach (var entity in document.Entities)
        {
            _documentId.Add(documentId);
            _entityId.Add(entity.Id);
            _type.Add(entity.Type.ToLabel());
            _canonical.Add(entity.Canonical);
            _kind.Add(entity.Kind);
            _country.Add(entity.Country);
            _actorCode.Add(entity.ActorCode);
            _roles.Add(entity.Roles);
            _confidence.Add(entity.Confidence);
            _mentionCount.Add(entity.Mentions.Length);
            _firstStart.Add(entity.Mentions.IsEmpty ? null : entity.Mentions[0].Start);
        }
    }
}

/// <summary><c>mentions</c>: one row per mention of an entity, in text order within the entity.</summary>
internal sealed class MentionsTable : ParquetTable
{
    private readonly StringColumn _documentId = new("document_id", nullable: false);
    private readonly StringColumn _entityId = new("entity_id", nullable: false);
    private readonly Int32Column _mentionIndex = new("mention_index");
    private readonly Int32Column _start = new("start");
    private readonly Int32Column _end = new("end");
    private readonly StringColumn _text = new("text", nullable: false);
    private readonly Int32Column _sentenceIndex = new("sentence_index");
    private readonly Int32Column _firstToken = new("first_token", nullable: true);
    private readonly Int32Column _tokenCount = new("token_count", nullable: true);
    private readonly StringColumn _type = new("type", nullable: false);
    private readonly StringColumn _kind = new("kind", nullable: false);
    private readonly FloatColumn _confidence = new("confidence");

    public MentionsTable()
        : base("mentions")
    {
        Columns = [_documentId, _entityId, _mentionIndex, _start, _end, _text, _sentenceIndex, _firstToken, _tokenCount, _type, _kind, _confidence];
    }

    public override IReadOnlyList<ParquetColumn> Columns { get; }

    public void Add(string documentId, Document document)
    {
        var withTokens = !document.Tokens.IsEmpty;
        foreach (var entity in document.Entities)
        {
            for (var i = 0; i < entity.Mentions.Length; i++)
            {
                var mention = entity.Mentions[i];
                _documentId.Add(documentId);
                _entityId.Add(entity.Id);
                _mentionIndex.Add(i);
                _start.Add(mention.Start);
                _end.Add(mention.End);
                _text.Add(document.GetText(mention));
                _sentenceIndex.Add(mention.Sentence);
                _firstToken.Add(withTokens ? mention.FirstToken : null);
                _tokenCount.Add(withTokens ? mention.TokenCount : null);
                _type.Add(mention.Type.ToLabel());
                _kind.Add(mention.Kind == MentionKind.Nominal ? "nominal" : "name");
                _confidence.Add(mention.Confidence);
            }
        }
    }
}
