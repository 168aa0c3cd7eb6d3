using System.Globalization;
using Microsoft.AspNetCore.Http;
using NewsNer.Server.Processing;

namespace NewsNer.Server.Http;

/// <summary>
/// The query options of the extract endpoints, as the console has them: <c>tokens=false</c> (like <c>--no-tokens</c>),
/// <c>types=PER,LOC</c> (the entity types to recognize), <c>date=YYYY-MM-DD</c> and <c>source=</c> (defaults for
/// documents that do not give their own), <c>indent=true</c> (single documents only). Unknown or repeated parameters
/// are refused, so that a typo (<c>token=false</c>) is not silently ignored.
/// </summary>
internal sealed record RequestQuery
{
    public static readonly string[] SingleNames = ["tokens", "types", "date", "source", "indent"];
    public static readonly string[] BatchNames = ["tokens", "types", "date", "source"];

    public bool Tokens { get; init; } = true;

    public bool Indent { get; init; }

    public EntityTypeSet Types { get; init; } = EntityTypeSet.All;

    public DateOnly? Date { get; init; }

    public string? Source { get; init; }

    /// <summary>Reads the query; throws a 400 <see cref="RequestException"/> naming the parameter at fault.</summary>
    public static RequestQuery Parse(IQueryCollection query, bool batch)
    {
        var known = batch ? BatchNames : SingleNames;
        var result = new RequestQuery();
        foreach (var (name, values) in query)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw RequestException.BadRequest(ServerMessages.UnknownParameter(name, known));
            }

            if (values.Count != 1)
            {
                throw RequestException.BadRequest(ServerMessages.RepeatedParameter(name));
            }

            var value = values[0] ?? "";
            result = name switch
            {
                "tokens" => result with { Tokens = ParseBool(name, value) },
                "indent" => result with { Indent = ParseBool(name, value) },
                "types" => result with { Types = ParseTypes(value) },
                "date" => result with { Date = ParseDate(value, ServerMessages.BadDateParameter) },
                _ => result with { Source = value.Length == 0 ? null : value },
            };
        }

        return result;
    }

    /// <summary>Parses a date written YYYY-MM-DD; throws a 400 with <paramref name="message"/> otherwise.</summary>
    public static DateOnly ParseDate(string value, Func<string, string> message) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw RequestException.BadRequest(message(value));

    private static bool ParseBool(string name, string value) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" ? true
        : value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0" ? false
        : throw RequestException.BadRequest(ServerMessages.BadBooleanParameter(name, value));

    private static EntityTypeSet ParseTypes(string value) =>
        EntityTypeSet.TryParse(value, out var types, out var bad) ? types : throw RequestException.BadRequest(ServerMessages.BadTypesParameter(value, bad));
}
