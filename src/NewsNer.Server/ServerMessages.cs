using System.Globalization;

namespace NewsNer.Server;

/// <summary>Every message of the HTTP service, in one place: the refusals sent in error records, and start-up problems.</summary>
internal static class ServerMessages
{
    // ---- start-up -------------------------------------------------------------------------------------------------------
    public static string BadHost(string host) =>
        $"--host must be an IP address (127.0.0.1, ::1, 0.0.0.0, ::) or localhost, not '{host}'.";

    public static string BadPort(int port) => $"--port must be between 0 (any free port) and 65535, not {port}.";

    public static string ApiKeyRequired(string host) =>
        $"binding to {host} lets other machines connect: set an API key first (NEWSNER_API_KEY=… or --api-key-file PATH), "
        + "or bind to 127.0.0.1 (the default).";

    public const string ApiKeyTooShort = "the API key must be at least 16 characters long (e.g. openssl rand -hex 32).";

    public const string NegativeLimit = "--max-concurrency, --queue and --batch-window must be 0 (automatic) or more, and --max-connections more than 0.";

    public const string BadDuration = "--timeout must be more than 0 seconds and --grace 0 or more.";

    public const string BadSize = "--max-document-size and --max-batch-size must be more than 0 bytes.";

    public static string LoadFailed(Exception error) => $"the pipeline could not be built, the server stops: {error.GetType().Name}: {error.Message}";

    // ---- refusals ------------------------------------------------------------------------------------------------------
    public const string Loading = "the models are still loading; retry in a moment (GET /v1/health/ready says when the server is ready).";

    public const string ShuttingDown = "the server is shutting down and takes no new work; retry on another instance or after the restart.";

    public const string Abandoned = "the client closed the request before its answer.";

    public static string Overloaded(int workers, int admitted, TimeSpan retryAfter) =>
        string.Create(CultureInfo.InvariantCulture, $"the server is at capacity ({workers} documents in process, {admitted - workers} or more waiting); retry after {retryAfter.TotalSeconds:0} s (Retry-After).");

    public static string DocumentTimedOut(TimeSpan limit, int length) =>
        string.Create(CultureInfo.InvariantCulture, $"processing the document ({length:N0} characters) took longer than the limit of {limit.TotalSeconds:0.###} s; split the text, or start the server with a larger --timeout.");

    public static string ProcessingFailed(Exception error) => $"the pipeline failed on this document: {error.GetType().Name}: {error.Message}";

    public static string UnknownParameter(string name, IEnumerable<string> known) =>
        $"unknown query parameter '{name}'; this endpoint takes {string.Join(", ", known)}.";

    public static string RepeatedParameter(string name) => $"the query parameter '{name}' is given more than once.";

    public static string BadBooleanParameter(string name, string value) => $"the query parameter '{name}' must be true or false, not '{value}'.";

    public static string BadTypesParameter(string value, string bad) =>
        bad.Length == 0 && value.Trim(',', ' ').Length == 0
            ? "the query parameter 'types' names no entity type; give some of PER, LOC, ORG, MISC (comma-separated), or leave it out for all."
            : $"the query parameter 'types' has an unknown entity type '{bad}'; use PER, LOC, ORG, MISC (comma-separated).";

    public static string BadDateParameter(string value) => $"the query parameter 'date' must be a date written YYYY-MM-DD, not '{value}'.";

    public static string BadDateField(string value) => $"the field 'date' must be a date written YYYY-MM-DD, not '{value}'.";

    public static string SingleContentType(string? contentType) =>
        (string.IsNullOrWhiteSpace(contentType) ? "the request has no Content-Type" : $"unsupported Content-Type '{contentType}'")
        + "; send the article as text/plain (UTF-8, or with its charset) or as application/json {\"text\": …}. "
        + "With curl: --data-binary @article.txt -H 'Content-Type: text/plain' (plain -d drops line breaks and sends a form type).";

    public static string BatchContentType(string? contentType) =>
        (string.IsNullOrWhiteSpace(contentType) ? "the request has no Content-Type" : $"unsupported Content-Type '{contentType}'")
        + "; send JSON Lines (one {\"text\": …} object per line) as application/x-ndjson.";

    public static string JsonCharset(string charset) => $"JSON must be UTF-8, not {charset}; re-encode the body or drop the charset parameter.";

    public static string UnsupportedCharset(string charset) =>
        $"unsupported charset '{charset}'; send UTF-8, or declare charset=iso-8859-1 or charset=windows-1252.";

    public static string BodyTooLarge(long? length, long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"the body {(length is { } n ? $"({n:N0} bytes) " : "")}is over the limit of {limit:N0} bytes; split it, send many documents through /v1/extract/batch, or start the server with a larger limit.");

    public static string BatchTooLarge(long limit, long linesRead) =>
        string.Create(CultureInfo.InvariantCulture, $"the batch body is over the limit of {limit:N0} bytes: lines after line {linesRead:N0} were not read; send the rest in another batch or start the server with a larger --max-batch-size.");

    public static string LineTooLarge(long number, long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"line {number:N0} is over the document limit of {limit:N0} bytes; it was skipped.");

    public static string BadLine(long number, string message) => string.Create(CultureInfo.InvariantCulture, $"line {number:N0}: {message}");

    public static string BadBody(string detail) => $"the request body could not be read: {detail}";

    public static string BadEncoding(string encoding, string badBytes, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"the body is not valid {encoding}: byte 0x{badBytes} at offset {index:N0}; send UTF-8, or declare the real charset (text/plain; charset=windows-1252).");

    public static string MalformedJson(string detail) => $"malformed JSON: {detail}";

    public static string InvalidJsonString(string detail, long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"a JSON string near byte {offset:N0} is not valid text (bytes that are not UTF-8, or an escaped lone surrogate): {detail}");

    public static string JsonNotAnObject(string found) => $"the JSON body must be an object {{\"text\": …}}, found {found}.";

    public static string UnknownJsonField(string name, IEnumerable<string> known) =>
        $"unknown field '{name}'; a request object has {string.Join(", ", known)} (put other values in metadata).";

    public static string RepeatedJsonField(string name) => $"the field '{name}' is given more than once.";

    public const string JsonMissingText = "the JSON object has no 'text' field (a string: the article).";

    public static string JsonFieldNotString(string name, string found) => $"the field '{name}' must be a string, found {found}.";

    public static string MetadataNotObject(string found) => $"the field 'metadata' must be an object of strings, found {found}.";

    public static string MetadataValueNotString(string key, string found) => $"metadata '{key}' must be a string, found {found}.";

    public const string ApiKeyMissing = "this server requires an API key: send it in the X-API-Key header (or Authorization: Bearer KEY).";

    public const string ApiKeyWrong = "the API key is not valid.";

    public static string NotFound(string method, string path) =>
        $"no endpoint {method} {path}; the endpoints are POST /v1/extract, POST /v1/extract/batch, GET /v1/health, GET /metrics, GET /openapi/v1.json and the page /docs.";

    public static string MethodNotAllowed(string method, string path) => $"{path} does not take {method}; see /openapi/v1.json.";

    public static string StatusOnly(int status) => string.Create(CultureInfo.InvariantCulture, $"the request failed with HTTP status {status}.");

    public const string Internal = "internal server error; the server log has the details.";
}
