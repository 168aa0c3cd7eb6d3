using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Sentences;
using NewsNer.Tokenization;
using Newtonsoft.Json;
using F = NewsNer.Serialization.JsonFields;

namespace NewsNer.Serialization;

/// <summary>
/// Writes a <see cref="Document"/> as schema <c>newsner/1</c> straight to a <see cref="JsonWriter"/>: no intermediate
/// object tree. One method per model type; a member added to a model class gets one line in its method (and one in
/// <see cref="DocumentJsonReader"/>).
/// </summary>
internal static class DocumentJsonWriter
{
    public static void Write(JsonWriter writer, Document document, NewsJsonOptions options) =>
        Write(writer, new Parts(document.Text, document.Source, document.Language, document.Warnings, document.PublicationDate, document.Metadata, document.Sentences, document.Events), options, json =>
        {
            foreach (var token in document.Tokens)
            {
                WriteToken(json, token);
            }
        }, (json, withTokens) =>
        {
            foreach (var entity in document.Entities)
            {
                WriteEntity(json, document.Text, new EntityHead(entity.Id, entity.Type, entity.Canonical, entity.Kind, entity.Country, entity.ActorCode, entity.Roles, entity.Confidence), entity.Mentions, withTokens);
            }
        });

    /// <summary>
    /// Writes a document without a token array exactly as the equivalent <see cref="Document"/> is written, the tokens
    /// computed again one by one as they are written.
    /// </summary>
    public static void Write(JsonWriter writer, CompactDocument document, NewsJsonOptions options, CancellationToken cancellationToken) =>
        Write(writer, new Parts(document.Text, document.Source, document.Language, document.Warnings, document.PublicationDate, document.Metadata, document.Sentences, document.Events), options, json =>
        {
            var count = 0;
            foreach (var token in document.EnumerateTokens())
            {
                WriteToken(json, token);
                if ((++count & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }, (json, withTokens) =>
        {
            foreach (var entity in document.Entities)
            {
                cancellationToken.ThrowIfCancellationRequested();
                WriteEntity(json, document.Text, new EntityHead(entity.Id, entity.Type, entity.Canonical, entity.Kind, entity.Country, entity.ActorCode, entity.Roles, entity.Confidence), entity.EnumerateMentions(), withTokens);
            }
        });

    /// <summary>What a document object holds besides its tokens and entities.</summary>
    private readonly record struct Parts(
        string Text,
        string? Source,
        string Language,
        ImmutableArray<DocumentWarning> Warnings,
        DateOnly? PublicationDate,
        IReadOnlyDictionary<string, string> Metadata,
        ImmutableArray<Sentence> Sentences,
        ImmutableArray<MeetingEvent> Events);

    /// <summary>An entity's fields besides its mentions.</summary>
    private readonly record struct EntityHead(
        string Id, EntityType Type, string Canonical, string? Kind, string? Country, string? ActorCode, ImmutableArray<string> Roles, float Confidence);

    private static void Write(JsonWriter writer, Parts document, NewsJsonOptions options, Action<JsonWriter> writeTokens, Action<JsonWriter, bool> writeEntities)
    {
        var withTokens = options.IncludeTokens;
        writer.WriteStartObject();
        writer.WritePropertyName(F.Schema);
        writer.WriteValue(NewsJson.Schema);
        writer.WritePropertyName(F.Source);
        WriteString(writer, document.Source);
        writer.WritePropertyName(F.Language);
        WriteString(writer, document.Language);
        writer.WritePropertyName(F.Warnings);
        writer.WriteStartArray();
        foreach (var warning in document.Warnings)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(F.Code);
            WriteString(writer, warning.Code);
            writer.WritePropertyName(F.Message);
            WriteString(writer, warning.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName(F.PublicationDate);
        WriteDate(writer, document.PublicationDate);
        writer.WritePropertyName(F.Metadata);
        writer.WriteStartObject();
        foreach (var (key, value) in document.Metadata)
        {
            writer.WritePropertyName(key);
            WriteString(writer, value);
        }

        writer.WriteEndObject();
        writer.WritePropertyName(F.Text);
        WriteString(writer, document.Text);

        writer.WritePropertyName(F.Sentences);
        writer.WriteStartArray();
        foreach (var sentence in document.Sentences)
        {
            writer.WriteStartObject();
            WriteRange(writer, sentence.Start, sentence.End);
            if (withTokens)
            {
                WriteInt(writer, F.FirstToken, sentence.FirstToken);
                WriteInt(writer, F.TokenCount, sentence.TokenCount);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        if (withTokens)
        {
            writer.WritePropertyName(F.Tokens);
            writer.WriteStartArray();
            writeTokens(writer);
            writer.WriteEndArray();
        }

        writer.WritePropertyName(F.Entities);
        writer.WriteStartArray();
        writeEntities(writer, withTokens);
        writer.WriteEndArray();

        writer.WritePropertyName(F.Events);
        writer.WriteStartArray();
        foreach (var meeting in document.Events)
        {
            WriteEvent(writer, document.Text, meeting);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The record written in place of a document that could not be read or processed.</summary>
    public static void WriteError(JsonWriter writer, string? source, string message)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(F.Schema);
        writer.WriteValue(NewsJson.Schema);
        writer.WritePropertyName(F.Source);
        WriteString(writer, source);
        writer.WritePropertyName(F.Error);
        writer.WriteStartObject();
        writer.WritePropertyName(F.Message);
        WriteString(writer, message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteToken(JsonWriter writer, Token token)
    {
        var text = token.Text;
        writer.WriteStartObject();
        WriteRange(writer, token.Start, token.End);
        writer.WritePropertyName(F.Text);
        WriteString(writer, text);
        writer.WritePropertyName(F.Kind);
        writer.WriteValue(JsonNames<TokenKind>.Get(token.Kind));
        writer.WritePropertyName(F.Norm);
        WriteString(writer, NormOf(token.Span, text));
        writer.WriteEndObject();
    }

    // Most tokens are already in normal form (lower case, plain apostrophes): reuse their text rather than allocate.
    private static string NormOf(ReadOnlySpan<char> span, string text)
    {
        const int StackLimit = 256;
        char[]? rented = null;
        var buffer = span.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(span.Length));
        try
        {
            var normal = buffer[..span.Length];
            TokenNormalizer.Normalize(span, normal);
            return normal.SequenceEqual(span) ? text : new string(normal);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static void WriteEntity<TMentions>(JsonWriter writer, string text, EntityHead entity, TMentions mentions, bool withTokens)
        where TMentions : IEnumerable<EntityMention>
    {
        writer.WriteStartObject();
        writer.WritePropertyName(F.Id);
        WriteString(writer, entity.Id);
        writer.WritePropertyName(F.Type);
        writer.WriteValue(entity.Type.ToLabel());
        writer.WritePropertyName(F.Canonical);
        WriteString(writer, entity.Canonical);
        writer.WritePropertyName(F.Kind);
        WriteString(writer, entity.Kind);
        writer.WritePropertyName(F.Country);
        WriteString(writer, entity.Country);
        writer.WritePropertyName(F.ActorCode);
        WriteString(writer, entity.ActorCode);
        writer.WritePropertyName(F.Roles);
        WriteStrings(writer, entity.Roles);
        WriteConfidence(writer, entity.Confidence);
        writer.WritePropertyName(F.Mentions);
        writer.WriteStartArray();
        foreach (var mention in mentions)
        {
            writer.WriteStartObject();
            WriteRange(writer, mention.Start, mention.End);
            writer.WritePropertyName(F.Text);
            WriteString(writer, text.Substring(mention.Start, mention.Length));
            WriteInt(writer, F.Sentence, mention.Sentence);
            if (withTokens)
            {
                WriteInt(writer, F.FirstToken, mention.FirstToken);
                WriteInt(writer, F.TokenCount, mention.TokenCount);
            }

            if (mention.Type != entity.Type)
            {
                writer.WritePropertyName(F.Type);
                writer.WriteValue(mention.Type.ToLabel());
            }

            writer.WritePropertyName(F.Kind);
            writer.WriteValue(JsonNames<MentionKind>.Get(mention.Kind));
            WriteConfidence(writer, mention.Confidence);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteEvent(JsonWriter writer, string text, MeetingEvent meeting)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(F.Id);
        WriteString(writer, meeting.Id);
        writer.WritePropertyName(F.Type);
        writer.WriteValue(meeting.Type);
        writer.WritePropertyName(F.Subtype);
        writer.WriteValue(JsonNames<MeetingSubtype>.Get(meeting.Subtype));
        writer.WritePropertyName(F.Status);
        writer.WriteValue(JsonNames<EventStatus>.Get(meeting.Status));
        WriteConfidence(writer, meeting.Confidence);

        writer.WritePropertyName(F.Participants);
        writer.WriteStartArray();
        foreach (var participant in meeting.Participants)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(F.Entity);
            WriteString(writer, participant.EntityId);
            writer.WritePropertyName(F.Role);
            writer.WriteValue(JsonNames<ParticipantRole>.Get(participant.Role));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName(F.Delegation);
        WriteStrings(writer, meeting.Delegation);
        writer.WritePropertyName(F.Location);
        WriteArgument(writer, meeting.Location);
        writer.WritePropertyName(F.Places);
        WriteArguments(writer, meeting.Places);

        writer.WritePropertyName(F.Date);
        if (meeting.Date is { } date)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(F.Text);
            WriteString(writer, date.Text);
            WriteRange(writer, date.Start, date.End);
            writer.WritePropertyName(F.Value);
            WriteString(writer, date.Value);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull();
        }

        writer.WritePropertyName(F.Topics);
        WriteArguments(writer, meeting.Topics);
        writer.WritePropertyName(F.Trigger);
        WriteArgument(writer, meeting.Trigger);

        writer.WritePropertyName(F.Evidence);
        writer.WriteStartArray();
        foreach (var evidence in meeting.Evidence)
        {
            writer.WriteStartObject();
            WriteRange(writer, evidence.Start, evidence.End);
            writer.WritePropertyName(F.Text);
            WriteString(writer, text.Substring(evidence.Start, evidence.Length));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WritePropertyName(F.Cameo);
        writer.WriteStartArray();
        foreach (var code in meeting.Cameo)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(F.Code);
            WriteString(writer, code.Code);
            writer.WritePropertyName(F.SourceEntity);
            WriteString(writer, code.SourceEntityId);
            writer.WritePropertyName(F.TargetEntity);
            WriteString(writer, code.TargetEntityId);
            writer.WritePropertyName(F.SourceActor);
            WriteString(writer, code.SourceActor);
            writer.WritePropertyName(F.TargetActor);
            WriteString(writer, code.TargetActor);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WritePropertyName(F.Plover);
        if (meeting.Plover is { } plover)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(F.Category);
            WriteString(writer, plover.Category);
            writer.WritePropertyName(F.Mode);
            WriteString(writer, plover.Mode);
            writer.WritePropertyName(F.ActorEntity);
            WriteString(writer, plover.ActorEntityId);
            writer.WritePropertyName(F.RecipientEntity);
            WriteString(writer, plover.RecipientEntityId);
            writer.WritePropertyName(F.Actor);
            WriteString(writer, plover.Actor);
            writer.WritePropertyName(F.Recipient);
            WriteString(writer, plover.Recipient);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull();
        }

        writer.WriteEndObject();
    }

    private static void WriteArguments(JsonWriter writer, System.Collections.Immutable.ImmutableArray<EventArgument> arguments)
    {
        writer.WriteStartArray();
        foreach (var argument in arguments)
        {
            WriteArgument(writer, argument);
        }

        writer.WriteEndArray();
    }

    private static void WriteArgument(JsonWriter writer, EventArgument? argument)
    {
        if (argument is null)
        {
            writer.WriteNull();
            return;
        }

        writer.WriteStartObject();
        writer.WritePropertyName(F.Text);
        WriteString(writer, argument.Text);
        WriteRange(writer, argument.Start, argument.End);
        writer.WritePropertyName(F.Entity);
        WriteString(writer, argument.EntityId);
        writer.WriteEndObject();
    }

    private static void WriteRange(JsonWriter writer, int start, int end)
    {
        writer.WritePropertyName(F.Start);
        writer.WriteValue(start);
        writer.WritePropertyName(F.End);
        writer.WriteValue(end);
    }

    private static void WriteInt(JsonWriter writer, string name, int value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }

    private static void WriteConfidence(JsonWriter writer, float confidence)
    {
        writer.WritePropertyName(F.Confidence);
        if (float.IsFinite(confidence))
        {
            writer.WriteValue(confidence);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static void WriteDate(JsonWriter writer, DateOnly? date)
    {
        if (date is { } value)
        {
            writer.WriteValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static void WriteStrings(JsonWriter writer, System.Collections.Immutable.ImmutableArray<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            WriteString(writer, value);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes a string value. Newtonsoft writes a lone surrogate as a raw char, which any UTF-8 encoder then replaces
    /// with U+FFFD; JSON's only faithful form is the <c>\uD800</c> escape, so such strings are escaped here.
    /// </summary>
    internal static void WriteString(JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else if (writer is JsonTextWriter && HasLoneSurrogate(value))
        {
            writer.WriteRawValue(EscapeWithLoneSurrogates(value));
        }
        else
        {
            writer.WriteValue(value);
        }
    }

    internal static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return false;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    // Same escapes as Newtonsoft's default (quote, backslash, controls, U+0085, U+2028, U+2029) plus lone surrogates.
    private static string EscapeWithLoneSurrogates(string value)
    {
        var builder = new StringBuilder(value.Length + 16);
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (c < ' ' || c == '\u0085' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
