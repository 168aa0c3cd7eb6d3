using System.Text.Json;

namespace NewsNer.Server.Http;

/// <summary>
/// The JSON form of one document to process, in <c>POST /v1/extract</c> (<c>application/json</c>) and in each line of
/// <c>POST /v1/extract/batch</c>: <c>{ "text": "…", "date": "YYYY-MM-DD", "source": "…", "metadata": { "key": "value" } }</c>.
/// Only <c>text</c> is required. Unknown fields, repeated fields and values of the wrong type are refused with a message
/// naming them, so that a typo is never silently ignored.
/// </summary>
internal sealed record RequestJson(string Text, DateOnly? Date, string? Source, IReadOnlyDictionary<string, string>? Metadata)
{
    /// <summary>The fields a request object may have.</summary>
    public static readonly string[] Fields = ["text", "date", "source", "metadata"];

    private static readonly JsonReaderOptions s_options = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>Parses one request object from UTF-8 bytes; throws a 400 <see cref="RequestException"/> that says what is wrong and where.</summary>
    public static RequestJson Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(RequestBody.WithoutBom(utf8), s_options);
        try
        {
            return Read(ref reader);
        }
        catch (JsonException error)
        {
            throw RequestException.BadRequest(ServerMessages.MalformedJson(error.Message));
        }
        catch (InvalidOperationException error)
        {
            // Utf8JsonReader.GetString: bytes that are not UTF-8, or an escaped lone surrogate (\uD800), which no UTF-8 text holds.
            throw RequestException.BadRequest(ServerMessages.InvalidJsonString(error.Message, reader.BytesConsumed));
        }
    }

    /// <summary>The <c>source</c> of a line that failed to parse as a whole, when it can be read (for its error record), else null.</summary>
    public static string? TrySource(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(RequestBody.WithoutBom(utf8), s_options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSource = reader.ValueTextEquals("source"u8);
                reader.Read();
                if (isSource)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
        }

        return null;
    }

    private static RequestJson Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw RequestException.BadRequest(ServerMessages.JsonNotAnObject(Describe(reader)));
        }

        string? text = null, source = null, date = null;
        Dictionary<string, string>? metadata = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!Fields.Contains(name, StringComparer.Ordinal))
            {
                throw RequestException.BadRequest(ServerMessages.UnknownJsonField(name, Fields));
            }

            if (!seen.Add(name))
            {
                throw RequestException.BadRequest(ServerMessages.RepeatedJsonField(name));
            }

            reader.Read();
            switch (name)
            {
                case "text":
                    text = ReadString(ref reader, name, nullable: false);
                    break;
                case "date":
                    date = ReadString(ref reader, name, nullable: true);
                    break;
                case "source":
                    source = ReadString(ref reader, name, nullable: true);
                    break;
                default:
                    metadata = ReadMetadata(ref reader);
                    break;
            }
        }

        // The reader has checked that the object is closed and that nothing follows it.
        while (reader.Read())
        {
        }

        if (text is null)
        {
            throw RequestException.BadRequest(ServerMessages.JsonMissingText);
        }

        DateOnly? day = date is null ? null : RequestQuery.ParseDate(date, ServerMessages.BadDateField);
        return new RequestJson(text, day, source is { Length: > 0 } ? source : null, metadata);
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field, bool nullable)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        return reader.TokenType == JsonTokenType.Null && nullable ? null : throw RequestException.BadRequest(ServerMessages.JsonFieldNotString(field, Describe(reader)));
    }

    private static Dictionary<string, string>? ReadMetadata(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw RequestException.BadRequest(ServerMessages.MetadataNotObject(Describe(reader)));
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw RequestException.BadRequest(ServerMessages.MetadataValueNotString(key, Describe(reader)));
            }

            if (!metadata.TryAdd(key, reader.GetString()!))
            {
                throw RequestException.BadRequest(ServerMessages.RepeatedJsonField("metadata." + key));
            }
        }

        return metadata;
    }

    private static string Describe(Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.None => "nothing",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        var other => other.ToString(),
    };
}
