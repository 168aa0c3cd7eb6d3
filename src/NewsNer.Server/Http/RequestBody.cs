using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace NewsNer.Server.Http;

/// <summary>The body formats of <c>POST /v1/extract</c>.</summary>
internal enum BodyFormat
{
    /// <summary><c>text/plain</c>: the article text itself.</summary>
    Text,

    /// <summary><c>application/json</c>: <c>{ "text", "date", "source", "metadata" }</c>.</summary>
    Json,
}

/// <summary>
/// Reads request bodies: checks the content type (415), reads at most a given number of bytes (413) and decodes text
/// strictly (400 on a byte that is not valid in the declared charset: never a silent U+FFFD).
/// </summary>
internal static class RequestBody
{
    /// <summary>The content types accepted by the batch endpoint (JSON Lines under its usual names).</summary>
    public static readonly string[] JsonLinesTypes = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"];

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The format and charset of a <c>POST /v1/extract</c> body; throws 415 for anything else.</summary>
    public static (BodyFormat Format, Encoding Encoding) ClassifySingle(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            throw RequestException.UnsupportedMediaType(ServerMessages.SingleContentType(contentType));
        }

        var charset = media.Charset.HasValue ? media.Charset.Value : null;
        if (media.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return (BodyFormat.Text, ResolveCharset(charset));
        }

        if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return charset is null || IsUtf8(charset) ? (BodyFormat.Json, s_strictUtf8) : throw RequestException.UnsupportedMediaType(ServerMessages.JsonCharset(charset));
        }

        throw RequestException.UnsupportedMediaType(ServerMessages.SingleContentType(contentType));
    }

    /// <summary>Checks a <c>POST /v1/extract/batch</c> content type (JSON Lines, UTF-8); throws 415 otherwise.</summary>
    public static void CheckBatch(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !JsonLinesTypes.Contains(media.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            throw RequestException.UnsupportedMediaType(ServerMessages.BatchContentType(contentType));
        }

        if (media.Charset.HasValue && !IsUtf8(media.Charset.Value!))
        {
            throw RequestException.UnsupportedMediaType(ServerMessages.JsonCharset(media.Charset.Value!));
        }
    }

    /// <summary>Sets the server's hard limit for this request's body (Kestrel refuses more), when the server allows it.</summary>
    public static void LimitBody(HttpContext context, long limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
    }

    /// <summary>Reads the whole body, at most <paramref name="limit"/> bytes; throws 413 past it.</summary>
    public static async Task<byte[]> ReadAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > limit)
        {
            throw RequestException.TooLarge(ServerMessages.BodyTooLarge(context.Request.ContentLength.Value, limit));
        }

        LimitBody(context, limit);
        var reader = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (buffer.Length > limit)
                {
                    reader.AdvanceTo(buffer.End);
                    throw RequestException.TooLarge(ServerMessages.BodyTooLarge(null, limit));
                }

                if (result.IsCompleted)
                {
                    var bytes = buffer.ToArray();
                    reader.AdvanceTo(buffer.End);
                    return bytes;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException error)
        {
            throw FromKestrel(error, limit);
        }
    }

    /// <summary>The refusal for a body Kestrel rejected (too large for its limit, truncated, malformed chunks).</summary>
    public static RequestException FromKestrel(BadHttpRequestException error, long limit) =>
        error.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? RequestException.TooLarge(ServerMessages.BodyTooLarge(null, limit))
            : new RequestException(error.StatusCode, ErrorKinds.BadRequest, ServerMessages.BadBody(error.Message));

    /// <summary>Decodes text strictly, without its byte-order mark; throws 400 naming the first bad byte.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        if (encoding is UTF8Encoding && bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException error)
        {
            var bad = error.BytesUnknown is { Length: > 0 } unknown ? Convert.ToHexString(unknown) : "?";
            throw RequestException.BadRequest(ServerMessages.BadEncoding(encoding.WebName, bad, error.Index));
        }
    }

    /// <summary>Removes a UTF-8 byte-order mark.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> bytes) => bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    private static Encoding ResolveCharset(string? charset)
    {
        if (charset is null || IsUtf8(charset) || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            // US-ASCII is a subset of UTF-8: reading it as UTF-8 accepts exactly the same texts, and more.
            return s_strictUtf8;
        }

        if (charset.Equals("iso-8859-1", StringComparison.OrdinalIgnoreCase) || charset.Equals("latin1", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.Latin1;
        }

        if (charset.Equals("windows-1252", StringComparison.OrdinalIgnoreCase) || charset.Equals("cp1252", StringComparison.OrdinalIgnoreCase))
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }

        throw RequestException.UnsupportedMediaType(ServerMessages.UnsupportedCharset(charset));
    }

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
