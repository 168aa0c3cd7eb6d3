using NewsNer.Entities.Linking;
using NewsNer.Events.Candidates;
using NewsNer.Events.Decisions;
using NewsNer.Events.Reading;
using NewsNer.Events;
using NewsNer.Pipeline;
using NewsNer.Training.Evaluation.News;

namespace NewsNer.Training.Events;

/// <summary>One training example of a decision: its features (sorted slots) and its class.</summary>
/// <param name="Indices">The feature slots, ascending.</param>
/// <param name="Values">The value of each slot.</param>
/// <param name="Label">The class (1 = yes for a two-class decision).</param>
/// <param name="Article">The article it comes from (folds are made by article).</param>
/// <param name="Rule">The class the rules give it (the baseline each learned decision is compared with).</param>
internal sealed record Example(int[] Indices, float[] Values, int Label, string Article, int Rule)
{
    public static Example From(FeatureVector features, int label, string article, int rule)
    {
        features.Sort();
        return new Example(features.Indices.ToArray(), features.Values.ToArray(), label, article, rule);
    }
}

/// <summary>The decisions of the event layer, by name.</summary>
public enum EventDecision
{
    /// <summary>Whether a mention states a meeting.</summary>
    Meeting,

    /// <summary>A mention's status.</summary>
    Status,

    /// <summary>Whether a candidate takes part.</summary>
    Party,

    /// <summary>A party's role (host, guest, participant).</summary>
    Role,

    /// <summary>Whether two mentions are one encounter.</summary>
    SameEncounter,

    /// <summary>Whether a place is the meeting's.</summary>
    Place,

    /// <summary>Whether a date expression is the meeting's.</summary>
    Date,

    /// <summary>Whether a mention of three parties or more states one encounter per party met.</summary>
    Split,

    /// <summary>Whether a party of an encounter is its host.</summary>
    Host,

    /// <summary>An encounter's status.</summary>
    MeetingStatus,
}

/// <summary>One training article read through the library: its candidates and their alignment to the gold events.</summary>
internal sealed class TrainingArticle
{
    public required NewsArticle Article { get; init; }

    public required EventDocumentIndex Index { get; init; }

    public required DocumentStatistics Statistics { get; init; }

    public required List<MeetingCandidate> Candidates { get; init; }

    public required EventAlignment Alignment { get; init; }

    public required LexicalView View { get; init; }

    /// <summary>The article through linking (no events), to score events assembled for it.</summary>
    public required AnnotationState State { get; init; }

    /// <summary>The trigger mentions read in it, to assemble its events.</summary>
    public required MentionReading Reading { get; init; }

    public GoldArticle Gold => Alignment.Gold;

    public DateOnly? Publication => Article.Options.PublicationDate;
}

/// <summary>
/// The training examples of the event decisions, read from annotated articles through the library's own candidate and
/// feature code, labelled by <see cref="EventAlignment"/>. The decisions form a cascade: whether a mention states a
/// meeting, its status and each candidate's role are read off the candidates (<see cref="FirstStage"/>); the split,
/// the same-encounter, the place and the date decisions act on what the first ones decided, so their examples are
/// built from first-stage predictions made without the article (<see cref="SecondStage"/>, cross-fitted by the
/// trainer) — the situation they meet when serving.
/// </summary>
internal static class EventExamples
{
    /// <summary>Number of classes of each decision.</summary>
    public static int Classes(EventDecision decision) => decision switch
    {
        EventDecision.Status or EventDecision.MeetingStatus => 3,
        EventDecision.Role => RoleClass.Count - 1,
        _ => 2,
    };

    /// <summary>Reads the candidates of articles processed by <paramref name="pipeline"/> (a pipeline without the event stage).</summary>
    public static List<TrainingArticle> Read(NewsPipeline pipeline, IEnumerable<NewsArticle> articles, IReadOnlyDictionary<string, GoldArticle> gold)
    {
        var list = articles.ToList();
        var read = new TrainingArticle?[list.Count];
        Parallel.For(0, list.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => read[i] = ReadOne(pipeline, list[i], gold[list[i].Id]));
        return [.. read.OfType<TrainingArticle>()];
    }

    private static TrainingArticle? ReadOne(NewsPipeline pipeline, NewsArticle article, GoldArticle gold)
    {
        var state = pipeline.Annotate(article.Text, article.Options);
        if (state.Linking is not { } linking || linking.Entities.Count == 0)
        {
            return null;
        }

        var reading = MeetingExtractor.Default.Read(new EventDocumentIndex(linking, article.Options.PublicationDate));
        var statistics = DocumentStatistics.Of(reading.Index);
        var candidates = CandidateBuilder.Build(reading.Index, statistics, reading.Mentions);
        return new TrainingArticle
        {
            Article = article,
            Index = reading.Index,
            Statistics = statistics,
            Candidates = candidates,
            Alignment = EventAlignment.Align(gold, NewsPipeline.ToDocument(state), candidates),
            View = linking.View,
            State = state,
            Reading = reading,
        };
    }

