using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using NewsNer.Server.Telemetry;

namespace NewsNer.Server.Http;

/// <summary>
/// When the server has an API key, every request but the health checks (which orchestrators call without credentials)
/// must carry it in <c>X-API-Key</c> or <c>Authorization: Bearer</c>; otherwise 401 with an error record. Keys are compared
/// through their SHA-256 hashes in constant time, so timing tells nothing about the key.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ServerOptions options, ServerMetrics metrics)
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-API-Key";

    private readonly byte[] _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.ApiKey ?? ""));

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsHealthCheck(context.Request.Path))
        {
            await next(context);
            return;
        }

        var presented = Presented(context.Request);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _keyHash))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"newsner\"";
            await ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorKinds.Unauthorized, presented is null ? ServerMessages.ApiKeyMissing : ServerMessages.ApiKeyWrong, metrics);
            return;
        }

        await next(context);
    }

    public static bool IsHealthCheck(PathString path) => path.StartsWithSegments("/v1/health", StringComparison.Ordinal);

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers[HeaderName] is [{ Length: > 0 } key])
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
