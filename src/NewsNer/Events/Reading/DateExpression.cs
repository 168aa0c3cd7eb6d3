using System.Globalization;
using NewsNer.Entities.Linking;
using NewsNer.Internal.Lexicons;
using NewsNer.Tokenization;
using NewsNer.Events.Lexicons;

namespace NewsNer.Events.Reading;

/// <summary>Which way a date expression points from the publication date, when its words say so.</summary>
internal enum DateDirection : byte
{
    None,
    Future,
    Past,
}

/// <summary>
/// A date expression found in the text (<c>mercredi</c>, <c>le 15 octobre 2022</c>, <c>la semaine prochaine</c>,
/// <c>l'an dernier</c>), with what is needed to resolve it against a publication date.
/// </summary>
internal sealed class DateExpression
{
    public int StartToken { get; init; }

    public int EndToken { get; init; }

    /// <summary>Character range of the text reported for the date.</summary>
    public int Start { get; init; }

    public int End { get; init; }

    public int? Weekday { get; init; }

    public int? Day { get; init; }

    public int? Month { get; init; }

    public int? Year { get; init; }

    /// <summary>Offset from the publication date for relative expressions (aujourd'hui 0, hier -1, la semaine prochaine +1).</summary>
    public int? Offset { get; init; }

    /// <summary>The unit of <see cref="Offset"/>.</summary>
    public DateWordKind OffsetUnit { get; init; }

    public DateDirection Direction { get; init; }

    /// <summary>
    /// For <see cref="DateWordKind.RelativeToEvent"/> (<c>la veille</c>, <c>le lendemain</c>): the day of the news event
    /// the text narrates, found by the mention reader from the meetings before it (<see cref="WithAnchor"/>); the
    /// publication date when null.
    /// </summary>
    public DateOnly? Anchor { get; private init; }

    /// <summary>A copy of this expression counted from <paramref name="anchor"/> (the document's expression is left as it is).</summary>
    public DateExpression WithAnchor(DateOnly? anchor) => new()
    {
        StartToken = StartToken,
        EndToken = EndToken,
        Start = Start,
        End = End,
        Weekday = Weekday,
        Day = Day,
        Month = Month,
        Year = Year,
        Offset = Offset,
        OffsetUnit = OffsetUnit,
        Direction = Direction,
        Vague = Vague,
        Anchor = anchor,
    };

    /// <summary>Whether two expressions are the same words of the text (an anchored copy is its original).</summary>
    public bool SameSpan(DateExpression? other) => other is not null && other.StartToken == StartToken && other.EndToken == EndToken;

    /// <summary>A future or past without a resolvable value (prochainement, récemment).</summary>
    public bool Vague { get; init; }

    /// <summary>Whether the expression is about today (aujourd'hui, ce matin, plus tôt dans la journée).</summary>
    public bool IsToday => Offset == 0 && OffsetUnit == DateWordKind.RelativeDay;

