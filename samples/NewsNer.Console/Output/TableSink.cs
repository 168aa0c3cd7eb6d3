using System.Globalization;
using System.Text;
using NewsNer.Entities;
using NewsNer.Events;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NewsNer.Cli.Output;

/// <summary>
/// Renders documents as tables for people: a header (source, date, counts), the sentences, the entities with their
/// mentions and attributes, and the events with participants, roles, place, date, status and codes.
/// </summary>
internal sealed class TableSink(IAnsiConsole console, TextWriter writer, bool ownsWriter) : IDocumentSink
{
    public static IAnsiConsole CreateConsole(TextWriter writer, bool terminal, int? width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width ?? 120;
        return console;
    }

    public void Write(Document document)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(Display(document.Source ?? "(standard input)"))}[/]").LeftJustified());
        console.Write(Header(document));
        console.Write(Sentences(document));
        console.Write(EntityTable(document));
        console.Write(EventTable(document));
        console.WriteLine();
        writer.Flush();
    }

    public void WriteError(string? source, string message)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(Display(source ?? "(standard input)"))}[/]").LeftJustified());
        console.Write(new Panel(new Text(Display(message))).Header("[red]error[/]").BorderColor(Color.Red));
        console.WriteLine();
        writer.Flush();
    }

    public void Dispose()
    {
        writer.Flush();
        if (ownsWriter)
        {
            writer.Dispose();
        }
    }

    private static Grid Header(Document document)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        if (document.Metadata.TryGetValue("title", out var title))
        {
            grid.AddRow(new Markup("[grey]title[/]"), new Text(Display(title)));
        }

        if (document.Metadata.TryGetValue("url", out var url))
        {
            grid.AddRow(new Markup("[grey]url[/]"), new Text(Display(url)));
        }

        var date = document.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            ?? (document.Metadata.TryGetValue("date", out var header) ? header + " (not a full date)" : "unknown");
        grid.AddRow(new Markup("[grey]date[/]"), new Text(date));
        grid.AddRow(new Markup("[grey]language[/]"), new Text(document.Language));
        foreach (var warning in document.Warnings)
        {
            grid.AddRow(new Markup("[yellow]warning[/]"), new Text(Display(warning.Message)));
        }

        grid.AddRow(
            new Markup("[grey]counts[/]"),
            new Text($"{document.Text.Length} chars, {document.Tokens.Length} tokens, {document.Sentences.Length} sentences, {document.Entities.Length} entities, {document.Events.Length} events"));
        return grid;
    }

    private static IRenderable Sentences(Document document)
    {
        var table = new Table().Title("Sentences").Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("#").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("span").NoWrap());
        table.AddColumn("text");
        for (var i = 0; i < document.Sentences.Length; i++)
        {
            var sentence = document.Sentences[i];
            table.AddRow(Cell(i.ToString(CultureInfo.InvariantCulture)), Cell($"{sentence.Start}–{sentence.End}"), Cell(document.GetText(sentence)));
        }

        return document.Sentences.IsEmpty ? new Markup("[grey]Sentences: none[/]\n") : table;
    }

    private static IRenderable EntityTable(Document document)
    {
        var table = new Table().Title("Entities").Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("id").NoWrap());
        table.AddColumn(new TableColumn("type").NoWrap());
        table.AddColumn("canonical");
        table.AddColumn("mentions");
        table.AddColumn("attributes");
        table.AddColumn(new TableColumn("conf.").RightAligned().NoWrap());
        foreach (var entity in document.Entities)
        {
            table.AddRow(
                Cell(entity.Id),
                new Markup($"[{TypeColor(entity.Type)}]{entity.Type.ToLabel()}[/]"),
                Cell(entity.Canonical),
                Cell(Mentions(document, entity)),
                Lines(Attributes(entity)),
                Cell(Confidence(entity.Confidence)));
        }

        return document.Entities.IsEmpty ? new Markup("[grey]Entities: none[/]\n") : table;
    }

    private static IRenderable EventTable(Document document)
    {
        var table = new Table().Title("Events").Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("id").NoWrap());
        table.AddColumn("meeting");
        table.AddColumn("participants");
        table.AddColumn("place");
        table.AddColumn("date");
        table.AddColumn("codes");
        table.AddColumn(new TableColumn("conf.").RightAligned().NoWrap());
        foreach (var meeting in document.Events)
        {
            table.AddRow(
                Cell(meeting.Id),
                Lines([Names.Subtype(meeting.Subtype), Names.Status(meeting.Status), .. meeting.Trigger is { } trigger ? [$"« {trigger.Text} »"] : Array.Empty<string>()]),
                Lines(Participants(document, meeting)),
                Lines(Places(document, meeting)),
                Cell(meeting.Date is { } date ? date.Text + (date.Value is { } value ? $" → {value}" : "") : "—"),
                Lines(Codes(meeting)),
                Cell(Confidence(meeting.Confidence)));
            if (!meeting.Topics.IsEmpty)
            {
                table.AddRow(Cell(""), new Markup("[grey]topics[/]"), Cell(string.Join("; ", meeting.Topics.Select(t => t.Text))), Cell(""), Cell(""), Cell(""), Cell(""));
            }
        }

        return document.Events.IsEmpty ? new Markup("[grey]Events: none[/]\n") : table;
    }

    private static string Mentions(Document document, Entity entity)
    {
        var forms = entity.Mentions
            .GroupBy(m => (Text: document.GetText(m), m.Kind))
            .Select(g => g.Key.Text + (g.Count() > 1 ? $" ×{g.Count()}" : "") + (g.Key.Kind == MentionKind.Nominal ? " (nominal)" : ""));
        return $"{entity.Mentions.Length}: " + string.Join(", ", forms);
    }

    private static List<string> Attributes(Entity entity)
    {
        var parts = new List<string>();
        if (entity.Kind is { } kind)
        {
            parts.Add("kind " + kind);
        }

        if (entity.Country is { } country)
        {
            parts.Add("country " + country);
        }

        if (entity.ActorCode is { } actor)
        {
            parts.Add("actor " + actor);
        }

        if (!entity.Roles.IsEmpty)
        {
            parts.Add("roles " + string.Join(", ", entity.Roles));
        }

        return parts;
    }

    private static List<string> Participants(Document document, MeetingEvent meeting)
    {
        var lines = meeting.Participants.Select(p => $"{NameOf(document, p.EntityId)} ({Names.Role(p.Role)})").ToList();
        lines.AddRange(meeting.Delegation.Select(id => $"+ {NameOf(document, id)} (delegation)"));
        return lines;
    }

    private static List<string> Places(Document document, MeetingEvent meeting)
    {
        var places = meeting.Places.IsEmpty && meeting.Location is not null ? [meeting.Location] : meeting.Places.ToList();
        return [.. places.Select(p => p.Text + (p.EntityId is { } id && document.FindEntity(id) is { } e && e.Canonical != p.Text ? $" ({e.Canonical})" : ""))];
    }

    private static List<string> Codes(MeetingEvent meeting)
    {
        var lines = meeting.Cameo.Select(c => $"CAMEO {c.Code} {c.SourceActor ?? c.SourceEntityId ?? "?"}→{c.TargetActor ?? c.TargetEntityId ?? "?"}").ToList();
        if (meeting.Plover is { } plover)
        {
            lines.Add($"PLOVER {plover.Category}{(plover.Mode is null ? "" : "/" + plover.Mode)} {plover.Actor ?? plover.ActorEntityId ?? "?"}→{plover.Recipient ?? plover.RecipientEntityId ?? "?"}");
        }

        return lines;
    }

    private static string NameOf(Document document, string id) => document.FindEntity(id)?.Canonical ?? id;

    private static string Confidence(float value) => float.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static string TypeColor(EntityType type) => type switch
    {
        EntityType.Person => "deepskyblue1",
        EntityType.Location => "green",
        EntityType.Organization => "orange1",
        _ => "mediumpurple",
    };

    private static Text Cell(string value) => new(Display(value));

    /// <summary>A cell of several lines (each made displayable), or a dash when there is none.</summary>
    private static Text Lines(IEnumerable<string> lines)
    {
        var text = string.Join("\n", lines.Select(Display));
        return new Text(text.Length == 0 ? "—" : text);
    }

    /// <summary>Text for a terminal: line breaks shown as ⏎, other control characters and lone surrogates as visible marks.</summary>
    internal static string Display(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
            {
                continue;
            }

            if (c is '\n' or '\r')
            {
                builder.Append(" ⏎ ");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (char.IsControl(c))
            {
                builder.Append(c == '\t' ? ' ' : '·');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>How the console names enum values: as the JSON does.</summary>
internal static class Names
{
    public static string Subtype(MeetingSubtype subtype) => Snake(subtype.ToString());

    public static string Status(EventStatus status) => Snake(status.ToString());

    public static string Role(ParticipantRole role) => Snake(role.ToString());

    private static string Snake(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
