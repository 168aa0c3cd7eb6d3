using System.Collections.Immutable;
using System.Globalization;
using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Internal;
using NewsNer.Sentences;
using NewsNer.Tokenization;
using Newtonsoft.Json;
using F = NewsNer.Serialization.JsonFields;

namespace NewsNer.Serialization;

/// <summary>
/// Reads schema <c>newsner/1</c> from a <see cref="JsonReader"/> into a <see cref="Document"/>, token by token (no
/// intermediate tree). Fields may come in any order; unknown fields are skipped, so newer writers that add fields stay
/// readable. Offsets are checked against the text by the <see cref="Document"/> constructor.
/// </summary>
internal static class DocumentJsonReader
{
    public static Document Read(JsonReader reader)
    {
        reader.DateParseHandling = DateParseHandling.None;
        reader.FloatParseHandling = FloatParseHandling.Double;
        MoveToContent(reader);
        if (reader.TokenType != JsonToken.StartObject)
        {
            throw Error(reader, ErrorMessages.JsonNotAnObject(Describe(reader)));
        }

        string? text = null, source = null, errorMessage = null, language = null;
        List<DocumentWarning>? warnings = null;
        var hasError = false;
        DateOnly? publicationDate = null;
        Dictionary<string, string>? metadata = null;
        List<RawRange>? sentences = null;
        List<RawToken>? tokens = null;
        List<RawEntity>? entities = null;
        List<MeetingEvent>? events = null;

        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Schema:
                    var schema = ReadString(reader);
                    if (schema is not null && schema != NewsJson.Schema)
                    {
                        throw Error(reader, ErrorMessages.JsonUnsupportedSchema(schema));
                    }

                    break;
                case F.Source:
                    source = ReadString(reader);
                    break;
                case F.Language:
                    language = ReadString(reader);
                    break;
                case F.Warnings:
                    warnings = ReadArray(reader, ReadWarning);
                    break;
                case F.PublicationDate:
                    publicationDate = ReadDate(reader);
                    break;
                case F.Metadata:
                    metadata = ReadMetadata(reader);
                    break;
                case F.Text:
                    text = ReadString(reader);
                    break;
                case F.Sentences:
                    sentences = ReadArray(reader, ReadRange);
                    break;
                case F.Tokens:
                    tokens = ReadArray(reader, ReadToken);
                    break;
                case F.Entities:
                    entities = ReadArray(reader, ReadEntity);
                    break;
                case F.Events:
                    events = ReadArray(reader, ReadEvent);
                    break;
                case F.Error:
                    hasError = true;
                    errorMessage = ReadErrorMessage(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (hasError)
        {
            throw new ErrorRecordException(source, errorMessage ?? string.Empty, ErrorMessages.JsonErrorRecord(source, errorMessage));
        }

        if (text is null)
        {
            throw Error(reader, ErrorMessages.JsonMissingText);
        }

        try
        {
            var builtTokens = BuildTokens(reader, text, tokens);
            var builtSentences = BuildSentences(sentences, builtTokens, tokens is not null);
            var builtEntities = BuildEntities(entities, builtTokens, tokens is not null);
            return new Document(
                text, builtTokens, builtSentences, builtEntities, events is null ? [] : [.. events], source, publicationDate, metadata,
                language, warnings is null ? [] : [.. warnings]);
        }
        catch (ArgumentException error)
        {
            throw Error(reader, ErrorMessages.JsonInvalidDocument(error.Message));
        }
    }

    private static ImmutableArray<Token> BuildTokens(JsonReader reader, string text, List<RawToken>? raw)
    {
        if (raw is null || raw.Count == 0)
        {
            return [];
        }

        var tokens = new Token[raw.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = raw[i];
            var token = new Token(text, t.Start, t.End, t.Kind);
            if (t.Text is not null && !token.Span.SequenceEqual(t.Text))
            {
                throw Error(reader, ErrorMessages.JsonTokenTextMismatch(i, t.Text, token.Text));
            }

            tokens[i] = token;
        }

        return ImmutableArray.Create(tokens);
    }

    private static ImmutableArray<Sentence> BuildSentences(List<RawRange>? raw, ImmutableArray<Token> tokens, bool hasTokens)
    {
        if (raw is null)
        {
            return [];
        }

        var sentences = ImmutableArray.CreateBuilder<Sentence>(raw.Count);
        foreach (var s in raw)
        {
            var (first, count) = TokenRange(s.Start, s.End, s.FirstToken, s.TokenCount, tokens, hasTokens);
            sentences.Add(new Sentence(s.Start, s.End, first, count));
        }

        return sentences.MoveToImmutable();
    }

    private static ImmutableArray<Entity> BuildEntities(List<RawEntity>? raw, ImmutableArray<Token> tokens, bool hasTokens)
    {
        if (raw is null)
        {
            return [];
        }

        var entities = ImmutableArray.CreateBuilder<Entity>(raw.Count);
        foreach (var e in raw)
        {
            var mentions = ImmutableArray.CreateBuilder<EntityMention>(e.Mentions.Count);
            foreach (var m in e.Mentions)
            {
                var (first, count) = TokenRange(m.Start, m.End, m.FirstToken, m.TokenCount, tokens, hasTokens);
                mentions.Add(new EntityMention(m.Start, m.End, first, count, m.Type ?? e.Type, m.Sentence, m.Confidence, m.Kind));
            }

            entities.Add(new Entity
            {
                Id = e.Id,
                Type = e.Type,
                Canonical = e.Canonical,
                Mentions = mentions.MoveToImmutable(),
                Roles = e.Roles,
                Country = e.Country,
                Kind = e.Kind,
                ActorCode = e.ActorCode,
                Confidence = e.Confidence,
            });
        }

        return entities.MoveToImmutable();
    }

    // Token indices are written with the tokens; without tokens they are zero. A producer that gives tokens but no
    // indices gets them computed from the character offsets.
    private static (int First, int Count) TokenRange(int start, int end, int? first, int? count, ImmutableArray<Token> tokens, bool hasTokens)
    {
        if (!hasTokens)
        {
            return (0, 0);
        }

        if (first is { } f && count is { } c)
        {
            return (f, c);
        }

        var lo = LowerBound(tokens, start);
        var hi = lo;
        while (hi < tokens.Length && tokens[hi].Start < end)
        {
            hi++;
        }

        return (lo, hi - lo);
    }

    private static int LowerBound(ImmutableArray<Token> tokens, int start)
    {
        int lo = 0, hi = tokens.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (tokens[mid].End <= start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static DocumentWarning ReadWarning(JsonReader reader)
    {
        ExpectStartObject(reader);
        string code = string.Empty, message = string.Empty;
        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Code:
                    code = ReadString(reader) ?? string.Empty;
                    break;
                case F.Message:
                    message = ReadString(reader) ?? string.Empty;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new DocumentWarning(code, message);
    }

    private static RawRange ReadRange(JsonReader reader)
    {
        ExpectStartObject(reader);
        int start = 0, end = 0;
        int? first = null, count = null;
        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Start:
                    start = ReadInt(reader);
                    break;
                case F.End:
                    end = ReadInt(reader);
                    break;
                case F.FirstToken:
                    first = ReadInt(reader);
                    break;
                case F.TokenCount:
                    count = ReadInt(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new RawRange(start, end, first, count);
    }

    private static RawToken ReadToken(JsonReader reader)
    {
        ExpectStartObject(reader);
        int start = 0, end = 0;
        string? text = null;
        var kind = TokenKind.Word;
        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Start:
                    start = ReadInt(reader);
                    break;
                case F.End:
                    end = ReadInt(reader);
                    break;
                case F.Text:
                    text = ReadString(reader);
                    break;
                case F.Kind:
                    kind = ReadEnum<TokenKind>(reader, F.Kind);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new RawToken(start, end, kind, text);
    }

    private static RawEntity ReadEntity(JsonReader reader)
    {
        ExpectStartObject(reader);
        var entity = new RawEntity();
        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Id:
                    entity.Id = ReadString(reader) ?? string.Empty;
                    break;
                case F.Type:
                    entity.Type = ReadEntityType(reader);
                    break;
                case F.Canonical:
                    entity.Canonical = ReadString(reader) ?? string.Empty;
                    break;
                case F.Kind:
                    entity.Kind = ReadString(reader);
                    break;
                case F.Country:
                    entity.Country = ReadString(reader);
                    break;
                case F.ActorCode:
                    entity.ActorCode = ReadString(reader);
                    break;
                case F.Roles:
                    entity.Roles = ReadStrings(reader);
                    break;
                case F.Confidence:
                    entity.Confidence = ReadFloat(reader);
                    break;
                case F.Mentions:
                    entity.Mentions = ReadArray(reader, ReadMention) ?? [];
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return entity;
    }

    private static RawMention ReadMention(JsonReader reader)
    {
        ExpectStartObject(reader);
        var mention = new RawMention();
        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Start:
                    mention.Start = ReadInt(reader);
                    break;
                case F.End:
                    mention.End = ReadInt(reader);
                    break;
                case F.Sentence:
                    mention.Sentence = ReadInt(reader);
                    break;
                case F.FirstToken:
                    mention.FirstToken = ReadInt(reader);
                    break;
                case F.TokenCount:
                    mention.TokenCount = ReadInt(reader);
                    break;
                case F.Type:
                    mention.Type = ReadEntityType(reader);
                    break;
                case F.Kind:
                    mention.Kind = ReadEnum<MentionKind>(reader, F.Kind);
                    break;
                case F.Confidence:
                    mention.Confidence = ReadFloat(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return mention;
    }

    private static MeetingEvent ReadEvent(JsonReader reader)
    {
        ExpectStartObject(reader);
        string id = string.Empty;
        MeetingSubtype subtype = default;
        EventStatus status = default;
        float confidence = 1f;
        ImmutableArray<EventParticipant> participants = [];
        ImmutableArray<string> delegation = [];
        ImmutableArray<EventArgument> places = [], topics = [];
        ImmutableArray<TextSpan> evidence = [];
        ImmutableArray<CameoCode> cameo = [];
        EventArgument? location = null, trigger = null;
        EventDate? date = null;
        PloverCode? plover = null;
        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Id:
                    id = ReadString(reader) ?? string.Empty;
                    break;
                case F.Subtype:
                    subtype = ReadEnum<MeetingSubtype>(reader, F.Subtype);
                    break;
                case F.Status:
                    status = ReadEnum<EventStatus>(reader, F.Status);
                    break;
                case F.Confidence:
                    confidence = ReadFloat(reader);
                    break;
                case F.Participants:
                    participants = [.. ReadArray(reader, ReadParticipant) ?? []];
                    break;
                case F.Delegation:
                    delegation = ReadStrings(reader);
                    break;
                case F.Location:
                    location = ReadArgument(reader);
                    break;
                case F.Places:
                    places = ReadArguments(reader);
                    break;
                case F.Date:
                    date = ReadEventDate(reader);
                    break;
                case F.Topics:
                    topics = ReadArguments(reader);
                    break;
                case F.Trigger:
                    trigger = ReadArgument(reader);
                    break;
                case F.Evidence:
                    evidence = [.. ReadArray(reader, ReadSpan) ?? []];
                    break;
                case F.Cameo:
                    cameo = [.. ReadArray(reader, ReadCameo) ?? []];
                    break;
                case F.Plover:
                    plover = ReadPlover(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new MeetingEvent
        {
            Id = id,
            Subtype = subtype,
            Status = status,
            Participants = participants,
            Delegation = delegation,
            Location = location,
            Places = places,
            Date = date,
            Topics = topics,
            Trigger = trigger,
            Evidence = evidence,
            Confidence = confidence,
            Cameo = cameo,
            Plover = plover,
        };
    }

    private static ImmutableArray<EventArgument> ReadArguments(JsonReader reader)
    {
        var list = ReadArray(reader, r => ReadArgumentHere(r) ?? throw Error(r, ErrorMessages.JsonUnexpectedToken("an object", "null")));
        return list is null ? [] : [.. list];
    }

    private static TextSpan ReadSpan(JsonReader reader)
    {
        var range = ReadRange(reader);
        return new TextSpan(range.Start, range.End);
    }

    private static EventParticipant ReadParticipant(JsonReader reader)
    {
        ExpectStartObject(reader);
        string entity = string.Empty;
        var role = ParticipantRole.Participant;
        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Entity:
                    entity = ReadString(reader) ?? string.Empty;
                    break;
                case F.Role:
                    role = ReadEnum<ParticipantRole>(reader, F.Role);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new EventParticipant(entity, role);
    }

    private static EventArgument? ReadArgument(JsonReader reader)
    {
        Advance(reader);
        return ReadArgumentHere(reader);
    }

    /// <summary>Reads an argument object (or null) starting on the current token.</summary>
    private static EventArgument? ReadArgumentHere(JsonReader reader) =>
        ReadQuotedSpanHere(reader) is { } span ? new EventArgument(span.Text, span.Start, span.End, span.Entity) : null;

    private static EventDate? ReadEventDate(JsonReader reader)
    {
        Advance(reader);
        return ReadQuotedSpanHere(reader) is { } span ? new EventDate(span.Text, span.Start, span.End, span.Value) : null;
    }

    /// <summary>
    /// Reads the object shape shared by event arguments and dates (quoted text, its span, and an entity id or a
    /// normalized value), or null, starting on the current token.
    /// </summary>
    private static QuotedSpan? ReadQuotedSpanHere(JsonReader reader)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        ExpectStartObject(reader);
        string text = string.Empty;
        string? entity = null, value = null;
        int start = 0, end = 0;
        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Text:
                    text = ReadString(reader) ?? string.Empty;
                    break;
                case F.Start:
                    start = ReadInt(reader);
                    break;
                case F.End:
                    end = ReadInt(reader);
                    break;
                case F.Entity:
                    entity = ReadString(reader);
                    break;
                case F.Value:
                    value = ReadString(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new QuotedSpan(text, start, end, entity, value);
    }

    private static CameoCode ReadCameo(JsonReader reader)
    {
        ExpectStartObject(reader);
        string code = string.Empty;
        string? sourceEntity = null, targetEntity = null, sourceActor = null, targetActor = null;
        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Code:
                    code = ReadString(reader) ?? string.Empty;
                    break;
                case F.SourceEntity:
                    sourceEntity = ReadString(reader);
                    break;
                case F.TargetEntity:
                    targetEntity = ReadString(reader);
                    break;
                case F.SourceActor:
                    sourceActor = ReadString(reader);
                    break;
                case F.TargetActor:
                    targetActor = ReadString(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new CameoCode(code, sourceEntity, targetEntity, sourceActor, targetActor);
    }

    private static PloverCode? ReadPlover(JsonReader reader)
    {
        Advance(reader);
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        ExpectStartObject(reader);
        string category = string.Empty;
        string? mode = null, actorEntity = null, recipientEntity = null, actor = null, recipient = null;
        while (ReadProperty(reader) is { } name)
        {
            switch (name)
            {
                case F.Category:
                    category = ReadString(reader) ?? string.Empty;
                    break;
                case F.Mode:
                    mode = ReadString(reader);
                    break;
                case F.ActorEntity:
                    actorEntity = ReadString(reader);
                    break;
                case F.RecipientEntity:
                    recipientEntity = ReadString(reader);
                    break;
                case F.Actor:
                    actor = ReadString(reader);
                    break;
                case F.Recipient:
                    recipient = ReadString(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new PloverCode(category, mode, actorEntity, recipientEntity, actor, recipient);
    }

    private static string? ReadErrorMessage(JsonReader reader)
    {
        Advance(reader);
        if (reader.TokenType != JsonToken.StartObject)
        {
            var value = reader.Value?.ToString();
            reader.Skip();
            return value;
        }

        string? message = null;
        while (ReadProperty(reader) is { } name)
        {
            if (name == F.Message)
            {
                message = ReadString(reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return message;
    }

    private static Dictionary<string, string>? ReadMetadata(JsonReader reader)
    {
        Advance(reader);
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        ExpectStartObject(reader);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        while (ReadProperty(reader) is { } name)
        {
            if (ReadString(reader) is { } value)
            {
                metadata[name] = value;
            }
        }

        return metadata;
    }

    private static DateOnly? ReadDate(JsonReader reader)
    {
        var value = ReadString(reader);
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw Error(reader, ErrorMessages.JsonUnknownValue(F.PublicationDate, value));
        }

        return date;
    }

    private static EntityType ReadEntityType(JsonReader reader)
    {
        var label = ReadString(reader) ?? string.Empty;
        return EntityTypes.TryParse(label, out var type) ? type : throw Error(reader, ErrorMessages.JsonUnknownValue(F.Type, label));
    }

    private static TEnum ReadEnum<TEnum>(JsonReader reader, string field)
        where TEnum : struct, Enum
    {
        var name = ReadString(reader) ?? string.Empty;
        return JsonNames<TEnum>.TryParse(name, out var value) ? value : throw Error(reader, ErrorMessages.JsonUnknownValue(field, name));
    }

    private static ImmutableArray<string> ReadStrings(JsonReader reader)
    {
        var list = ReadArray(reader, r => r.TokenType == JsonToken.String ? (string)r.Value! : throw Error(r, ErrorMessages.JsonUnexpectedToken("a string", Describe(r))));
        return list is null ? [] : [.. list];
    }

    /// <summary>Reads an array (or null, giving null); <paramref name="readItem"/> starts on the item's first token.</summary>
    private static List<T>? ReadArray<T>(JsonReader reader, Func<JsonReader, T> readItem)
    {
        Advance(reader);
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonToken.StartArray)
        {
            throw Error(reader, ErrorMessages.JsonUnexpectedToken("an array", Describe(reader)));
        }

        var list = new List<T>();
        while (true)
        {
            Advance(reader);
            if (reader.TokenType == JsonToken.EndArray)
            {
                return list;
            }

            list.Add(readItem(reader));
        }
    }

    private static void ExpectStartObject(JsonReader reader)
    {
        if (reader.TokenType != JsonToken.StartObject)
        {
            throw Error(reader, ErrorMessages.JsonUnexpectedToken("an object", Describe(reader)));
        }
    }

    /// <summary>Reads the next property name of the current object, or null at its end.</summary>
    private static string? ReadProperty(JsonReader reader)
    {
        Advance(reader);
        return reader.TokenType switch
        {
            JsonToken.PropertyName => (string)reader.Value!,
            JsonToken.EndObject => null,
            _ => throw Error(reader, ErrorMessages.JsonUnexpectedToken("a property", Describe(reader))),
        };
    }

    private static string? ReadString(JsonReader reader)
    {
        Advance(reader);
        return reader.TokenType switch
        {
            JsonToken.String => (string)reader.Value!,
            JsonToken.Null => null,
            _ => throw Error(reader, ErrorMessages.JsonUnexpectedToken("a string", Describe(reader))),
        };
    }

    private static int ReadInt(JsonReader reader)
    {
        Advance(reader);
        // An integer beyond 64 bits comes as a BigInteger, which Convert cannot handle: it is out of range like any
        // other integer that does not fit (fuzzing finding tests/NewsNer.Fuzz/Findings/json/big-integer.json).
        if (reader.TokenType == JsonToken.Integer && reader.Value is long value and >= int.MinValue and <= int.MaxValue)
        {
            return (int)value;
        }

        throw Error(reader, ErrorMessages.JsonUnexpectedToken("an integer", Describe(reader)));
    }

    private static float ReadFloat(JsonReader reader)
    {
        Advance(reader);
        return reader.TokenType switch
        {
            JsonToken.Float or JsonToken.Integer => reader.Value switch
            {
                System.Numerics.BigInteger big => (float)big,
                var value => Convert.ToSingle(value, CultureInfo.InvariantCulture),
            },
            JsonToken.Null => float.NaN,
            _ => throw Error(reader, ErrorMessages.JsonUnexpectedToken("a number", Describe(reader))),
        };
    }

    private static void Advance(JsonReader reader)
    {
        do
        {
            if (!reader.Read())
            {
                throw Error(reader, ErrorMessages.JsonUnexpectedToken("more JSON", "the end of the input"));
            }
        }
        while (reader.TokenType == JsonToken.Comment);
    }

    private static void MoveToContent(JsonReader reader)
    {
        while (reader.TokenType is JsonToken.None or JsonToken.Comment)
        {
            if (!reader.Read())
            {
                throw Error(reader, ErrorMessages.JsonNotAnObject("an empty input"));
            }
        }
    }

    private static string Describe(JsonReader reader) =>
        reader.TokenType is JsonToken.String or JsonToken.Integer or JsonToken.Float or JsonToken.Boolean
            ? $"{reader.TokenType} '{reader.Value}'"
            : reader.TokenType.ToString();

    private static JsonSerializationException Error(JsonReader reader, string message)
    {
        var info = reader as IJsonLineInfo;
        return info is not null && info.HasLineInfo()
            ? new JsonSerializationException(message, reader.Path, info.LineNumber, info.LinePosition, null)
            : new JsonSerializationException($"{message} Path '{reader.Path}'.");
    }

    private readonly record struct RawRange(int Start, int End, int? FirstToken, int? TokenCount);

    private readonly record struct QuotedSpan(string Text, int Start, int End, string? Entity, string? Value);

    private readonly record struct RawToken(int Start, int End, TokenKind Kind, string? Text);

    private sealed class RawEntity
    {
        public string Id { get; set; } = string.Empty;

        public EntityType Type { get; set; }

        public string Canonical { get; set; } = string.Empty;

        public string? Kind { get; set; }

        public string? Country { get; set; }

        public string? ActorCode { get; set; }

        public ImmutableArray<string> Roles { get; set; } = [];

        public float Confidence { get; set; } = 1f;

        public List<RawMention> Mentions { get; set; } = [];
    }

    private sealed class RawMention
    {
        public int Start { get; set; }

        public int End { get; set; }

        public int Sentence { get; set; }

        public int? FirstToken { get; set; }

        public int? TokenCount { get; set; }

        public EntityType? Type { get; set; }

        public MentionKind Kind { get; set; }

        public float Confidence { get; set; } = 1f;
    }
}

/// <summary>Thrown when the JSON is an error record rather than a document; carries the record's own message.</summary>
internal sealed class ErrorRecordException(string? source, string recordMessage, string message) : JsonSerializationException(message)
{
    public string? RecordSource { get; } = source;

    public string RecordMessage { get; } = recordMessage;
}