    /// <summary>The ISO value of the expression for a meeting of the given status, or null when it cannot be resolved.</summary>
    public string? Resolve(DateOnly? publication, EventStatus status)
    {
        if (Vague)
        {
            return null;
        }

        if (Year is { } year && Month is null)
        {
            return year.ToString("D4", CultureInfo.InvariantCulture);
        }

        if (Year is { } y && Month is { } m && Day is null)
        {
            return Valid(y, m, 1) ? $"{y:D4}-{m:D2}" : null;
        }

        if (Year is { } yy && Month is { } mm && Day is { } dd)
        {
            return Valid(yy, mm, dd) ? new DateOnly(yy, mm, dd).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        }

        if (OffsetUnit == DateWordKind.RelativeToEvent && Offset is { } fromEvent)
        {
            return (Anchor ?? publication) is { } anchor ? Iso(anchor.AddDays(fromEvent)) : null;
        }

        if (publication is not { } p)
        {
            return null;
        }

        var future = Direction == DateDirection.Future || (Direction == DateDirection.None && status == EventStatus.Planned);
        if (Offset is { } offset)
        {
            return OffsetUnit switch
            {
                DateWordKind.RelativeDay or DateWordKind.UnitDay => Iso(p.AddDays(offset)),
                DateWordKind.RelativeWeek or DateWordKind.UnitWeek => IsoWeek(p.AddDays(7 * offset)),
                DateWordKind.RelativeMonth or DateWordKind.UnitMonth => p.AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                DateWordKind.RelativeYear or DateWordKind.UnitYear => p.AddYears(offset).Year.ToString("D4", CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        if (Weekday is { } weekday && Day is null)
        {
            var today = (int)p.DayOfWeek == 0 ? 7 : (int)p.DayOfWeek;
            int delta;
            if (Direction == DateDirection.Future)
            {
                delta = ((weekday - today + 7) % 7) is 0 ? 7 : (weekday - today + 7) % 7;
            }
            else if (Direction == DateDirection.Past)
            {
                delta = -(((today - weekday + 7) % 7) is 0 ? 7 : (today - weekday + 7) % 7);
            }
            else
            {
                // Reported or past: the latest such day on or before publication; planned: the next on or after.
                delta = future ? (weekday - today + 7) % 7 : -((today - weekday + 7) % 7);
            }

            return Iso(p.AddDays(delta));
        }

        if (Month is { } month)
        {
            var candidateYear = p.Year;
            var day = Day ?? 1;
            if (!Valid(candidateYear, month, day))
            {
                return null;
            }

            var candidate = new DateOnly(candidateYear, month, day);
            var reference = Day is null ? new DateOnly(p.Year, p.Month, 1) : p;
            if (Direction == DateDirection.Past || (Direction == DateDirection.None && !future))
            {
                // "en décembre dernier", or a reported "15 octobre" read in January: last year's.
                if (candidate > reference.AddDays(Day is null ? 0 : 1) && (Direction == DateDirection.Past || candidate > reference.AddDays(31)))
                {
                    candidate = candidate.AddYears(-1);
                }
                else if (Direction == DateDirection.Past && Day is null && candidate == reference)
                {
                    candidate = candidate.AddYears(-1);
                }
            }
            else if (candidate < reference.AddDays(Day is null ? 0 : -1))
            {
                candidate = candidate.AddYears(1);
            }

            return Day is null ? candidate.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Iso(candidate);
        }

        return null;
    }

    /// <summary>
    /// Whether the expression places a meeting well before the news (<c>l'an dernier</c>, <c>en 2019</c>,
    /// <c>il y a trois mois</c>, a day more than a month before publication): the meeting is background. A day or month
    /// without a year is read as the tense reads it (<paramref name="status"/>): « recevra … le 26 juillet » written in
    /// March is next July, not last July's background.
    /// </summary>
    public bool IsBackground(DateOnly? publication, EventStatus status = EventStatus.Reported)
    {
        if (Offset is { } offset && offset < 0)
        {
            return OffsetUnit is DateWordKind.RelativeYear or DateWordKind.UnitYear or DateWordKind.UnitMonth or DateWordKind.RelativeMonth
                || (OffsetUnit == DateWordKind.UnitWeek && offset <= -2);
        }

        if (publication is not { } p)
        {
            return Year is { } y && Direction == DateDirection.Past && y > 0 && Month is null;
        }

        if (Year is { } year && year < p.Year && (Month is null || Day is null || new DateOnly(year, Month.Value, Math.Min(Day.Value, 28)) < p.AddDays(-31)))
        {
            return true;
        }

        var value = Resolve(publication, status);
        return value is { Length: 10 } && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date < p.AddDays(-31);
    }

    /// <summary>Whether the expression places a meeting after the news (<c>demain</c>, <c>mardi prochain</c>).</summary>
    public bool IsFuture(DateOnly? publication)
    {
        if (Direction == DateDirection.Future)
        {
            return true;
        }

        if (OffsetUnit == DateWordKind.RelativeToEvent)
        {
            // "le lendemain" of a past event is past: compare the resolved day with publication.
            return publication is { } published && Resolve(publication, EventStatus.Reported) is { Length: 10 } value
                && DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture) > published;
        }

        if (Offset is { } offset)
        {
            return offset > 0;
        }

        if (publication is { } p && Year is { } year && Month is { } month && Day is { } day && Valid(year, month, day))
        {
            return new DateOnly(year, month, day) > p;
        }

        // "le 5 mai" without a year, read within a month after publication: ahead of the news.
        if (publication is { } reference && Year is null && Month is not null && Day is not null
            && Resolve(publication, EventStatus.Reported) is { Length: 10 } dayValue)
        {
            return DateOnly.ParseExact(dayValue, "yyyy-MM-dd", CultureInfo.InvariantCulture) > reference;
        }

        return false;
    }

    private static bool Valid(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string IsoWeek(DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(dateTime):D4}-W{ISOWeek.GetWeekOfYear(dateTime):D2}";
    }
}

/// <summary>Finds the date expressions of a text with the date words of <c>Resources/fr/dates/dates.tsv</c>.</summary>
internal static class DateFinder
{
    /// <summary>Every date expression of the document, in text order, non-overlapping.</summary>
    public static List<DateExpression> FindAll(LexicalView view)
    {
        var found = new List<DateExpression>();
        var i = 0;
        while (i < view.Count)
        {
            var expression = TryRead(view, i);
            if (expression is null)
            {
                i++;
                continue;
            }

            // "aujourd'hui, mercredi": one expression, reported by its weekday.
            if (found.Count > 0 && expression.Weekday is not null && found[^1].IsToday && found[^1].EndToken + 1 == expression.StartToken && view.IsComma(found[^1].EndToken))
            {
                found[^1] = new DateExpression
                {
                    StartToken = found[^1].StartToken,
                    EndToken = expression.EndToken,
                    Start = expression.Start,
                    End = expression.End,
                    Offset = 0,
                    OffsetUnit = DateWordKind.RelativeDay,
                    Weekday = expression.Weekday,
                };
            }
            else
            {
                found.Add(expression);
            }

            i = expression.EndToken;
        }

        return found;
    }

    private static DateExpression? TryRead(LexicalView view, int i)
    {
        var lexicons = view.Lexicons;
        var ids = view.Ids;
        var tokens = view.Tokens;

        // Day number first: "15 octobre", "1er mars 2022".
        if (tokens[i].Kind == TokenKind.Number && DayNumber(tokens[i].Span) is { } day)
        {
            var monthLength = lexicons.Events.Dates.Longest(ids, i + 1, w => w.Kind == DateWordKind.Month, out var monthWord);
            if (monthLength > 0)
            {
                var end = i + 1 + monthLength;
                var year = YearAt(view, end);
                if (year is not null)
                {
                    end++;
                }

                return Make(view, i, end, day: day, month: monthWord.Value, year: year);
            }

            // A range, "du 5 au 7 mai": one expression, valued by its first day.
            if (i + 3 < view.Count && view.Is(i + 1, WordClass.A) && view.ClassLengths[i + 1] == 1 && tokens[i + 2].Kind == TokenKind.Number && DayNumber(tokens[i + 2].Span) is { } last && last > day)
            {
                monthLength = lexicons.Events.Dates.Longest(ids, i + 3, w => w.Kind == DateWordKind.Month, out monthWord);
                if (monthLength > 0)
                {
                    var end = i + 3 + monthLength;
                    var year = YearAt(view, end);
                    if (year is not null)
                    {
                        end++;
                    }

                    return Make(view, i, end, day: day, month: monthWord.Value, year: year);
                }
            }
        }

        // A year after "en", "depuis", "début", "fin": "en 2015".
        if (tokens[i].Kind == TokenKind.Number && YearAt(view, i) is { } bareYear && i > 0 && (view.Is(i - 1, WordClass.En | WordClass.Depuis) || IsMonthPart(view, i - 1)))
        {
            return Make(view, i, i + 1, year: bareYear, direction: DateDirection.None);
        }

        var length = lexicons.Events.Dates.Longest(ids, i, out var words);
        if (length == 0)
        {
            // "mi-juillet" written as one token.
            return MidMonth(view, i);
        }

        var word = words[0];
        switch (word.Kind)
        {
            case DateWordKind.Weekday:
            {
                var end = i + length;
                int? dayNumber = null;
                int? month = null;
                int? year = null;
                var direction = DateDirection.None;
                if (end < view.Count && tokens[end].Kind == TokenKind.Number && DayNumber(tokens[end].Span) is { } d)
                {
                    var monthLength = lexicons.Events.Dates.Longest(ids, end + 1, w => w.Kind == DateWordKind.Month, out var monthWord);
                    if (monthLength > 0)
                    {
                        dayNumber = d;
                        month = monthWord.Value;
                        end += 1 + monthLength;
                        year = YearAt(view, end);
                        if (year is not null)
                        {
                            end++;
                        }
                    }
                }

                end = ReadModifiers(view, end, ref direction);
                return Make(view, i, end, weekday: word.Value, day: dayNumber, month: month, year: year, direction: direction);
            }

            case DateWordKind.Month:
            {
                var end = i + length;
                var year = YearAt(view, end);
                if (year is not null)
                {
                    end++;
                }

                var direction = DateDirection.None;
                end = ReadModifiers(view, end, ref direction);

                // A bare month name needs "en", "début", "fin", "courant", or a year: "mars" alone is too ambiguous.
                if (year is null && direction == DateDirection.None && !(i > 0 && (view.Is(i - 1, WordClass.En) || IsMonthPart(view, i - 1))))
                {
                    return null;
                }

                var start = i > 0 && IsMonthPart(view, i - 1) ? i - 1 : i;
                return Make(view, start, end, month: word.Value, year: year, direction: direction);
            }

            case DateWordKind.RelativeDay:
            case DateWordKind.RelativeWeek:
            case DateWordKind.RelativeMonth:
            case DateWordKind.RelativeYear:
            {
                var end = i + length;
                if (word.Kind == DateWordKind.RelativeDay && lexicons.Events.Dates.Longest(ids, end, w => w.Kind == DateWordKind.PartOfDay, out _) is var part && part > 0)
                {
                    end += part;
                }

                var direction = word.Value > 0 ? DateDirection.Future : word.Value < 0 ? DateDirection.Past : DateDirection.None;
                return Make(view, i, end, offset: word.Value, unit: word.Kind, direction: direction);
            }

            case DateWordKind.RelativeToEvent:
                return Make(view, i, i + length, offset: word.Value, unit: word.Kind);

            case DateWordKind.VagueFuture:
                return Make(view, i, i + length, direction: DateDirection.Future, vague: true);

            case DateWordKind.VaguePast:
                return Make(view, i, i + length, direction: DateDirection.Past, vague: true);

            case DateWordKind.Ago:
            {
                // "il y a trois jours": a number (digits or a word) and a unit.
                var end = i + length;
                var amount = AmountAt(view, end);
                if (amount is null)
                {
                    return null;
                }

                var unitLength = lexicons.Events.Dates.Longest(ids, end + 1, w => w.Kind is DateWordKind.UnitDay or DateWordKind.UnitWeek or DateWordKind.UnitMonth or DateWordKind.UnitYear, out var unit);
                if (unitLength == 0)
                {
                    return null;
                }

                return Make(view, i, end + 1 + unitLength, offset: -amount.Value, unit: unit.Kind, direction: DateDirection.Past);
            }

            default:
                return null;
        }
    }

    private static int ReadModifiers(LexicalView view, int end, ref DateDirection direction)
    {
        var lexicons = view.Lexicons;
        for (var guard = 0; guard < 2; guard++)
        {
            var length = lexicons.Events.Dates.Longest(view.Ids, end, w => w.Kind is DateWordKind.Next or DateWordKind.Last or DateWordKind.PartOfDay, out var modifier);
            if (length == 0)
            {
                break;
            }

            if (modifier.Kind == DateWordKind.Next)
            {
                direction = DateDirection.Future;
            }
            else if (modifier.Kind == DateWordKind.Last)
            {
                direction = DateDirection.Past;
            }

            end += length;
        }

        return end;
    }

    private static bool IsMonthPart(LexicalView view, int index) =>
        index >= 0 && view.Lexicons.Events.Dates.Longest(view.Ids, index, w => w.Kind == DateWordKind.MonthPart, out _) == 1;

    private static DateExpression? MidMonth(LexicalView view, int i)
    {
        var span = view.Tokens[i].Span;
        if (span.Length > 3 && span[..3].Equals("mi-", StringComparison.OrdinalIgnoreCase))
        {
            var id = view.Lexicons.Vocabulary.Lookup(span[3..]);
            ReadOnlySpan<int> one = [id];
            if (view.Lexicons.Events.Dates.Longest(one, 0, w => w.Kind == DateWordKind.Month, out var month) == 1)
            {
                var year = YearAt(view, i + 1);
                return Make(view, i, year is null ? i + 1 : i + 2, month: month.Value, year: year);
            }
        }

        return null;
    }

    private static DateExpression Make(
        LexicalView view, int start, int end, int? weekday = null, int? day = null, int? month = null, int? year = null,
        int? offset = null, DateWordKind unit = DateWordKind.RelativeDay, DateDirection direction = DateDirection.None, bool vague = false) => new()
    {
        // "depuis dimanche": since a day already gone.
        Direction = direction == DateDirection.None && start > 0 && view.Is(start - 1, WordClass.Depuis) ? DateDirection.Past : direction,
        StartToken = start,
        EndToken = end,
        Start = view.Tokens[start].Start,
        End = view.Tokens[end - 1].End,
        Weekday = weekday,
        Day = day,
        Month = month,
        Year = year,
        Offset = offset,
        OffsetUnit = unit,
        Vague = vague,
    };

    /// <summary>A day of month written in digits: 1 to 31, "1er" accepted.</summary>
    private static int? DayNumber(ReadOnlySpan<char> token)
    {
        var digits = 0;
        while (digits < token.Length && char.IsAsciiDigit(token[digits]))
        {
            digits++;
        }

        if (digits is 0 or > 2 || (digits < token.Length && !token[digits..].Equals("er", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var value = int.Parse(token[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
        return value is >= 1 and <= 31 ? value : null;
    }

    private static int? YearAt(LexicalView view, int index)
    {
        if ((uint)index >= (uint)view.Count || view.Tokens[index].Kind != TokenKind.Number)
        {
            return null;
        }

        var span = view.Tokens[index].Span;
        return span.Length == 4 && int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100 ? year : null;
    }

    private static int? AmountAt(LexicalView view, int index)
    {
        if ((uint)index >= (uint)view.Count)
        {
            return null;
        }

        var span = view.Tokens[index].Span;
        if (view.Tokens[index].Kind == TokenKind.Number && int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 1000)
        {
            return value;
        }

        return view.Lexicons.Events.Dates.Longest(view.Ids, index, w => w.Kind == DateWordKind.Number, out var number) == 1 ? number.Value : null;
    }
}
