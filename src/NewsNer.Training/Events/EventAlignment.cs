using NewsNer.Events.Candidates;
using NewsNer.Events.Decisions;
using NewsNer.Events;
using NewsNer.Training.Evaluation.News;

namespace NewsNer.Training.Events;

/// <summary>
/// Reads the training labels of the event decisions off a gold annotation. Gold events name their participants, not
/// their trigger, so a candidate mention is aligned to a gold event when its candidate parties hold enough of the
/// event's participants (as the scorer counts: min(2, |participants|), through the scorer's entity matching), at least
/// one of them in the mention's own sentence or clause analysis, and the mention's sentence is the event's evidence
/// sentence or holds enough of them itself. A mention may state several gold events (« a reçu successivement A, B et
/// C »); mentions aligned to one gold event are the same encounter.
/// </summary>
internal sealed class EventAlignment
{
    private EventAlignment(GoldArticle gold, IReadOnlyDictionary<int, int> entityToGold, List<HashSet<int>> participants, List<int> evidence, List<List<int>> aligned)
    {
        Gold = gold;
        EntityToGold = entityToGold;
        Participants = participants;
        EvidenceSentence = evidence;
        Aligned = aligned;
    }

    public GoldArticle Gold { get; }

    /// <summary>Document entity index → gold entity index.</summary>
    public IReadOnlyDictionary<int, int> EntityToGold { get; }

    /// <summary>For each gold event, the document entities that are its participants.</summary>
    public List<HashSet<int>> Participants { get; }

    /// <summary>For each gold event, the sentence its evidence is (or −1 when not found).</summary>
    public List<int> EvidenceSentence { get; }

    /// <summary>For each candidate mention, the gold events it states, best first.</summary>
    public List<List<int>> Aligned { get; }

    public static EventAlignment Align(GoldArticle gold, Document document, IReadOnlyList<MeetingCandidate> candidates)
    {
        var entityToGold = NewsScorer.AlignEntities(gold, document);
        var goldToEntity = entityToGold.ToDictionary(kv => kv.Value, kv => kv.Key);
        var goldIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < gold.Entities.Count; g++)
        {
            goldIndex[NewsScorer.Normalize(gold.Entities[g].Canonical)] = g;
        }

        var participants = new List<HashSet<int>>();
        var evidence = new List<int>();
        foreach (var goldEvent in gold.Events)
        {
            var set = new HashSet<int>();
            foreach (var name in goldEvent.Participants)
            {
                if (goldIndex.TryGetValue(NewsScorer.Normalize(name), out var g) && goldToEntity.TryGetValue(g, out var entity))
                {
                    set.Add(entity);
                }
            }

            participants.Add(set);
            evidence.Add(goldEvent.Evidence is null ? -1 : EvidenceSentenceOf(document, goldEvent.Evidence));
        }

        var aligned = new List<List<int>>();
        foreach (var candidate in candidates)
        {
            var all = candidate.Parties.Select(p => p.Entity).ToHashSet();
            var local = candidate.Parties.Where(p => (p.Sources & (PartySources.Sentence | PartySources.Clause | PartySources.RuleParty)) != 0).Select(p => p.Entity).ToHashSet();
            var matches = new List<(int Event, int Score, bool Evidence)>();
            for (var g = 0; g < gold.Events.Count; g++)
            {
                var goldParties = participants[g];
                if (goldParties.Count == 0)
                {
                    continue;
                }

                var need = Math.Min(2, gold.Events[g].Participants.Count);
                var overlap = all.Count(goldParties.Contains);
                var localOverlap = local.Count(goldParties.Contains);
                var evidenceSentence = evidence[g] == candidate.Mention.Sentence;
                if (overlap >= need && localOverlap >= 1 && (evidenceSentence || localOverlap >= need))
                {
                    matches.Add((g, (10 * localOverlap) + overlap + (4 * Compatibility(candidate.Mention, gold.Events[g], document)), evidenceSentence));
                }
            }

            // A sentence stating several gold events states them all (« a reçu successivement A, B et C »); elsewhere a
            // mention is about one encounter: of the gold events with its parties (the same two leaders may meet, call
            // and plan to meet again in one article), the one whose kind, status, date and place agree best.
            var evidenced = matches.Where(m => m.Evidence).ToList();
            aligned.Add(evidenced.Count > 0
                ? [.. evidenced.OrderByDescending(m => m.Score).ThenBy(m => m.Event).Select(m => m.Event)]
                : [.. matches.OrderByDescending(m => m.Score).ThenBy(m => m.Event).Take(1).Select(m => m.Event)]);
        }

