using Microsoft.AspNetCore.Http;

namespace NewsNer.Server.Http;

/// <summary>
/// A request the server refuses: its HTTP status, the error kind counted in the metrics (<c>errors_total{kind}</c>) and
/// the message of the <c>newsner/1</c> error record sent back. Thrown by the request readers, caught by the endpoints.
/// </summary>
internal sealed class RequestException(int status, string kind, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Kind { get; } = kind;

    public static RequestException BadRequest(string message) => new(StatusCodes.Status400BadRequest, ErrorKinds.BadRequest, message);

    public static RequestException TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, ErrorKinds.TooLarge, message);

    public static RequestException UnsupportedMediaType(string message) => new(StatusCodes.Status415UnsupportedMediaType, ErrorKinds.UnsupportedMediaType, message);
}

/// <summary>The error kinds of the metrics (label <c>kind</c> of <c>newsner_errors_total</c>).</summary>
internal static class ErrorKinds
{
    public const string BadRequest = "bad_request";
    public const string TooLarge = "too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string Unauthorized = "unauthorized";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Overloaded = "overloaded";
    public const string NotReady = "not_ready";
    public const string Timeout = "timeout";
    public const string Failed = "failed";
    public const string Internal = "internal";

    /// <summary>The kind for a status code the framework set (routing, Kestrel).</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status503ServiceUnavailable => Overloaded,
        >= 500 => Internal,
        _ => BadRequest,
    };
}
