using System.Text;
using Newtonsoft.Json;

namespace NewsNer.Serialization;

/// <summary>
/// Reads and writes documents as JSON, schema <c>newsner/1</c> (documented in <c>docs/json-schema.md</c> and
/// <c>docs/newsner-1.schema.json</c>). What <see cref="Serialize"/> writes, <see cref="Deserialize"/> reads back into
/// an equal document: same text (lone surrogates included), tokens, sentences, entities, events and metadata.
/// </summary>
/// <remarks>
/// Writing goes straight to a <see cref="JsonWriter"/> without building an object tree, so large documents and long
/// batches serialize at the speed of the writer. Reading skips fields it does not know, so JSON written by a later
/// NewsNer that adds fields stays readable. All members are thread-safe.
/// </remarks>
/// <example>
/// <code>
/// var doc = NewsPipeline.CreateDefault().Process(text);
/// string json = NewsJson.Serialize(doc, new NewsJsonOptions { Indented = true });
/// Document again = NewsJson.Deserialize(json);
/// </code>
/// </example>
public static class NewsJson
{
    /// <summary>The schema identifier written in every object's <c>schema</c> field.</summary>
    public const string Schema = "newsner/1";

    /// <summary>Serializes a document to a JSON string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public static string Serialize(Document document, NewsJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= NewsJsonOptions.Default;
        // No pre-sizing: a StringBuilder grows in chunks of at most 8,000 chars, which stay off the large object heap;
        // one big pre-sized buffer would cost a gen-2 collection per large document.
        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder, System.Globalization.CultureInfo.InvariantCulture))
        {
            Write(writer, document, options);
        }

        return builder.ToString();
    }

    /// <summary>Writes a document as one JSON object to a text writer (which stays open).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="document"/> is null.</exception>
    public static void Write(TextWriter writer, Document document, NewsJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        options ??= NewsJsonOptions.Default;
        using var json = CreateWriter(writer, options.Indented);
        DocumentJsonWriter.Write(json, document, options);
        json.Flush();
    }

    /// <summary>
    /// Writes a document processed without its token array (<see cref="NewsPipeline.ProcessCompact"/>) as one JSON object,
    /// exactly as <see cref="Write(TextWriter, Document, NewsJsonOptions?)"/> writes <see cref="CompactDocument.ToDocument"/>,
    /// computing the tokens again as they are written: a text of any length is written without holding its tokens.
    /// </summary>
    /// <param name="writer">Where the object goes (it stays open).</param>
    /// <param name="document">The document.</param>
    /// <param name="options">Tokens or not, indentation.</param>
    /// <param name="cancellationToken">
    /// Stops the writing (checked every 4,096 tokens): what was written is then an unfinished object, for the caller to
    /// discard.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="document"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static void Write(TextWriter writer, CompactDocument document, NewsJsonOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        options ??= NewsJsonOptions.Default;

        using var json = CreateWriter(writer, options.Indented);
        DocumentJsonWriter.Write(json, document, options, cancellationToken);
        json.Flush();
    }

    /// <summary>
    /// Writes a document as one JSON object to a JSON writer, for callers that embed documents in larger JSON. The
    /// writer's own formatting applies (<see cref="NewsJsonOptions.Indented"/> is not used).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="document"/> is null.</exception>
    public static void Write(JsonWriter writer, Document document, NewsJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        DocumentJsonWriter.Write(writer, document, options ?? NewsJsonOptions.Default);
    }

    /// <summary>
    /// Writes an error record, <c>{"schema":"newsner/1","source":…,"error":{"message":…}}</c>: what batch outputs write in
    /// place of a document for an input that could not be read or processed, so that every input has an output.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="message"/> is null.</exception>
    public static void WriteError(TextWriter writer, string? source, string message, NewsJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        using var json = CreateWriter(writer, (options ?? NewsJsonOptions.Default).Indented);
        DocumentJsonWriter.WriteError(json, source, message);
        json.Flush();
    }

    /// <summary>Reads a document from a JSON string written by <see cref="Serialize"/> (or any producer of schema <c>newsner/1</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">
    /// The JSON is malformed, of another schema version, an error record, or describes offsets that do not fit its text.
    /// </exception>
    public static Document Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var reader = new StringReader(json);
        return Read(reader);
    }

    /// <summary>Reads one document from a text reader (which stays open).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="JsonException">See <see cref="Deserialize"/>.</exception>
    public static Document Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var unescaping = new LoneSurrogateUnescapingReader(reader, leaveOpen: true);
        using var json = CreateReader(unescaping);
        return DocumentJsonReader.Read(json);
    }

    /// <summary>
    /// Reads one document from a JSON reader positioned before or on its start. Escaped lone surrogates
    /// (<c>\uD800</c>) come back as U+FFFD through a plain Newtonsoft reader; use <see cref="Read(TextReader)"/> to keep them.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="JsonException">See <see cref="Deserialize"/>.</exception>
    public static Document Read(JsonReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DocumentJsonReader.Read(reader);
    }

    /// <summary>
    /// Reads a JSON Lines stream (one object per line, as <see cref="NewsJsonLinesWriter"/> writes it), yielding each
    /// line's document or the error it records, in order: an error record gives a failed result whose
    /// <see cref="DocumentResult.Id"/> is the record's source and whose error message is the record's message. Blank
    /// lines are skipped. A line that is not a valid document also yields a failed result rather than stopping the stream.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    public static IEnumerable<DocumentResult> ReadLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadLinesIterator(reader);
    }

    internal static JsonTextWriter CreateWriter(TextWriter writer, bool indented) => new(writer)
    {
        CloseOutput = false,

        // A write stopped half-way (an exception, a cancellation) leaves an unfinished object, never one closed early.
        AutoCompleteOnClose = false,
        Formatting = indented ? Formatting.Indented : Formatting.None,
        Indentation = 2,
        FloatFormatHandling = FloatFormatHandling.DefaultValue,
    };

    private static JsonTextReader CreateReader(TextReader reader) => new(reader)
    {
        CloseInput = false,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
        MaxDepth = 64,
    };

    private static IEnumerable<DocumentResult> ReadLinesIterator(TextReader reader)
    {
        var index = 0;
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            Document? document = null;
            Exception? error = null;
            string? source = null;
            try
            {
                document = Deserialize(line);
                source = document.Source;
            }
            catch (ErrorRecordException record)
            {
                error = new JsonSerializationException(record.RecordMessage, record);
                source = record.RecordSource;
            }
            catch (JsonException exception)
            {
                error = exception;
                source = TryReadSource(line);
            }

            yield return new DocumentResult(index++, source, document, error);
        }
    }

    private static string? TryReadSource(string line)
    {
        try
        {
            using var json = CreateReader(new StringReader(line));
            if (!json.Read() || json.TokenType != JsonToken.StartObject)
            {
                return null;
            }

            while (json.Read() && json.TokenType == JsonToken.PropertyName)
            {
                if ((string)json.Value! == JsonFields.Source)
                {
                    return json.ReadAsString();
                }

                json.Read();
                json.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
