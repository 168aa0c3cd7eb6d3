using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;

namespace NewsNer.Cli.Broker;

/// <summary>An article ready for the pipeline: its document id, its text and the options built from the message.</summary>
internal sealed record ArticleJob(string Id, string Text, DocumentOptions Options);

/// <summary>What a message of the articles queue holds: an article, or the reason it cannot be processed (a poison message).</summary>
internal readonly record struct IncomingArticle(string Id, ArticleJob? Job, string? Error);

/// <summary>
/// The wire format of an article message, read by workers and written by <c>enqueue</c>. The body is UTF-8 and either
/// the article text itself (content type <c>text/plain</c>) or a JSON article (content type <c>application/json</c>;
/// without a content type, a body whose first character is <c>{</c> is read as JSON):
/// <code>{"id": "…", "text": "…", "date": "YYYY-MM-DD", "source": "…", "metadata": {"title": "…"}}</code>
/// Only <c>text</c> is required; unknown fields are ignored. The document id is the JSON <c>id</c>, else the message's
/// <c>message-id</c> property, else the JSON <c>source</c>, else a hash of the body (the same on every redelivery): it
/// becomes the result's <c>source</c>, so each result names its article. A <c>source</c> that differs from the id is kept
/// in the metadata under <c>source</c>.
/// </summary>
internal static class ArticleMessage
{
    public const string JsonContentType = "application/json";
    public const string TextContentType = "text/plain";
    public const int MaxIdBytes = 255;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a message body. Never throws: a bad message gives an <see cref="IncomingArticle"/> with an error.</summary>
    public static IncomingArticle Read(ReadOnlySpan<byte> body, string? contentType, string? messageId, long maxBytes)
    {
        var fallbackId = NonEmpty(messageId) ?? HashId(body);
        if (body.Length > maxBytes)
        {
            return Poison(fallbackId, BrokerErrors.OverSizeLimit(body.Length, maxBytes));
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        string decoded;
        try
        {
            decoded = s_strictUtf8.GetString(body);
        }
        catch (DecoderFallbackException error)
        {
            var bad = error.BytesUnknown is { Length: > 0 } unknown ? $" (0x{Convert.ToHexString(unknown)})" : "";
            var at = error.Index >= 0 ? $" at byte {error.Index.ToString(CultureInfo.InvariantCulture)}" : "";
            return Poison(fallbackId, BrokerErrors.NotUtf8(bad + at));
        }

        if (!IsJson(contentType, decoded))
        {
            return Accept(fallbackId, decoded, new DocumentOptions { Source = fallbackId });
        }

        JsonArticle article;
        try
        {
            article = ParseJson(decoded);
        }
        catch (JsonException error)
        {
            // A well-formed object with a bad field still names its article: its error record says which.
            var named = NonEmpty(TopLevelString(decoded, "id")) ?? NonEmpty(messageId) ?? NonEmpty(TopLevelString(decoded, "source"));
            return Poison(named ?? fallbackId, BrokerErrors.NotAnArticle(error.Message));
        }

        var id = NonEmpty(article.Id) ?? NonEmpty(messageId) ?? NonEmpty(article.Source) ?? fallbackId;
        var metadata = article.Metadata;
        if (NonEmpty(article.Source) is { } source && source != id && !metadata.ContainsKey("source"))
        {
            metadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal) { ["source"] = source };
        }

        return Accept(id, article.Text, new DocumentOptions { Source = id, PublicationDate = article.Date, Metadata = metadata });
    }