    /// <summary>Examples of the first-stage decisions (status, party, role), from the gold alignment.</summary>
    public static Dictionary<EventDecision, List<Example>> FirstStage(IEnumerable<TrainingArticle> articles)
    {
        var examples = new Dictionary<EventDecision, List<Example>> { [EventDecision.Status] = [], [EventDecision.Party] = [], [EventDecision.Role] = [] };
        var features = new FeatureVector();
        foreach (var article in articles)
        {
            var candidates = article.Candidates;
            for (var i = 0; i < candidates.Count; i++)
            {
                var candidate = candidates[i];
                var aligned = article.Alignment.Aligned[i];
                features.Clear();
                MentionFeatures.Build(article.Index, candidate, LearnedMeetingAssembler.MentionsInSentence(candidates, i), null, features);
                if (aligned.Count == 0)
                {
                    continue;
                }

                examples[EventDecision.Status].Add(Example.From(features, (int)StatusOf(article.Gold.Events[aligned[0]]), article.Article.Id, (int)candidate.Mention.Status));
                foreach (var party in candidate.Parties)
                {
                    features.Clear();
                    PartyFeatures.Build(article.Index, article.Statistics, candidate, party, features);
                    var role = article.Alignment.RoleOf(i, party.Entity);
                    var ruleRole = party.RuleRole is { } rule ? RoleClass.Of(rule) : RoleClass.None;
                    examples[EventDecision.Party].Add(Example.From(features, role == RoleClass.None ? 0 : 1, article.Article.Id, ruleRole == RoleClass.None ? 0 : 1));
                    if (role != RoleClass.None)
                    {
                        examples[EventDecision.Role].Add(Example.From(features, role - 1, article.Article.Id, ruleRole == RoleClass.None ? RoleClass.Participant - 1 : ruleRole - 1));
                    }
                }
            }
        }

        return examples;
    }

