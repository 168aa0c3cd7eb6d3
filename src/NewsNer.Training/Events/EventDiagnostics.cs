using System.Globalization;
using NewsNer.Events.Candidates;
using NewsNer.Events.Decisions;
using NewsNer.Events.Reading;
using NewsNer.Events;
using NewsNer.Training.Evaluation.News;

namespace NewsNer.Training.Events;

/// <summary>
/// Error analysis of the learned event layer on scored articles: each missed gold event and each false alarm gets the
/// stage that lost it (no candidate mention reached it, the meeting decision dropped its mentions, the role decision
/// missed its parties, the merge joined it with another encounter or split it), with counts per stage and one line per
/// error. For the folds one may look at only: never run it on the fold kept unread.
/// </summary>
public static class EventDiagnostics
{
    /// <summary>Writes the analysis of <paramref name="articles"/> processed with a pipeline trained without them.</summary>
    public static void Write(NewsPipeline linking, Stream model, IEnumerable<NewsArticle> articles, IReadOnlyDictionary<string, GoldArticle> gold, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Write(linking, EventModel.Read(model), articles, gold, output);
    }

    internal static void Write(NewsPipeline linking, EventModel model, IEnumerable<NewsArticle> articles, IReadOnlyDictionary<string, GoldArticle> gold, TextWriter output)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var lines = new List<string>();
        var full = EventModelTrainer.WithEvents(linking, model);
        foreach (var article in articles)
        {
            var publication = article.Options.PublicationDate;
            var state = linking.Annotate(article.Text, article.Options);
            if (state.Linking is not { } linked || linked.Entities.Count == 0)
            {
                continue;
            }

            var document = full.Process(article.Text, article.Options);
            var goldArticle = gold[article.Id];
            var score = NewsScorer.Score(goldArticle, document);
            var reading = MeetingExtractor.Default.Read(new EventDocumentIndex(linked, publication));
            var index = reading.Index;
            var statistics = DocumentStatistics.Of(index);
            var candidates = CandidateBuilder.Build(index, statistics, reading.Mentions);
            var alignment = EventAlignment.Align(goldArticle, NewsPipeline.ToDocument(state), candidates);
            var decided = LearnedMeetingAssembler.Decide(index, statistics, candidates, model);
            var units = LearnedMeetingAssembler.Split(reading.Parties, statistics, decided.Where(d => d.Meeting >= model.MeetingThreshold), model);
            var clusters = LearnedMeetingAssembler.InTextOrder(LearnedMeetingAssembler.Consolidate(LearnedMeetingAssembler.Merge(index, units, model)));
            string Name(int entity) => linked.Entities[entity].Canonical;

            // Recall apart for the gold events told in one sentence with another (« a reçu successivement A, B et C »):
            // they are the ones the merge and the split decide, and one sentence may hold many of them.
            var missedEvents = score.MissedGoldEvents.ToHashSet();
            var sharing = EventsSharingEvidence(goldArticle);
            for (var g = 0; g < goldArticle.Events.Count; g++)
            {
                Count(counts, $"13 recall: gold events {(sharing.Contains(g) ? "sharing their evidence sentence with another" : "alone in their evidence sentence")}: {(missedEvents.Contains(g) ? "missed" : "found")}");
            }

            foreach (var g in score.MissedGoldEvents)
            {
                var goldEvent = goldArticle.Events[g];
                var need = Math.Min(2, goldEvent.Participants.Count);
                var reaching = Enumerable.Range(0, candidates.Count).Where(i => alignment.Aligned[i].Contains(g)).ToList();
                string stage;
                var details = string.Empty;
                if (alignment.Participants[g].Count < need)
                {
                    stage = "1 entities: participants not recognized or not linked";
                }
                else if (reaching.Count == 0)
                {
                    stage = candidates.Any(c => c.Mention.Sentence == alignment.EvidenceSentence[g]) ? "2 candidates: the evidence sentence's trigger lacks the parties" : "2 candidates: no trigger in the evidence sentence";
                }
                else if (reaching.All(i => decided[i].Meeting < model.MeetingThreshold))
                {
                    stage = "3 meeting decision: every aligned mention dropped";
                }
                else if (reaching.Where(i => decided[i].Meeting >= model.MeetingThreshold).All(i => decided[i].Parties.Keys.Count(alignment.Participants[g].Contains) < need))
                {
                    stage = "4 role decision: parties missed";
                }
                else
                {
                    var eventClusters = clusters.Where(c => c.Any(m => m.Parties.Count > 0)).ToList();
                    var holding = eventClusters.Select((c, e) => (c, e)).Where(x => x.c.Any(m => candidates.IndexOf(m.Candidate) is var i && reaching.Contains(i) && m.Parties.Keys.Count(alignment.Participants[g].Contains) >= need)).Select(x => x.e).ToList();
                    var goldOfHolding = holding.Select(e => score.Events[e].Gold).ToList();
                    stage = holding.Count == 0 ? "5 merge: split into units that lost the pair"
                        : goldOfHolding.All(x => x >= 0 && x != g) ? "5 merge: joined with another encounter (matched there)"
                        : goldOfHolding.Any(x => x < 0) ? "5 merge: in an event that matched nothing"
                        : "5 merge: other";
                    stage += string.Create(CultureInfo.InvariantCulture, $" ");
                    details = string.Join(" || ", holding.Select(e => $"event {e} -> gold {score.Events[e].Gold}: [{string.Join(", ", document.Events[e].Participants.Select(p => document.FindEntity(p.EntityId)?.Canonical))}] {document.Events[e].Status}"));
                }

                Count(counts, "missed " + stage);
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"[{article.Id}] MISSED ({stage}) {goldEvent.Subtype} {goldEvent.Status} [{string.Join("; ", goldEvent.Participants)}]\n    evidence: {Cut(goldEvent.Evidence)}\n    mentions: {string.Join(" | ", reaching.Select(i => $"s{candidates[i].Mention.Sentence} {candidates[i].Mention.Trigger.Lemma} p={decided[i].Meeting:0.00} parties=[{string.Join(", ", decided[i].Parties.Select(p => $"{Name(p.Key)}:{p.Value}"))}]"))}\n    events: {details}"));
            }

            var eventClusters2 = clusters.Where(c => c.Any(m => m.Parties.Count > 0)).ToList();
            foreach (var match in score.Events.Where(m => m.Gold >= 0 && !m.StatusCorrect))
            {
                var meeting = document.Events[match.Predicted];
                var goldEvent = goldArticle.Events[match.Gold];
                var votes = string.Join(" | ", eventClusters2[match.Predicted].Select(m => string.Create(CultureInfo.InvariantCulture, $"s{m.Mention.Sentence} '{linked.View.Text[linked.View.Tokens[m.Mention.TriggerStart].Start..linked.View.Tokens[m.Mention.TriggerEnd - 1].End]}' rule={m.Mention.Status} p=[{m.Status[0]:0.00} {m.Status[1]:0.00} {m.Status[2]:0.00}] meet={m.Meeting:0.00}")));
                var stage = $"9 status: {goldEvent.Status} read as {meeting.Status.ToString().ToLowerInvariant()}";
                Count(counts, stage);
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"[{article.Id}] STATUS ({stage}) trigger={meeting.Trigger?.Text} date={meeting.Date?.Text} pub={publication}\n    gold evidence: {Cut(goldEvent.Evidence)}\n    mentions: {votes}"));
            }

            foreach (var match in score.Events.Where(m => m.Gold >= 0 && m.HostCorrect == false))
            {
                var meeting = document.Events[match.Predicted];
                var goldEvent = goldArticle.Events[match.Gold];
                var host = meeting.Participants.Where(p => p.Role == ParticipantRole.Host).Select(p => document.FindEntity(p.EntityId)?.Canonical).FirstOrDefault();
                var stage = host is null ? "10 host: none given" : meeting.Participants.Any(p => NewsScorer.Normalize(document.FindEntity(p.EntityId)?.Canonical) == NewsScorer.Normalize(goldEvent.Host)) ? "10 host: the gold host is a party with another role" : "10 host: another party, the gold host not a party";
                Count(counts, stage);
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"[{article.Id}] HOST ({stage}) gold host {goldEvent.Host} [{string.Join("; ", goldEvent.Participants)}] {goldEvent.Subtype}; ours [{string.Join("; ", meeting.Participants.Select(p => $"{document.FindEntity(p.EntityId)?.Canonical}:{p.Role}"))}] {meeting.Subtype}\n    gold evidence: {Cut(goldEvent.Evidence)}"));
            }

            foreach (var match in score.Events.Where(m => m.Gold >= 0 && (m.LocationCorrect == false || m.DateCorrect == false)))
            {
                var meeting = document.Events[match.Predicted];
                var goldEvent = goldArticle.Events[match.Gold];
                if (match.LocationCorrect == false)
                {
                    var stage = meeting.Location is null ? "11 place: none given" : "11 place: another place";
                    Count(counts, stage);
                    lines.Add($"[{article.Id}] PLACE ({stage}) gold '{goldEvent.Location}' ours '{meeting.Location?.Text}'\n    gold evidence: {Cut(goldEvent.Evidence)}");
                }

                if (match.DateCorrect == false)
                {
                    var stage = meeting.Date is null ? "12 date: none given" : "12 date: another date";
                    Count(counts, stage);
                    lines.Add($"[{article.Id}] DATE ({stage}) gold '{goldEvent.Date}' ours '{meeting.Date?.Text}'\n    gold evidence: {Cut(goldEvent.Evidence)}");
                }
            }

            foreach (var match in score.Events.Where(m => m.Gold < 0))
            {
                var meeting = document.Events[match.Predicted];
                var cluster = clusters.Where(c => c.Any(m => m.Parties.Count > 0)).ElementAt(match.Predicted);
                var alignedTo = cluster.SelectMany(m => alignment.Aligned[candidates.IndexOf(m.Candidate)]).Distinct().ToList();
                var stage = alignedTo.Count == 0 ? "6 meeting decision: no gold meeting there"
                    : score.Events.Any(m => m.Gold >= 0 && alignedTo.Contains(m.Gold)) ? "7 merge: a second event for one encounter"
                    : "8 role decision: wrong parties";
                Count(counts, "false alarm " + stage);
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"[{article.Id}] FALSE ({stage}) {meeting.Subtype} {meeting.Status} conf={meeting.Confidence:0.00} [{string.Join("; ", meeting.Participants.Select(p => $"{document.FindEntity(p.EntityId)?.Canonical}:{p.Role}"))}] trigger={meeting.Trigger?.Text}\n    evidence: {Cut(document.GetText(meeting.Evidence[0]))}"));
            }
        }

        foreach (var (stage, count) in counts)
        {
            output.WriteLine($"{count,5}  {stage}");
        }

        output.WriteLine();
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>The gold events whose evidence sentence is also the evidence of another gold event of the article.</summary>
    internal static HashSet<int> EventsSharingEvidence(GoldArticle gold)
    {
        var byEvidence = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var g = 0; g < gold.Events.Count; g++)
        {
            if (gold.Events[g].Evidence is { Length: > 0 } evidence)
            {
                var key = NewsScorer.Normalize(evidence);
                (byEvidence.TryGetValue(key, out var list) ? list : byEvidence[key] = []).Add(g);
            }
        }

        return [.. byEvidence.Values.Where(list => list.Count > 1).SelectMany(list => list)];
    }

    private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Cut(string? text) => text is null ? string.Empty : text.Length > 260 ? text[..260] + "…" : text;
}
