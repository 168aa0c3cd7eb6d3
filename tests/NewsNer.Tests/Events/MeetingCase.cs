using System.Globalization;

namespace NewsNer.Tests.Events;

/// <summary>One block of <c>Data/meeting-cases.txt</c>: a French text, its names, and the meetings it states.</summary>
public sealed class MeetingCase
{
    public required string Label { get; init; }

    public required string Text { get; init; }

    public required string Names { get; init; }

    public DateOnly? PublicationDate { get; init; }

    public List<ExpectedMeeting> Events { get; } = [];

    public string? NoneBecause { get; init; }

    public override string ToString() => Label;

    public static List<MeetingCase> Load(string path)
    {
        var cases = new List<MeetingCase>();
        foreach (var block in File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            var lines = block.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal) && l != "#").ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            string? label = null, text = null, names = null, none = null;
            DateOnly? date = null;
            var events = new List<ExpectedMeeting>();
            foreach (var line in lines)
            {
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    label = line[3..].Trim();
                }
                else if (Value(line, "text:") is { } t)
                {
                    text = t;
                }
                else if (Value(line, "names:") is { } n)
                {
                    names = n;
                }
                else if (Value(line, "date:") is { } d)
                {
                    date = DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
                else if (Value(line, "event:") is { } e)
                {
                    events.Add(ExpectedMeeting.Parse(e));
                }
                else if (Value(line, "none:") is { } why)
                {
                    none = why;
                }
                else
                {
                    throw new FormatException($"Unknown line in meeting cases: '{line}'");
                }
            }

            if (text is null || names is null || label is null || (events.Count == 0 && none is null))
            {
                throw new FormatException($"Incomplete meeting case: '{block}'");
            }

            var item = new MeetingCase { Label = label, Text = text, Names = names, PublicationDate = date, NoneBecause = none };
            item.Events.AddRange(events);
            cases.Add(item);
        }

        return cases;
    }

    private static string? Value(string line, string key) => line.StartsWith(key, StringComparison.Ordinal) ? line[key.Length..].Trim() : null;
}

/// <summary>An expected meeting: subtype, status and the fields a case states.</summary>
public sealed class ExpectedMeeting
{
    public required string Subtype { get; init; }

    public required string Status { get; init; }

    public Dictionary<string, string> Fields { get; } = [];

    public IEnumerable<string> List(string key) =>
        Fields.TryGetValue(key, out var value) ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

    public static ExpectedMeeting Parse(string line)
    {
        // subtype status key=value ... ; values may contain spaces up to the next " key=" or " key~".
        var parts = line.Split(' ', 3);
        var meeting = new ExpectedMeeting { Subtype = parts[0], Status = parts[1] };
        if (parts.Length < 3)
        {
            return meeting;
        }

        var rest = parts[2];
        var keys = new[] { "host=", "guest=", "parties=", "location=", "date=", "value=", "topic~", "delegation=", "mediator=" };
        var positions = keys.SelectMany(k => AllIndexes(rest, k).Select(i => (Index: i, Key: k))).OrderBy(p => p.Index).ToList();
        for (var i = 0; i < positions.Count; i++)
        {
            var start = positions[i].Index + positions[i].Key.Length;
            var end = i + 1 < positions.Count ? positions[i + 1].Index : rest.Length;
            meeting.Fields[positions[i].Key.TrimEnd('=', '~')] = rest[start..end].Trim();
        }

        return meeting;
    }

    private static IEnumerable<int> AllIndexes(string text, string key)
    {
        for (var i = text.IndexOf(key, StringComparison.Ordinal); i >= 0; i = text.IndexOf(key, i + 1, StringComparison.Ordinal))
        {
            if (i == 0 || text[i - 1] == ' ')
            {
                yield return i;
            }
        }
    }

    public override string ToString() => $"{Subtype} {Status} {string.Join(" ", Fields.Select(f => f.Key + "=" + f.Value))}";
}