    /// <summary>
    /// Examples of the second-stage decisions (meeting, split, same encounter, place, date) from first-stage decisions the
    /// article was not trained on: each article comes with every candidate mention's decisions
    /// (in candidate order).
    /// </summary>
    public static Dictionary<EventDecision, List<Example>> SecondStage(IEnumerable<(TrainingArticle Article, List<DecidedMention> Decided)> articles)
    {
        var examples = new Dictionary<EventDecision, List<Example>>
        {
            [EventDecision.Meeting] = [], [EventDecision.Split] = [], [EventDecision.SameEncounter] = [], [EventDecision.Place] = [], [EventDecision.Date] = [],
            [EventDecision.Host] = [], [EventDecision.MeetingStatus] = [],
        };
        var features = new FeatureVector();
        foreach (var (article, decided) in articles)
        {
            var alignment = article.Alignment;
            var document = DocumentMentionSummary.Of(article.Candidates);
            var pairs = PartyPairCounts.Of(decided);
            var units = new List<(DecidedMention Unit, HashSet<int> Events)>();
            for (var i = 0; i < decided.Count; i++)
            {
                var mention = decided[i];
                var aligned = alignment.Aligned[i];
                features.Clear();
                MentionFeatures.Build(article.Index, mention.Candidate, LearnedMeetingAssembler.MentionsInSentence(article.Candidates, i), document, features);
                MentionFeatures.AddPartySummary(article.Index, mention, pairs.Support(i), features);
                var rule = mention.Mention.Dropped is null && mention.Mention.Parties.Count > 0 ? 1 : 0;
                examples[EventDecision.Meeting].Add(Example.From(features, aligned.Count > 0 ? 1 : 0, article.Article.Id, rule));
                if (aligned.Count == 0)
                {
                    continue;
                }

                // The gold events this mention's decided parties reach, as the scorer would count them.
                var reached = aligned.Where(g => Reaches(alignment, g, mention.Parties.Keys)).ToList();
                var best = article.Gold.Events[aligned[0]];
                foreach (var place in mention.Candidate.Places)
                {
                    features.Clear();
                    ArgumentFeatures.Place(article.Index, article.Statistics, mention.Candidate, place, mention.Parties, features);
                    var text = MeetingAssembly.Argument(article.Index, place).Text;
                    examples[EventDecision.Place].Add(Example.From(features, EventAlignment.PlaceMatches(best.Location, text) ? 1 : 0, article.Article.Id, mention.Mention.Places.Count > 0 && ReferenceEquals(mention.Mention.Places[0], place) ? 1 : 0));
                }

                foreach (var date in mention.Candidate.Dates)
                {
                    features.Clear();
                    ArgumentFeatures.Date(article.Index, mention.Candidate, date, mention.DecidedStatus, features);
                    var text = article.View.Text[date.Start..date.End];
                    examples[EventDecision.Date].Add(Example.From(features, EventAlignment.DateMatches(best.Date, text) ? 1 : 0, article.Article.Id, ReferenceEquals(mention.Mention.Date, date) ? 1 : 0));
                }

                var split = false;
                if (mention.Parties.Count >= 3)
                {
                    split = reached.Count >= 2;
                    features.Clear();
                    MentionFeatures.BuildSplit(article.Index, mention.Candidate, mention.Parties, features);
                    examples[EventDecision.Split].Add(Example.From(features, split ? 1 : 0, article.Article.Id, 0));
                }

                if (!split)
                {
                    units.Add((mention, [.. reached.Count > 0 ? reached : aligned]));
                    continue;
                }

                // Split as the assembler splits: the anchor with each other party, each unit stating the gold events it reaches.
                var anchor = LearnedMeetingAssembler.Anchor(article.Statistics, mention);
                foreach (var other in mention.Parties.Keys.Where(e => e != anchor).Order())
                {
                    var pair = new[] { anchor, other };
                    var unit = new DecidedMention { Candidate = mention.Candidate, Meeting = mention.Meeting };
                    mention.Status.CopyTo(unit.Status, 0);
                    foreach (var entity in pair)
                    {
                        unit.Roles[entity] = mention.Roles[entity];
                        unit.Parties[entity] = mention.Parties[entity];
                    }

                    units.Add((unit, [.. aligned.Where(g => Reaches(alignment, g, pair))]));
                }
            }

            // The encounters as the gold groups them, assembled from the decided units: the event-level decisions.
            var byEvent = new SortedDictionary<int, List<DecidedMention>>();
            foreach (var (unit, events) in units)
            {
                if (events.Count > 0)
                {
                    unit.Meeting = 1f;
                    (byEvent.TryGetValue(events.Min(), out var list) ? list : byEvent[events.Min()] = []).Add(unit);
                }
            }

            foreach (var (g, members) in byEvent)
            {
                var draft = new EventDraft(members);
                if (draft.Roles.Count == 0)
                {
                    continue;
                }

                var goldEvent = article.Gold.Events[g];
                var hostRule = draft.Roles.Keys.OrderByDescending(draft.HostShare).First();
                foreach (var entity in draft.Roles.Keys)
                {
                    features.Clear();
                    EventFeatures.Host(article.Index, article.Statistics, draft, entity, features);
                    var isHost = goldEvent.Host is { } host && alignment.EntityToGold.TryGetValue(entity, out var gi)
                        && NewsScorer.Normalize(article.Gold.Entities[gi].Canonical) == NewsScorer.Normalize(host);
                    examples[EventDecision.Host].Add(Example.From(features, isHost ? 1 : 0, article.Article.Id, entity == hostRule && draft.HostShare(entity) >= 0.3f ? 1 : 0));
                }

                features.Clear();
                EventFeatures.Status(article.Index, article.Statistics, draft, features);
                var vote = draft.StatusVote[1] > draft.StatusVote[0] ? (draft.StatusVote[2] > draft.StatusVote[1] ? 2 : 1) : draft.StatusVote[2] > draft.StatusVote[0] ? 2 : 0;
                examples[EventDecision.MeetingStatus].Add(Example.From(features, (int)StatusOf(goldEvent), article.Article.Id, vote));
            }

            for (var x = 0; x < units.Count; x++)
            {
                var b = units[x];
                for (var y = x - 1; y >= 0 && x - y <= LearnedMeetingAssembler.ComparedMeetings * LearnedMeetingAssembler.ComparedMentions; y--)
                {
                    var a = units[y];
                    if (b.Unit.Mention.Sentence - a.Unit.Mention.Sentence > LearnedMeetingAssembler.MergeWindow)
                    {
                        break;
                    }

                    features.Clear();
                    ArgumentFeatures.Pair(article.Index, a.Unit.Mention, a.Unit.Parties, a.Unit.DecidedStatus, b.Unit.Mention, b.Unit.Parties, b.Unit.DecidedStatus, x - y, features);
                    var rule = LearnedMeetingAssembler.RulesSameEncounter(a.Unit, b.Unit) ? 1 : 0;
                    examples[EventDecision.SameEncounter].Add(Example.From(features, a.Events.Overlaps(b.Events) ? 1 : 0, article.Article.Id, rule));
                }
            }
        }

        return examples;
    }

    private static bool Reaches(EventAlignment alignment, int goldEvent, IEnumerable<int> parties)
    {
        var need = Math.Min(2, alignment.Gold.Events[goldEvent].Participants.Count);
        return need > 0 && parties.Count(alignment.Participants[goldEvent].Contains) >= need;
    }

    private static EventStatus StatusOf(GoldEvent goldEvent) =>
        goldEvent.Status switch { "planned" => EventStatus.Planned, "past" => EventStatus.Past, _ => EventStatus.Reported };
}
