using System.Globalization;
using System.Text;
using NewsNer.Entities;
using NewsNer.Events;

namespace NewsNer.Cli.Output;

/// <summary>
/// Self-contained HTML (inline CSS and a few lines of script, no external asset): an article page shows the text with
/// entity mentions highlighted by type and a legend, event cards (participants and roles, place, date, status, trigger,
/// topics, CAMEO and PLOVER codes) whose evidence is highlighted in the text, and the entity list. An index page sums
/// up a folder: per-document counts, the most frequent actors and meeting pairs, failures.
/// </summary>
internal static class HtmlReport
{
    public static string EntityClass(EntityType type) => type switch
    {
        EntityType.Person => "per",
        EntityType.Location => "loc",
        EntityType.Organization => "org",
        _ => "misc",
    };

    public static void WriteDocumentPage(TextWriter w, Document document, string? indexHref)
    {
        var title = document.Metadata.TryGetValue("title", out var t) ? t : document.Source ?? "Document";
        Start(w, title);
        w.Write("<header class=\"top\">");
        if (indexHref is not null)
        {
            w.Write($"<p class=\"crumbs\"><a href=\"{Attr(indexHref)}\">← all documents</a></p>");
        }

        w.Write($"<h1>{Html(title)}</h1><dl class=\"meta\">");
        if (document.Source is { } source)
        {
            w.Write($"<div><dt>source</dt><dd>{Html(source)}</dd></div>");
        }

        if (document.Metadata.TryGetValue("url", out var url))
        {
            w.Write(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? $"<div><dt>url</dt><dd><a href=\"{Attr(url)}\" rel=\"noreferrer noopener\">{Html(url)}</a></dd></div>"
                : $"<div><dt>url</dt><dd>{Html(url)}</dd></div>");
        }

        var date = document.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            ?? (document.Metadata.TryGetValue("date", out var header) ? header : "unknown");
        w.Write($"<div><dt>date</dt><dd>{Html(date)}</dd></div>");
        w.Write($"<div><dt>language</dt><dd>{Html(document.Language)}</dd></div>");
        foreach (var warning in document.Warnings)
        {
            w.Write($"<div><dt>warning</dt><dd>{Html(warning.Message)}</dd></div>");
        }

        w.Write($"<div><dt>counts</dt><dd>{Count(document.Sentences.Length, "sentence")} · {Count(document.Entities.Length, "entity", "entities")} · {Count(document.Events.Length, "event")}</dd></div>");
        w.Write("</dl>");
        Legend(w);
        w.Write("</header><main class=\"layout\">");

        w.Write($"<article class=\"text\" lang=\"{Attr(document.Language)}\">");
        WriteMarkedText(w, document);
        w.Write("</article><aside class=\"side\">");

        w.Write($"<section class=\"events\"><h2>Events <span class=\"count\">{document.Events.Length}</span></h2>");
        if (document.Events.IsEmpty)
        {
            w.Write("<p class=\"none\">No meeting found.</p>");
        }

        foreach (var meeting in document.Events)
        {
            EventCard(w, document, meeting);
        }

        w.Write($"</section><section class=\"entities\"><h2>Entities <span class=\"count\">{document.Entities.Length}</span></h2>");
        EntityTable(w, document);
        w.Write("</section></aside></main>");
        End(w);
    }

    public static void WriteErrorPage(TextWriter w, string? source, string message, string? indexHref)
    {
        Start(w, source ?? "Error");
        w.Write("<header class=\"top\">");
        if (indexHref is not null)
        {
            w.Write($"<p class=\"crumbs\"><a href=\"{Attr(indexHref)}\">← all documents</a></p>");
        }

        w.Write($"<h1>{Html(source ?? "standard input")}</h1></header><main><p class=\"error\">{Html(message)}</p></main>");
        End(w);
    }

