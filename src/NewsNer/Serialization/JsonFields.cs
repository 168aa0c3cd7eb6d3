namespace NewsNer.Serialization;

/// <summary>The field names of schema <c>newsner/1</c> (docs/json-schema.md), shared by the writer and the reader.</summary>
internal static class JsonFields
{
    public const string Schema = "schema";
    public const string Source = "source";
    public const string Language = "language";
    public const string Warnings = "warnings";
    public const string PublicationDate = "publicationDate";
    public const string Metadata = "metadata";
    public const string Text = "text";
    public const string Sentences = "sentences";
    public const string Tokens = "tokens";
    public const string Entities = "entities";
    public const string Events = "events";
    public const string Error = "error";
    public const string Message = "message";

    public const string Start = "start";
    public const string End = "end";
    public const string FirstToken = "firstToken";
    public const string TokenCount = "tokenCount";
    public const string Kind = "kind";
    public const string Norm = "norm";

    public const string Id = "id";
    public const string Type = "type";
    public const string Canonical = "canonical";
    public const string Mentions = "mentions";
    public const string Sentence = "sentence";
    public const string Confidence = "confidence";
    public const string Roles = "roles";
    public const string Country = "country";
    public const string ActorCode = "actorCode";

    public const string Subtype = "subtype";
    public const string Status = "status";
    public const string Participants = "participants";
    public const string Entity = "entity";
    public const string Role = "role";
    public const string Delegation = "delegation";
    public const string Location = "location";
    public const string Places = "places";
    public const string Date = "date";
    public const string Value = "value";
    public const string Topics = "topics";
    public const string Trigger = "trigger";
    public const string Evidence = "evidence";
    public const string Cameo = "cameo";
    public const string Code = "code";
    public const string SourceEntity = "sourceEntity";
    public const string TargetEntity = "targetEntity";
    public const string SourceActor = "sourceActor";
    public const string TargetActor = "targetActor";
    public const string Plover = "plover";
    public const string Category = "category";
    public const string Mode = "mode";
    public const string ActorEntity = "actorEntity";
    public const string RecipientEntity = "recipientEntity";
    public const string Actor = "actor";
    public const string Recipient = "recipient";
}
