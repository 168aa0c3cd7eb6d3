using System.Globalization;

namespace NewsNer.Events.Reading;

/// <summary>
/// Dates a document's date expressions against its publication date, the one place that holds it: the ISO value of an
/// expression for a meeting of a given status (a weekday is the last one for a meeting that happened, the next one for
/// a planned one), and whether it places a meeting in the future, in the background, or within days of the news.
/// Values are computed once per expression and status. One instance per document.
/// </summary>
internal sealed class DateResolver
{
    private readonly Dictionary<(DateExpression Date, EventStatus Status), string?> _values = new(ReferenceKeyComparer.Instance);

    public DateResolver(DateOnly? publication)
    {
        Publication = publication;
    }

    /// <summary>The publication date, when known.</summary>
    public DateOnly? Publication { get; }

    /// <summary>The ISO value of <paramref name="date"/> for a meeting of <paramref name="status"/>, or null.</summary>
    public string? Resolve(DateExpression date, EventStatus status)
    {
        if (!_values.TryGetValue((date, status), out var value))
        {
            _values[(date, status)] = value = date.Resolve(Publication, status);
        }

        return value;
    }

    /// <summary>Whether the expression places a meeting well before the news (background), read as <paramref name="status"/> reads it.</summary>
    public bool IsBackground(DateExpression date, EventStatus status = EventStatus.Reported) => date.IsBackground(Publication, status);

    /// <summary>Whether the expression places a meeting after the news.</summary>
    public bool IsFuture(DateExpression date) => date.IsFuture(Publication);

    /// <summary>Whether the expression resolves to a day from <paramref name="days"/> days before publication up to publication.</summary>
    public bool IsWithinDaysBefore(DateExpression date, int days) => DaysFromPublication(date) is { } distance && distance <= 0 && distance >= -days;

    /// <summary>Days from publication to the day the expression resolves to (negative before), or null when either is unknown.</summary>
    public int? DaysFromPublication(DateExpression date) =>
        Publication is { } published && Resolve(date, EventStatus.Reported) is { Length: 10 } value
        && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.DayNumber - published.DayNumber
            : null;

    /// <summary>Keys compared by the expression's identity (an anchored copy is another key) and the status.</summary>
    private sealed class ReferenceKeyComparer : IEqualityComparer<(DateExpression Date, EventStatus Status)>
    {
        public static readonly ReferenceKeyComparer Instance = new();

        public bool Equals((DateExpression Date, EventStatus Status) x, (DateExpression Date, EventStatus Status) y) =>
            ReferenceEquals(x.Date, y.Date) && x.Status == y.Status;

        public int GetHashCode((DateExpression Date, EventStatus Status) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Date), key.Status);
    }
}