    public static void WriteIndexPage(TextWriter w, ReportIndex index)
    {
        Start(w, "NewsNer report");
        w.Write("<header class=\"top\"><h1>NewsNer report</h1>");
        w.Write("<div class=\"tiles\">");
        Tile(w, index.Documents.Count(d => d.Error is null), "documents");
        Tile(w, index.Documents.Count(d => d.Error is not null), "failed", index.Documents.Any(d => d.Error is not null) ? "bad" : null);
        foreach (var type in (EntityType[])[EntityType.Person, EntityType.Location, EntityType.Organization, EntityType.Misc])
        {
            Tile(w, index.Documents.Sum(d => d.EntitiesByType.GetValueOrDefault(type)), type.ToLabel(), EntityClass(type));
        }

        Tile(w, index.Documents.Sum(d => d.Events), "meetings");
        w.Write("</div>");
        Legend(w);
        w.Write("</header><main class=\"index\">");

        w.Write("<section><h2>Documents</h2><table class=\"docs\"><thead><tr><th>document</th><th>title</th><th>date</th>"
            + "<th class=\"n\">PER</th><th class=\"n\">LOC</th><th class=\"n\">ORG</th><th class=\"n\">MISC</th><th class=\"n\">meetings</th></tr></thead><tbody>");
        foreach (var doc in index.Documents)
        {
            var link = $"<a href=\"{Attr(doc.Href)}\">{Html(doc.Source ?? "standard input")}</a>";
            if (doc.Error is { } error)
            {
                w.Write($"<tr class=\"failed\"><td>{link}</td><td colspan=\"7\" class=\"error\">{Html(error)}</td></tr>");
                continue;
            }

            w.Write($"<tr><td>{link}</td><td>{Html(doc.Title ?? "")}</td><td class=\"nowrap\">{Html(doc.Date ?? "")}</td>");
            foreach (var type in (EntityType[])[EntityType.Person, EntityType.Location, EntityType.Organization, EntityType.Misc])
            {
                w.Write($"<td class=\"n\">{doc.EntitiesByType.GetValueOrDefault(type)}</td>");
            }

            w.Write($"<td class=\"n\">{doc.Events}</td></tr>");
        }

        w.Write("</tbody></table></section><div class=\"two\">");

        w.Write("<section><h2>Most frequent actors</h2>");
        var actors = index.TopActors(25);
        if (actors.Count == 0)
        {
            w.Write("<p class=\"none\">No entity found.</p>");
        }
        else
        {
            w.Write("<table class=\"rank\"><thead><tr><th>actor</th><th class=\"n\">documents</th><th class=\"n\">mentions</th></tr></thead><tbody>");
            foreach (var actor in actors)
            {
                w.Write($"<tr><td><span class=\"chip {EntityClass(actor.Type)}\">{actor.Type.ToLabel()}</span> {Html(actor.Name)}</td><td class=\"n\">{actor.Documents}</td><td class=\"n\">{actor.Mentions}</td></tr>");
            }

            w.Write("</tbody></table>");
        }

        w.Write("</section><section><h2>Most frequent meeting pairs</h2>");
        var pairs = index.TopPairs(25);
        if (pairs.Count == 0)
        {
            w.Write("<p class=\"none\">No meeting found.</p>");
        }
        else
        {
            w.Write("<table class=\"rank\"><thead><tr><th>pair</th><th class=\"n\">meetings</th><th class=\"n\">documents</th></tr></thead><tbody>");
            foreach (var pair in pairs)
            {
                w.Write($"<tr><td>{Html(pair.First)} <span class=\"sep\">↔</span> {Html(pair.Second)}</td><td class=\"n\">{pair.Meetings}</td><td class=\"n\">{pair.Documents}</td></tr>");
            }

            w.Write("</tbody></table>");
        }

        w.Write("</section></div></main>");
        End(w);
    }

