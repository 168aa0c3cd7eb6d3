using System.Text;
using NewsNer.Entities;
using NewsNer.Events;

namespace NewsNer.Tests.TestSupport;

/// <summary>Compact, readable one-line-per-item dumps of entities and events, for assertions and failure messages.</summary>
internal static class Dump
{
    public static string Entities(Document doc)
    {
        var builder = new StringBuilder();
        foreach (var entity in doc.Entities)
        {
            builder.Append(entity.Id).Append(' ').Append(entity.Type.ToLabel()).Append(' ').Append(entity.Canonical)
                .Append(" [").Append(string.Join(" | ", entity.Mentions.Select(m => (m.Kind == MentionKind.Nominal ? "~" : "") + doc.GetText(m)).Distinct())).Append(']');
            if (entity.Roles.Length > 0)
            {
                builder.Append(" roles=").Append(string.Join(",", entity.Roles));
            }

            builder.Append(entity.Country is null ? "" : " country=" + entity.Country)
                .Append(entity.Kind is null ? "" : " kind=" + entity.Kind)
                .Append(entity.ActorCode is null ? "" : " actor=" + entity.ActorCode)
                .AppendLine();
        }

        return builder.ToString();
    }

    public static string Events(Document doc)
    {
        var builder = new StringBuilder();
        foreach (var meeting in doc.Events)
        {
            string Name(string id) => doc.FindEntity(id)?.Canonical ?? id;
            builder.Append(meeting.Id).Append(' ').Append(meeting.Subtype).Append(' ').Append(meeting.Status)
                .Append(" parties=").Append(string.Join(", ", meeting.Participants.Select(p => $"{Name(p.EntityId)}:{p.Role}")));
            if (meeting.Delegation.Length > 0)
            {
                builder.Append(" delegation=").Append(string.Join(", ", meeting.Delegation.Select(Name)));
            }

            builder.Append(" places=").Append(string.Join(", ", meeting.Places.Select(p => p.Text)))
                .Append(" date=").Append(meeting.Date is null ? "-" : $"{meeting.Date.Text}({meeting.Date.Value ?? "?"})")
                .Append(" trigger=").Append(meeting.Trigger?.Text)
                .Append(" cameo=").Append(string.Join(",", meeting.Cameo.Select(c => $"{c.Code}:{c.SourceActor ?? "?"}>{c.TargetActor ?? "?"}")))
                .Append(" plover=").Append(meeting.Plover is null ? "-" : $"{meeting.Plover.Category}/{meeting.Plover.Mode}")
                .Append(" conf=").Append(meeting.Confidence.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
            foreach (var topic in meeting.Topics)
            {
                builder.Append(" topic=«").Append(topic.Text).Append('»');
            }

            builder.AppendLine();
        }

        return builder.ToString();
    }
}