        return new EventAlignment(gold, entityToGold, participants, evidence, aligned);
    }

    /// <summary>How well a mention agrees with a gold event beyond its parties: kind (phone, summit, in person), status, date, place.</summary>
    private static int Compatibility(MeetingMention mention, GoldEvent goldEvent, Document document)
    {
        var score = 0;
        var goldFamily = goldEvent.Subtype switch { "phone_call" => 1, "summit" => 2, _ => 0 };
        var family = mention.IsPhone ? 1 : mention.IsSummit ? 2 : 0;
        score += family == goldFamily ? 2 : 0;
        var status = mention.Status switch { EventStatus.Planned => "planned", EventStatus.Past => "past", _ => "reported" };
        score += status == goldEvent.Status ? 1 : 0;
        if (mention.Date is { } date && DateMatches(goldEvent.Date, document.Text[date.Start..date.End]))
        {
            score += 1;
        }

        return score;
    }

    /// <summary>The gold role class of a candidate party of an aligned mention (<see cref="RoleClass"/>).</summary>
    public int RoleOf(int mention, int entity)
    {
        foreach (var g in Aligned[mention])
        {
            if (!Participants[g].Contains(entity))
            {
                continue;
            }

            var goldEvent = Gold.Events[g];
            var name = EntityToGold.TryGetValue(entity, out var gi) ? NewsScorer.Normalize(Gold.Entities[gi].Canonical) : null;
            if (name is not null && goldEvent.Host is { } host && NewsScorer.Normalize(host) == name)
            {
                return RoleClass.Host;
            }

            if (name is not null && goldEvent.Guests.Any(guest => NewsScorer.Normalize(guest) == name))
            {
                return RoleClass.Guest;
            }

            return RoleClass.Participant;
        }

        return RoleClass.None;
    }

    /// <summary>Whether a place phrase is the gold location of an event, as the scorer compares them.</summary>
    public static bool PlaceMatches(string? goldLocation, string text)
    {
        var predicted = NewsScorer.Normalize(text);
        return goldLocation is not null && predicted.Length > 0
            && goldLocation.Split(',').Select(x => NewsScorer.Normalize(x)).Any(x => predicted.Contains(x, StringComparison.Ordinal) || x.Contains(predicted, StringComparison.Ordinal));
    }

    /// <summary>Whether a date phrase is the gold date of an event, as the scorer compares them.</summary>
    public static bool DateMatches(string? goldDate, string text)
    {
        var predicted = NewsScorer.Normalize(text).ToLowerInvariant();
        var gold = NewsScorer.Normalize(goldDate).ToLowerInvariant();
        return goldDate is not null && predicted.Length > 0 && (gold.Contains(predicted, StringComparison.Ordinal) || predicted.Contains(gold, StringComparison.Ordinal));
    }

    /// <summary>The sentence of a document that an evidence string was copied from (a leading dateline may be cut), or −1.</summary>
    public static int EvidenceSentenceOf(Document document, string evidence)
    {
        var needle = NewsScorer.Normalize(evidence);
        var probe = needle.Length > 60 ? needle[^60..] : needle;
        var best = -1;
        for (var s = 0; s < document.Sentences.Length; s++)
        {
            var text = NewsScorer.Normalize(document.GetText(document.Sentences[s]));
            if (text.Contains(probe, StringComparison.Ordinal) || (text.Length > 20 && needle.Contains(text, StringComparison.Ordinal)))
            {
                best = s;
                break;
            }
        }

        return best;
    }
}