    /// <summary>
    /// Writes the text with nested highlights: event evidence (outer) and entity mentions (inner). A mark that would
    /// cross the end of the mark it starts in is cut there, so the HTML always nests.
    /// </summary>
    internal static void WriteMarkedText(TextWriter w, Document document)
    {
        var marks = new List<Mark>();
        foreach (var meeting in document.Events)
        {
            for (var i = 0; i < meeting.Evidence.Length; i++)
            {
                var span = meeting.Evidence[i];
                marks.Add(new Mark(span.Start, span.End, 0, $"<span class=\"evidence\" id=\"{Attr(meeting.Id)}-ev{i}\" data-v=\"{Attr(meeting.Id)}\">", "</span>"));
            }
        }

        foreach (var entity in document.Entities)
        {
            foreach (var mention in entity.Mentions)
            {
                var tip = $"{entity.Id} · {mention.Type.ToLabel()} · {entity.Canonical}" + (mention.Kind == MentionKind.Nominal ? " (nominal)" : "");
                var mentionClass = EntityClass(mention.Type);
                marks.Add(new Mark(
                    mention.Start,
                    mention.End,
                    1,
                    $"<mark class=\"ent {mentionClass}{(mention.Kind == MentionKind.Nominal ? " nominal" : "")}\" data-e=\"{Attr(entity.Id)}\" title=\"{Attr(tip)}\">",
                    "</mark>"));
            }
        }

        marks.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End != b.End ? b.End.CompareTo(a.End) : a.Layer.CompareTo(b.Layer));
        var text = document.Text;
        var stack = new Stack<(int End, string Close)>();
        var cursor = 0;
        foreach (var mark in marks)
        {
            while (stack.Count > 0 && stack.Peek().End <= mark.Start)
            {
                var (end, close) = stack.Pop();
                WriteText(w, text, cursor, end);
                w.Write(close);
                cursor = end;
            }

            var markEnd = stack.Count > 0 ? Math.Min(mark.End, stack.Peek().End) : mark.End;
            if (markEnd <= mark.Start || mark.Start < cursor)
            {
                continue;
            }

            WriteText(w, text, cursor, mark.Start);
            w.Write(mark.Open);
            stack.Push((markEnd, mark.Close));
            cursor = mark.Start;
        }

        while (stack.Count > 0)
        {
            var (end, close) = stack.Pop();
            WriteText(w, text, cursor, end);
            w.Write(close);
            cursor = end;
        }