    /// <summary>The JSON body <c>enqueue</c> sends for an article read from a file.</summary>
    public static byte[] Write(string id, string text, DateOnly? date, IReadOnlyDictionary<string, string> metadata)
    {
        var builder = new StringBuilder(text.Length + 256);
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
        using (var json = new JsonTextWriter(writer) { Formatting = Formatting.None, StringEscapeHandling = StringEscapeHandling.Default })
        {
            json.WriteStartObject();
            json.WritePropertyName("id");
            json.WriteValue(id);
            json.WritePropertyName("text");
            json.WriteValue(text);
            json.WritePropertyName("date");
            json.WriteValue(date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WritePropertyName("metadata");
            json.WriteStartObject();
            foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(key);
                json.WriteValue(value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        // Lone surrogates (kept by the reader for a text file) become U+FFFD: UTF-8 cannot carry them.
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Checks a JSON Lines line for <c>enqueue</c> and returns its id (null when it has none) or throws.</summary>
    /// <exception cref="JsonException">The line is not a JSON article.</exception>
    public static string? ReadId(string line)
    {
        var article = ParseJson(line);
        return NonEmpty(article.Id) ?? NonEmpty(article.Source);
    }

    /// <summary>The byte length an id has in UTF-8 (AMQP limits a message-id to 255 bytes).</summary>
    public static int IdBytes(string id) => Encoding.UTF8.GetByteCount(id);

    /// <summary>The id given to a message without one: the same for the same body, so redeliveries keep it.</summary>
    public static string HashId(ReadOnlySpan<byte> body) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body))[..32];

    private static IncomingArticle Accept(string id, string text, DocumentOptions options) =>
        IdBytes(id) > MaxIdBytes ? Poison(id, BrokerErrors.IdTooLong(IdBytes(id))) : new IncomingArticle(id, new ArticleJob(id, text, options), null);

    private static IncomingArticle Poison(string id, string error) =>
        new(IdBytes(id) > MaxIdBytes ? HashId(Encoding.UTF8.GetBytes(id)) : id, null, error);

    private static bool IsJson(string? contentType, string body)
    {
        if (!string.IsNullOrWhiteSpace(contentType))
        {
            var mediaType = contentType.Split(';')[0].Trim();
            return mediaType.Equals(JsonContentType, StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        }

        return body.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal);
    }

    // A top-level string property of a JSON object, read leniently (null when absent, not a string, or the JSON breaks first).
    private static string? TopLevelString(string json, string name)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 16 };
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                if ((string)reader.Value! == name)
                {
                    reader.Read();
                    return reader.TokenType == JsonToken.String ? (string)reader.Value! : null;
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

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static JsonArticle ParseJson(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 16 };
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonReaderException("the JSON is not an object");
        }

        string? id = null, text = null, source = null;
        DateOnly? date = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            switch (name)
            {
                case "id":
                    id = ReadString(reader, name);
                    break;
                case "text":
                    text = ReadString(reader, name);
                    break;
                case "source":
                    source = ReadString(reader, name);
                    break;
                case "date":
                    date = ReadDate(reader);
                    break;
                case "metadata":
                    ReadMetadata(reader, metadata);
                    break;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }

        if (reader.TokenType != JsonToken.EndObject)
        {
            throw new JsonReaderException("the JSON object is not closed");
        }

        if (reader.Read())
        {
            throw new JsonReaderException("there is more after the JSON object");
        }

        return new JsonArticle(id, text ?? throw new JsonReaderException("the JSON has no \"text\" string"), date, source, metadata);
    }

    private static string? ReadString(JsonTextReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonToken.String => (string)reader.Value!,
            JsonToken.Null => null,
            _ => throw new JsonReaderException($"\"{name}\" must be a string, not {reader.TokenType.ToString().ToLowerInvariant()}"),
        };
    }

    private static DateOnly? ReadDate(JsonTextReader reader)
    {
        var value = ReadString(reader, "date");
        if (value is null || value.Length == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new JsonReaderException($"\"date\" must be a day written YYYY-MM-DD, not '{value}' (put a partial date in the metadata)");
    }

    private static void ReadMetadata(JsonTextReader reader, Dictionary<string, string> metadata)
    {
        reader.Read();
        if (reader.TokenType == JsonToken.Null)
        {
            return;
        }

        if (reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonReaderException("\"metadata\" must be an object of strings");
        }

        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var key = (string)reader.Value!;
            metadata[key] = ReadString(reader, "metadata." + key) ?? throw new JsonReaderException($"\"metadata.{key}\" must be a string, not null");
        }
    }

    private sealed record JsonArticle(string? Id, string Text, DateOnly? Date, string? Source, Dictionary<string, string> Metadata);
}
