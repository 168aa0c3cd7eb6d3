using System.Text;
using System.Text.RegularExpressions;
using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Serialization;

namespace NewsNer.Training.Evaluation.News;

/// <summary>
/// Scores a predicted <see cref="Document"/> against a <see cref="GoldArticle"/> exactly as
/// <c>../shared/tools/score_news.py</c> scores the document's <c>newsner/1</c> JSON: entity clusters match gold entities
/// of the same type through one shared surface form (greedy, one-to-one, MISC ignored); a predicted meeting matches
/// the first unused gold event sharing at least min(2, |gold participants|) participants through the entity matching;
/// host, status, location and date are compared on matched events only. A test and the events gate check that the
/// figures agree with the Python scorer on the same outputs.
/// </summary>
public static partial class NewsScorer
{
    /// <summary>Scores one article.</summary>
    public static ArticleScore Score(GoldArticle gold, Document predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var goldForms = gold.Entities.Select(g => new HashSet<string>(g.Mentions.Append(g.Canonical).Select(Normalize), StringComparer.Ordinal)).ToList();
        var predictions = PredictedEntities(predicted);
        var entityMatch = MatchEntities(gold, goldForms, predictions);

        // score_news.py: gidx = {norm(canonical): index}; a later duplicate canonical wins.
        var goldIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < gold.Entities.Count; g++)
        {
            goldIndex[Normalize(gold.Entities[g].Canonical)] = g;
        }

        int? Resolve(string? entityId)
        {
            if (entityId is null)
            {
                return null;
            }

            for (var p = 0; p < predictions.Count; p++)
            {
                if (predictions[p].Id == entityId)
                {
                    return entityMatch.TryGetValue(p, out var g) ? g : null;
                }
            }

            return null;
        }

        var goldParticipants = gold.Events
            .Select(e => e.Participants.Select(n => goldIndex.TryGetValue(Normalize(n), out var g) ? g : -1).Where(g => g >= 0).ToHashSet())
            .ToList();
        var used = new HashSet<int>();
        var matches = new List<EventMatch>();
        for (var v = 0; v < predicted.Events.Length; v++)
        {
            var meeting = predicted.Events[v];
            var resolved = meeting.Participants.Select(p => Resolve(p.EntityId)).OfType<int>().ToHashSet();
            var matched = -1;
            for (var k = 0; k < gold.Events.Count; k++)
            {
                if (used.Contains(k))
                {
                    continue;
                }

                var need = goldParticipants[k].Count == 0 ? int.MaxValue : Math.Min(2, goldParticipants[k].Count);
                if (resolved.Count(goldParticipants[k].Contains) >= need)
                {
                    matched = k;
                    break;
                }
            }

            if (matched < 0)
            {
                matches.Add(new EventMatch(v, -1, null, false, null, null));
                continue;
            }

            used.Add(matched);
            var goldEvent = gold.Events[matched];
            bool? hostCorrect = null, locationCorrect = null, dateCorrect = null;
            if (!string.IsNullOrEmpty(goldEvent.Host))
            {
                var host = meeting.Participants.FirstOrDefault(p => p.Role == ParticipantRole.Host);
                int? predictedHost = host.EntityId is null ? null : Resolve(host.EntityId);
                int? goldHost = goldIndex.TryGetValue(Normalize(goldEvent.Host), out var h) ? h : null;
                hostCorrect = predictedHost == goldHost;
            }

            var statusCorrect = JsonNames<EventStatus>.Get(meeting.Status) == goldEvent.Status;
            if (!string.IsNullOrEmpty(goldEvent.Location))
            {
                var text = Normalize(meeting.Location?.Text);
                locationCorrect = text.Length > 0 && PlaceSeparator().Split(goldEvent.Location).Any(x => text.Contains(Normalize(x), StringComparison.Ordinal) || Normalize(x).Contains(text, StringComparison.Ordinal));
            }

            if (!string.IsNullOrEmpty(goldEvent.Date))
            {
                var text = Normalize(meeting.Date?.Text).ToLowerInvariant();
                var goldDate = Normalize(goldEvent.Date).ToLowerInvariant();
                dateCorrect = text.Length > 0 && (goldDate.Contains(text, StringComparison.Ordinal) || text.Contains(goldDate, StringComparison.Ordinal));
            }

            matches.Add(new EventMatch(v, matched, hostCorrect, statusCorrect, locationCorrect, dateCorrect));
        }