        WriteText(w, text, cursor, text.Length);
    }

    private static void EventCard(TextWriter w, Document document, MeetingEvent meeting)
    {
        w.Write($"<div class=\"card\" id=\"{Attr(meeting.Id)}\" data-v=\"{Attr(meeting.Id)}\"><div class=\"card-head\">");
        w.Write($"<span class=\"badge subtype\">{Html(Names.Subtype(meeting.Subtype).Replace('_', ' '))}</span>");
        w.Write($"<span class=\"badge status {Names.Status(meeting.Status)}\">{Names.Status(meeting.Status)}</span>");
        w.Write($"<span class=\"conf\" title=\"confidence\">{Confidence(meeting.Confidence)}</span><span class=\"id\">{Html(meeting.Id)}</span></div><dl>");

        w.Write("<dt>participants</dt><dd>");
        if (meeting.Participants.IsEmpty)
        {
            w.Write("—");
        }

        foreach (var participant in meeting.Participants)
        {
            w.Write($"<div class=\"who\">{EntityChip(document, participant.EntityId)} <span class=\"role {Names.Role(participant.Role)}\">{Names.Role(participant.Role)}</span></div>");
        }

        w.Write("</dd>");
        if (!meeting.Delegation.IsEmpty)
        {
            w.Write($"<dt>delegation</dt><dd>{string.Join(" ", meeting.Delegation.Select(id => EntityChip(document, id)))}</dd>");
        }

        var places = meeting.Places.IsEmpty && meeting.Location is not null ? [meeting.Location] : meeting.Places.ToList();
        w.Write($"<dt>place</dt><dd>{(places.Count == 0 ? "—" : string.Join(" · ", places.Select(p => Html(p.Text))))}</dd>");
        w.Write($"<dt>date</dt><dd>{(meeting.Date is { } date ? Html(date.Text) + (date.Value is { } value ? $" <span class=\"arrow\">→</span> <time>{Html(value)}</time>" : "") : "—")}</dd>");
        if (meeting.Trigger is { } trigger)
        {
            w.Write($"<dt>trigger</dt><dd>« {Html(trigger.Text)} »</dd>");
        }

        if (!meeting.Topics.IsEmpty)
        {
            w.Write($"<dt>topics</dt><dd>{string.Join("<br>", meeting.Topics.Select(p => Html(p.Text)))}</dd>");
        }

        var codes = meeting.Cameo.Select(c => $"<code title=\"CAMEO\">CAMEO {Html(c.Code)} {Html(c.SourceActor ?? c.SourceEntityId ?? "?")}→{Html(c.TargetActor ?? c.TargetEntityId ?? "?")}</code>").ToList();
        if (meeting.Plover is { } plover)
        {
            codes.Add($"<code title=\"PLOVER\">PLOVER {Html(plover.Category)}{(plover.Mode is null ? "" : "/" + Html(plover.Mode))} {Html(plover.Actor ?? plover.ActorEntityId ?? "?")}→{Html(plover.Recipient ?? plover.RecipientEntityId ?? "?")}</code>");
        }

        w.Write($"<dt>codes</dt><dd>{(codes.Count == 0 ? "—" : string.Join(" ", codes))}</dd>");
        w.Write("<dt>evidence</dt><dd>");
        for (var i = 0; i < meeting.Evidence.Length; i++)
        {
            w.Write($"<a class=\"ev-link\" href=\"#{Attr(meeting.Id)}-ev{i}\">{Html(Shorten(document.GetText(meeting.Evidence[i]), 140))}</a>");
        }

        w.Write("</dd></dl></div>");
    }

    private static void EntityTable(TextWriter w, Document document)
    {
        if (document.Entities.IsEmpty)
        {
            w.Write("<p class=\"none\">No entity found.</p>");
            return;
        }

        w.Write("<table class=\"ents\"><tbody>");
        foreach (var entity in document.Entities)
        {
            var forms = entity.Mentions.GroupBy(document.GetText, StringComparer.Ordinal).Select(g => Html(g.Key) + (g.Count() > 1 ? $" <span class=\"times\">×{g.Count()}</span>" : ""));
            var attributes = new List<string>();
            if (entity.Kind is { } kind)
            {
                attributes.Add(Html(kind));
            }

            if (entity.Country is { } country)
            {
                attributes.Add(Html(country));
            }

            if (entity.ActorCode is { } actor)
            {
                attributes.Add($"<code>{Html(actor)}</code>");
            }

            attributes.AddRange(entity.Roles.Select(Html));
            w.Write($"<tr id=\"{Attr(entity.Id)}\" data-e=\"{Attr(entity.Id)}\"><td><span class=\"chip {EntityClass(entity.Type)}\">{entity.Type.ToLabel()}</span></td>"
                + $"<td><strong>{Html(entity.Canonical)}</strong><div class=\"forms\">{string.Join(", ", forms)}</div>"
                + (attributes.Count > 0 ? $"<div class=\"attrs\">{string.Join(" · ", attributes)}</div>" : "")
                + $"</td><td class=\"n\" title=\"mentions\">{entity.Mentions.Length}</td></tr>");
        }

        w.Write("</tbody></table>");
    }

    private static string EntityChip(Document document, string id) =>
        document.FindEntity(id) is { } entity
            ? $"<a class=\"chip {EntityClass(entity.Type)}\" href=\"#{Attr(entity.Id)}\" data-e=\"{Attr(entity.Id)}\">{Html(entity.Canonical)}</a>"
            : $"<span class=\"chip\">{Html(id)}</span>";

    private static void Tile(TextWriter w, int value, string label, string? cls = null) =>
        w.Write($"<div class=\"tile {cls}\"><span class=\"value\">{value}</span><span class=\"label\">{Html(label)}</span></div>");

    private static void Legend(TextWriter w) =>
        w.Write("<p class=\"legend\"><mark class=\"ent per\">PER person</mark><mark class=\"ent loc\">LOC place</mark>"
            + "<mark class=\"ent org\">ORG organization</mark><mark class=\"ent misc\">MISC other</mark>"
            + "<mark class=\"ent per nominal\">nominal mention</mark><span class=\"evidence\">meeting evidence</span></p>");

    private static void Start(TextWriter w, string title)
    {
        w.Write("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.Write("<meta name=\"generator\" content=\"NewsNer\">");
        w.Write($"<title>{Html(title)} — NewsNer</title><style>{Css}</style></head><body>");
    }

    private static void End(TextWriter w)
    {
        w.Write($"<footer>NewsNer · schema {Serialization.NewsJson.Schema}</footer><script>{Script}</script></body></html>\n");
    }

    private static string Count(int n, string one, string? many = null) => n == 1 ? $"1 {one}" : $"{n} {many ?? one + "s"}";

    private static string Confidence(float value) => float.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    private static string Shorten(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : flat[..(max - 1)].TrimEnd() + "…";
    }

    private static void WriteText(TextWriter w, string text, int start, int end)
    {
        if (end > start)
        {
            w.Write(Html(text.AsSpan(start, end - start)));
        }
    }

    /// <summary>HTML text: markup characters escaped, lone surrogates and control characters (but tab and line breaks) as U+FFFD.</summary>
    internal static string Html(ReadOnlySpan<char> value)
    {
        var builder = new StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '"':
                    builder.Append("&quot;");
                    break;
                case '\'':
                    builder.Append("&#39;");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c) || char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    internal static string Html(string value) => Html(value.AsSpan());

    private static string Attr(string value) => Html(value);

    private sealed record Mark(int Start, int End, int Layer, string Open, string Close);

    // Hovering a mention, an entity row or a chip lights every mention of that entity; hovering a card, its evidence.
    private const string Script = """
        (function(){function on(attr,cls){document.querySelectorAll('['+attr+']').forEach(function(el){var v=el.getAttribute(attr);
        el.addEventListener('mouseenter',function(){document.querySelectorAll('['+attr+'="'+v+'"]').forEach(function(x){x.classList.add(cls)})});
        el.addEventListener('mouseleave',function(){document.querySelectorAll('.'+cls).forEach(function(x){x.classList.remove(cls)})});});}
        on('data-e','lit');on('data-v','lit-ev');})();
        """;

    private const string Css = """
        :root{--per:#dbeafe;--per-b:#2563eb;--loc:#dcfce7;--loc-b:#16a34a;--org:#ffedd5;--org-b:#ea580c;--misc:#f3e8ff;--misc-b:#9333ea;
        --ev:#fef3c7;--ev-b:#d97706;--ink:#1f2937;--mute:#6b7280;--line:#e5e7eb;--bg:#f8fafc}
        *{box-sizing:border-box}body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
        header.top{background:#fff;border-bottom:1px solid var(--line);padding:18px 28px 10px}
        h1{font-size:1.45rem;margin:.2em 0 .4em;line-height:1.3}h2{font-size:1.05rem;margin:0 0 .6em;text-transform:uppercase;letter-spacing:.04em;color:#374151}
        .count{background:var(--line);border-radius:10px;padding:0 8px;font-size:.85em;color:#374151}
        .crumbs{margin:0;font-size:.9em}a{color:#1d4ed8;text-decoration:none}a:hover{text-decoration:underline}
        dl.meta{display:flex;flex-wrap:wrap;gap:4px 22px;margin:0 0 6px}dl.meta div{display:flex;gap:6px}dl.meta dt{color:var(--mute)}dl.meta dd{margin:0;overflow-wrap:anywhere}
        .legend{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 4px;font-size:.85em}
        .layout{display:grid;grid-template-columns:minmax(0,1.35fr) minmax(320px,1fr);gap:24px;padding:22px 28px;max-width:1500px}
        @media (max-width:900px){.layout{grid-template-columns:1fr}}
        article.text{background:#fff;border:1px solid var(--line);border-radius:10px;padding:22px 26px;white-space:pre-wrap;font-size:16px;line-height:1.75;font-family:Georgia,"Times New Roman",serif;overflow-wrap:anywhere}
        mark.ent{border-radius:4px;padding:1px 2px;border-bottom:2px solid;color:inherit;cursor:help}
        mark.per{background:var(--per);border-color:var(--per-b)}mark.loc{background:var(--loc);border-color:var(--loc-b)}
        mark.org{background:var(--org);border-color:var(--org-b)}mark.misc{background:var(--misc);border-color:var(--misc-b)}
        mark.nominal{background:transparent;border-bottom-style:dashed}
        .evidence{background:linear-gradient(transparent 60%,var(--ev) 60%);box-decoration-break:clone;-webkit-box-decoration-break:clone}
        .evidence:target,.evidence.lit-ev{background:var(--ev);outline:2px solid var(--ev-b);outline-offset:1px;border-radius:3px}
        .lit{outline:2px solid var(--ink);outline-offset:1px}
        .side section{margin-bottom:26px}
        .card{background:#fff;border:1px solid var(--line);border-left:4px solid var(--ev-b);border-radius:10px;padding:12px 16px;margin-bottom:14px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
        .card.lit-ev,.card:target{box-shadow:0 0 0 3px var(--ev)}
        .card-head{display:flex;align-items:center;gap:8px;margin-bottom:8px}.card-head .id{margin-left:auto;color:var(--mute);font-size:.8em}
        .badge{border-radius:999px;padding:1px 10px;font-size:.8em;font-weight:600;text-transform:uppercase;letter-spacing:.03em}
        .badge.subtype{background:#1f2937;color:#fff}.badge.reported{background:#dcfce7;color:#166534}.badge.planned{background:#e0e7ff;color:#3730a3}.badge.past{background:#f3f4f6;color:#4b5563}
        .conf{font-size:.85em;color:var(--mute)}
        .card dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0}.card dt{color:var(--mute);font-size:.85em;padding-top:2px}.card dd{margin:0}
        .who{margin:1px 0}.role{font-size:.75em;text-transform:uppercase;letter-spacing:.04em;color:var(--mute);margin-left:4px}
        .role.host{color:#b45309}.role.guest{color:#0369a1}.role.mediator{color:#7c3aed}
        .chip{display:inline-block;border-radius:6px;padding:0 7px;border:1px solid var(--line);background:#f9fafb;color:var(--ink);font-size:.9em}
        .chip.per{background:var(--per);border-color:var(--per-b)}.chip.loc{background:var(--loc);border-color:var(--loc-b)}.chip.org{background:var(--org);border-color:var(--org-b)}.chip.misc{background:var(--misc);border-color:var(--misc-b)}
        code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f4f6;border-radius:4px;padding:1px 5px;margin:1px 2px 1px 0;display:inline-block}
        .ev-link{display:block;font-size:.88em;color:#92400e;margin:2px 0}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:10px;overflow:hidden}
        td,th{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}th{font-size:.8em;text-transform:uppercase;letter-spacing:.04em;color:var(--mute);background:#f9fafb}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.nowrap{white-space:nowrap}
        .forms{font-size:.85em;color:#4b5563}.attrs{font-size:.8em;color:var(--mute)}.times{color:var(--mute)}
        main.index{padding:22px 28px;max-width:1500px}.two{display:grid;grid-template-columns:1fr 1fr;gap:24px;margin-top:26px}@media (max-width:900px){.two{grid-template-columns:1fr}}
        .tiles{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0}.tile{background:#fff;border:1px solid var(--line);border-radius:10px;padding:8px 16px;min-width:96px}
        .tile .value{display:block;font-size:1.5rem;font-weight:700}.tile .label{color:var(--mute);font-size:.85em}
        .tile.per{border-top:4px solid var(--per-b)}.tile.loc{border-top:4px solid var(--loc-b)}.tile.org{border-top:4px solid var(--org-b)}.tile.misc{border-top:4px solid var(--misc-b)}.tile.bad{border-top:4px solid #dc2626}
        .error{color:#b91c1c}tr.failed td{background:#fef2f2}.none{color:var(--mute);font-style:italic}.sep{color:var(--mute)}
        footer{color:var(--mute);font-size:.8em;padding:10px 28px 24px}
        """;
}

