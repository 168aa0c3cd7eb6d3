using System.Globalization;
using System.Text;
using NewsNer.Entities;
using NewsNer.Events;

namespace NewsNer.Cli.Output;

/// <summary>
/// Spreadsheet-ready CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, a quote or a
/// line break, quotes doubled; UTF-8 with a byte-order mark so spreadsheet programs read the accents): <c>entities.csv</c>
/// (one row per entity), <c>events.csv</c> (one row per event) and <c>errors.csv</c> (one row per input that failed),
/// each row naming its document. Rows are written as documents arrive.
/// </summary>
internal sealed class CsvSink : IDocumentSink
{
    public static readonly string[] EntityColumns =
    [
        "document", "title", "publication_date", "entity_id", "type", "canonical", "mention_count", "mentions", "first_start",
        "kind", "country", "actor_code", "roles", "confidence",
    ];

    public static readonly string[] EventColumns =
    [
        "document", "title", "publication_date", "event_id", "type", "subtype", "status", "participants", "hosts", "guests",
        "mediators", "delegation", "location", "places", "date_text", "date_value", "topics", "trigger", "cameo", "plover",
        "confidence", "evidence",
    ];

    public static readonly string[] ErrorColumns = ["document", "message"];

    private readonly TextWriter _entities;
    private readonly TextWriter _events;
    private readonly TextWriter _errors;

    public CsvSink(string directory)
    {
        Directory.CreateDirectory(directory);
        _entities = Open(Path.Combine(directory, "entities.csv"), EntityColumns);
        _events = Open(Path.Combine(directory, "events.csv"), EventColumns);
        _errors = Open(Path.Combine(directory, "errors.csv"), ErrorColumns);
    }

    public void Write(Document document)
    {
        var source = document.Source ?? "";
        var title = document.Metadata.TryGetValue("title", out var t) ? t : "";
        var date = document.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        foreach (var entity in document.Entities)
        {
            WriteRow(_entities,
            [
                source, title, date, entity.Id, entity.Type.ToLabel(), entity.Canonical,
                Number(entity.Mentions.Length),
                string.Join(" | ", entity.Mentions.Select(document.GetText).Distinct(StringComparer.Ordinal)),
                entity.Mentions.IsEmpty ? "" : Number(entity.Mentions[0].Start),
                entity.Kind ?? "", entity.Country ?? "", entity.ActorCode ?? "", string.Join(" | ", entity.Roles),
                Confidence(entity.Confidence),
            ]);
        }

        foreach (var meeting in document.Events)
        {
            string Named(string id) => document.FindEntity(id)?.Canonical ?? id;
            string WithRole(ParticipantRole role) => string.Join(" | ", meeting.Participants.Where(p => p.Role == role).Select(p => Named(p.EntityId)));
            WriteRow(_events,
            [
                source, title, date, meeting.Id, meeting.Type, Names.Subtype(meeting.Subtype), Names.Status(meeting.Status),
                string.Join(" | ", meeting.Participants.Select(p => $"{Named(p.EntityId)} ({Names.Role(p.Role)})")),
                WithRole(ParticipantRole.Host), WithRole(ParticipantRole.Guest), WithRole(ParticipantRole.Mediator),
                string.Join(" | ", meeting.Delegation.Select(Named)),
                meeting.Location?.Text ?? "",
                string.Join(" | ", meeting.Places.Select(p => p.Text)),
                meeting.Date?.Text ?? "", meeting.Date?.Value ?? "",
                string.Join(" | ", meeting.Topics.Select(p => p.Text)),
                meeting.Trigger?.Text ?? "",
                string.Join(" | ", meeting.Cameo.Select(c => $"{c.Code} {c.SourceActor ?? c.SourceEntityId}>{c.TargetActor ?? c.TargetEntityId}")),
                meeting.Plover is { } p ? $"{p.Category}{(p.Mode is null ? "" : "/" + p.Mode)} {p.Actor ?? p.ActorEntityId}>{p.Recipient ?? p.RecipientEntityId}" : "",
                Confidence(meeting.Confidence),
                string.Join(" | ", meeting.Evidence.Select(document.GetText)),
            ]);
        }

        Flush();
    }

    public void WriteError(string? source, string message)
    {
        WriteRow(_errors, [source ?? "", message]);
        Flush();
    }

    public void Dispose()
    {
        _entities.Dispose();
        _events.Dispose();
        _errors.Dispose();
    }

    /// <summary>One RFC 4180 field: quoted when needed; a leading = + - @ gets a ' so spreadsheets show it instead of evaluating it.</summary>
    internal static string Field(string value)
    {
        value = Sanitize(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    internal static void WriteRow(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Field(fields[i]));
        }

        writer.Write("\r\n");
    }

    // Lone surrogates cannot be written as UTF-8 and other control characters break spreadsheets: shown as U+FFFD.
    private static string Sanitize(string value)
    {
        var builder = (StringBuilder?)null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var bad = char.IsHighSurrogate(c) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
                : char.IsLowSurrogate(c) ? i == 0 || !char.IsHighSurrogate(value[i - 1])
                : char.IsControl(c) && c is not ('\r' or '\n' or '\t');
            if (bad)
            {
                builder ??= new StringBuilder(value, 0, i, value.Length);
                builder.Append('\uFFFD');
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? value;
    }

    private static StreamWriter Open(string path, string[] header)
    {
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        WriteRow(writer, header);
        return writer;
    }

    private void Flush()
    {
        _entities.Flush();
        _events.Flush();
        _errors.Flush();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Confidence(float value) => float.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "";
}