        return new ArticleScore(gold, predicted, predictions.Select(p => p.Type).ToList(), entityMatch, matches);
    }

    /// <summary>
    /// The scorer's entity matching as document entity index → gold entity index (MISC entities never match): what a
    /// learned decision's training labels are read through.
    /// </summary>
    public static IReadOnlyDictionary<int, int> AlignEntities(GoldArticle gold, Document predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var goldForms = gold.Entities.Select(g => new HashSet<string>(g.Mentions.Append(g.Canonical).Select(Normalize), StringComparer.Ordinal)).ToList();
        var predictions = PredictedEntities(predicted);
        var byId = predicted.Entities.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return MatchEntities(gold, goldForms, predictions).ToDictionary(kv => byId[predictions[kv.Key].Id], kv => kv.Value);
    }

    /// <summary>
    /// score_news.py's <c>norm</c>: NFC, typographic apostrophe and no-break space made plain, spaces collapsed, trimmed.
    /// NewsNer runs with invariant globalization, where <see cref="string.Normalize()"/> leaves decomposed accents as
    /// they are; the annotated sets hold none (checked: no combining mark in events-train or events-dev).
    /// </summary>
    public static string Normalize(string? text)
    {
        var value = (text ?? string.Empty).Normalize(NormalizationForm.FormC).Replace('\u2019', '\'').Replace('\u00a0', ' ');
        return Whitespace().Replace(value, " ").Trim();
    }

    private sealed record PredictedEntity(string Id, string Type, HashSet<string> Forms);

    private static List<PredictedEntity> PredictedEntities(Document document)
    {
        var result = new List<PredictedEntity>();
        foreach (var entity in document.Entities)
        {
            if (entity.Type == EntityType.Misc)
            {
                continue; // the gold annotates PER, LOC and ORG only; MISC predictions are neither hits nor false alarms
            }

            var forms = new HashSet<string>(StringComparer.Ordinal);
            foreach (var mention in entity.Mentions)
            {
                forms.Add(Normalize(document.GetText(mention)));
            }

            forms.Add(Normalize(entity.Canonical));
            forms.Remove(string.Empty);
            result.Add(new PredictedEntity(entity.Id, entity.Type.ToLabel(), forms));
        }

        return result;
    }

    private static Dictionary<int, int> MatchEntities(GoldArticle gold, List<HashSet<string>> goldForms, List<PredictedEntity> predictions)
    {
        var pairs = new Dictionary<int, int>();
        var used = new HashSet<int>();
        for (var p = 0; p < predictions.Count; p++)
        {
            for (var g = 0; g < gold.Entities.Count; g++)
            {
                if (used.Contains(g) || gold.Entities[g].Type != predictions[p].Type)
                {
                    continue;
                }

                if (predictions[p].Forms.Overlaps(goldForms[g]))
                {
                    pairs[p] = g;
                    used.Add(g);
                    break;
                }
            }
        }

        return pairs;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@",\s*")]
    private static partial Regex PlaceSeparator();
}

/// <summary>How one predicted meeting fared: the gold event it matched (or -1) and, when matched, which arguments were right.</summary>
/// <param name="Predicted">Index into the document's events.</param>
/// <param name="Gold">Index into the gold events, or -1 for a false alarm.</param>
/// <param name="HostCorrect">Null when the gold event has no host.</param>
/// <param name="StatusCorrect">Whether the status equals the gold status (false when unmatched).</param>
/// <param name="LocationCorrect">Null when the gold event has no location.</param>
/// <param name="DateCorrect">Null when the gold event has no date.</param>
public sealed record EventMatch(int Predicted, int Gold, bool? HostCorrect, bool StatusCorrect, bool? LocationCorrect, bool? DateCorrect);

/// <summary>The scoring of one article: entity and event matches, with the inputs kept for error analysis.</summary>
public sealed class ArticleScore
{
    internal ArticleScore(GoldArticle gold, Document predicted, List<string> predictedTypes, Dictionary<int, int> entityMatch, List<EventMatch> events)
    {
        Gold = gold;
        Predicted = predicted;
        PredictedEntityTypes = predictedTypes;
        EntityMatch = entityMatch;
        Events = events;
    }

    /// <summary>The gold annotation.</summary>
    public GoldArticle Gold { get; }

    /// <summary>The predicted document.</summary>
    public Document Predicted { get; }

    /// <summary>Types of the scored predicted entities (MISC left out), in document order.</summary>
    public IReadOnlyList<string> PredictedEntityTypes { get; }

    /// <summary>Scored predicted entity index → gold entity index, for the matched ones.</summary>
    public IReadOnlyDictionary<int, int> EntityMatch { get; }

    /// <summary>One entry per predicted meeting, in document order.</summary>
    public IReadOnlyList<EventMatch> Events { get; }

    /// <summary>Gold events no prediction matched.</summary>
    public IEnumerable<int> MissedGoldEvents => Enumerable.Range(0, Gold.Events.Count).Except(Events.Where(e => e.Gold >= 0).Select(e => e.Gold));
}