/// <summary>What the index page needs of each document, and the running tallies of actors and meeting pairs (small: never the documents themselves).</summary>
internal sealed class ReportIndex
{
    private readonly Dictionary<(EntityType Type, string Key), ActorTally> _actors = [];
    private readonly Dictionary<(string, string), PairTally> _pairs = [];

    public List<DocumentRow> Documents { get; } = [];

    public void Add(Document document, string href)
    {
        var byType = document.Entities.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count());
        Documents.Add(new DocumentRow(
            document.Source,
            href,
            document.Metadata.TryGetValue("title", out var title) ? title : null,
            document.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? (document.Metadata.TryGetValue("date", out var date) ? date : null),
            byType,
            document.Events.Length,
            null));

        var docIndex = Documents.Count;
        foreach (var entity in document.Entities)
        {
            var key = (entity.Type, entity.Canonical.ToUpperInvariant());
            if (!_actors.TryGetValue(key, out var tally))
            {
                _actors[key] = tally = new ActorTally(entity.Type, entity.Canonical);
            }

            tally.Mentions += entity.Mentions.Length;
            if (tally.LastDocument != docIndex)
            {
                tally.LastDocument = docIndex;
                tally.Documents++;
            }
        }

        foreach (var meeting in document.Events)
        {
            var names = meeting.Participants.Select(p => document.FindEntity(p.EntityId)?.Canonical ?? p.EntityId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < names.Count; i++)
            {
                for (var j = i + 1; j < names.Count; j++)
                {
                    var key = (names[i], names[j]);
                    if (!_pairs.TryGetValue(key, out var pair))
                    {
                        _pairs[key] = pair = new PairTally(names[i], names[j]);
                    }

                    pair.Meetings++;
                    if (pair.LastDocument != docIndex)
                    {
                        pair.LastDocument = docIndex;
                        pair.Documents++;
                    }
                }
            }
        }
    }

    public void AddError(string? source, string href, string message) =>
        Documents.Add(new DocumentRow(source, href, null, null, [], 0, message));

    public List<ActorTally> TopActors(int count) =>
        [.. _actors.Values.OrderByDescending(a => a.Documents).ThenByDescending(a => a.Mentions).ThenBy(a => a.Name, StringComparer.Ordinal).Take(count)];

    public List<PairTally> TopPairs(int count) =>
        [.. _pairs.Values.OrderByDescending(p => p.Meetings).ThenByDescending(p => p.Documents).ThenBy(p => p.First, StringComparer.Ordinal).Take(count)];

    internal sealed record DocumentRow(string? Source, string Href, string? Title, string? Date, Dictionary<EntityType, int> EntitiesByType, int Events, string? Error);

    internal sealed class ActorTally(EntityType type, string name)
    {
        public EntityType Type { get; } = type;

        public string Name { get; } = name;

        public int Documents { get; set; }

        public int Mentions { get; set; }

        public int LastDocument { get; set; }
    }

    internal sealed class PairTally(string first, string second)
    {
        public string First { get; } = first;

        public string Second { get; } = second;

        public int Meetings { get; set; }

        public int Documents { get; set; }

        public int LastDocument { get; set; }
    }
}
