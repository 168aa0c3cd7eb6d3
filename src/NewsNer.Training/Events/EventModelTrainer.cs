using System.Globalization;
using NewsNer.Events.Decisions;
using NewsNer.Training.Evaluation.News;

namespace NewsNer.Training.Events;

/// <summary>How the event decisions are trained: one learner per decision, and the seed.</summary>
public sealed record EventTrainingOptions
{
    /// <summary>The learners chosen by cross-validation (docs/events.md).</summary>
    public static IReadOnlyDictionary<EventDecision, DecisionLearner> DefaultLearners { get; } = new Dictionary<EventDecision, DecisionLearner>
    {
        [EventDecision.Meeting] = DecisionLearner.MaxEnt,
        [EventDecision.Status] = DecisionLearner.MaxEnt,
        [EventDecision.Party] = DecisionLearner.MaxEnt,
        [EventDecision.Role] = DecisionLearner.MaxEnt,
        [EventDecision.SameEncounter] = DecisionLearner.MaxEnt,
        [EventDecision.Place] = DecisionLearner.MaxEnt,
        [EventDecision.Date] = DecisionLearner.MaxEnt,
        [EventDecision.Split] = DecisionLearner.MaxEnt,
        [EventDecision.Host] = DecisionLearner.MaxEnt,
        [EventDecision.MeetingStatus] = DecisionLearner.MaxEnt,
    };

    /// <summary>The learner of each decision (missing ones take <see cref="DefaultLearners"/>).</summary>
    public IReadOnlyDictionary<EventDecision, DecisionLearner> Learners { get; init; } = DefaultLearners;

    /// <summary>
    /// The decision thresholds (meeting, party, same encounter, argument, host, split), chosen by cross-validation on the
    /// training folds (docs/events.md).
    /// </summary>
    public IReadOnlyList<float> Thresholds { get; init; } = DefaultThresholds;

    /// <summary>
    /// The thresholds chosen by cross-validation on folds 0–3 for the bagged models (<c>eval-events --cv
    /// --tune-thresholds</c>, docs/events.md): a meeting needs P ≥ 0.4, a party P(none) &lt; 0.7, two mentions join at
    /// P ≥ 0.4; any place or date candidate the argument decision ranks first is kept from P ≥ 0.05, a host from 0.05, a
    /// split from 0.3.
    /// </summary>
    public static IReadOnlyList<float> DefaultThresholds { get; } = [0.4f, 0.7f, 0.4f, 0.05f, 0.05f, 0.3f];

    /// <summary>Parses <c>meeting=0.4,argument=0.1</c> over <see cref="DefaultThresholds"/>.</summary>
    /// <exception cref="ArgumentException">An unknown name or a value outside [0, 1].</exception>
    public static IReadOnlyList<float> ParseThresholds(string? text)
    {
        var names = new[] { "meeting", "party", "same", "argument", "host", "split" };
        var values = DefaultThresholds.ToArray();
        foreach (var item in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', 2);
            var index = Array.IndexOf(names, parts[0].ToLowerInvariant());
            if (parts.Length != 2 || index < 0 || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
            {
                throw new ArgumentException($"'{item}': expected NAME=VALUE with a name among {string.Join(", ", names)} and a value in [0, 1]");
            }

            values[index] = value;
        }

        return values;
    }

    /// <summary>Seed of the learners.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Models per decision, each on a bootstrap sample of the training articles, averaged (1: one model on all of them).
    /// Default: <see cref="DefaultBags"/>.
    /// </summary>
    public int Bags { get; init; } = DefaultBags;

    /// <summary>
    /// The number of bagged models chosen by cross-validation on folds 0–3 (docs/events.md): the mean of bootstrap models
    /// is steadier than one model under small changes of the training data, and more precise at the same thresholds.
    /// </summary>
    public const int DefaultBags = 5;

    /// <summary>Progress messages, or null.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The learner of a decision.</summary>
    public DecisionLearner LearnerOf(EventDecision decision) =>
        Learners.TryGetValue(decision, out var learner) ? learner : DefaultLearners[decision];

    /// <summary>Parses <c>meeting=fasttree,role=maxent</c> (decisions and learners by name, case-insensitive).</summary>
    /// <exception cref="ArgumentException">An unknown decision or learner.</exception>
    public static IReadOnlyDictionary<EventDecision, DecisionLearner> ParseLearners(string? text)
    {
        var learners = new Dictionary<EventDecision, DecisionLearner>(DefaultLearners);
        foreach (var item in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', 2);
            if (parts.Length != 2 || TryParseLearner(parts[1]) is not { } learner)
            {
                throw new ArgumentException($"'{item}': expected DECISION=LEARNER with a learner among {string.Join(", ", Enum.GetNames<DecisionLearner>())}");
            }

            if (parts[0].Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var decision in Enum.GetValues<EventDecision>())
                {
                    learners[decision] = learner;
                }

                continue;
            }

            if (!Enum.TryParse<EventDecision>(parts[0], ignoreCase: true, out var named) || !Enum.IsDefined(named))
            {
                throw new ArgumentException($"'{item}': unknown decision (one of {string.Join(", ", Enum.GetNames<EventDecision>())}, or all)");
            }

            learners[named] = learner;
        }

        return learners;
    }

    /// <summary>A learner by its name, case-insensitive (<c>maxent</c>, <c>LightGbm</c>), or null; numbers are not names.</summary>
    public static DecisionLearner? TryParseLearner(string name) =>
        !int.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) && Enum.TryParse<DecisionLearner>(name, ignoreCase: true, out var learner) && Enum.IsDefined(learner)
            ? learner
            : null;
}

/// <summary>
/// Trains the event layer's decisions on annotated news articles: the examples are read through the library's own
/// candidate and feature code, each decision is trained by its learner (Microsoft.ML) and exported, and the result is a
/// model file the library loads (<c>UseEvents</c>).
/// </summary>
public static class EventModelTrainer
{
    /// <summary>Trains on <paramref name="articles"/> tagged by <paramref name="linking"/> and writes the model to <paramref name="output"/>.</summary>
    public static void Train(NewsPipeline linking, IEnumerable<NewsArticle> articles, IReadOnlyDictionary<string, GoldArticle> gold, EventTrainingOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Train(linking, articles, gold, options).Write(output);
    }

    /// <summary>A full pipeline: <paramref name="linking"/>'s stages and the events with the model read from <paramref name="model"/>.</summary>
    public static NewsPipeline WithModel(NewsPipeline linking, Stream model) => WithEvents(linking, EventModel.Read(model));

    /// <summary>Trains on <paramref name="articles"/> and writes the model to <paramref name="output"/>.</summary>
    /// <param name="recognizer">The entity recognizer model file to tag the articles with, or null for the embedded one.</param>
    /// <param name="articles">The training articles.</param>
    /// <param name="gold">Their gold annotations by id.</param>
    /// <param name="options">Learners and seed.</param>
    /// <param name="output">Where to write the model.</param>
    public static void Train(Stream? recognizer, IEnumerable<NewsArticle> articles, IReadOnlyDictionary<string, GoldArticle> gold, EventTrainingOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Train(LinkingPipeline(recognizer), articles, gold, options).Write(output);
    }

    /// <summary>A pipeline up to linking (no event stage), with the given recognizer file or the embedded one.</summary>
    public static NewsPipeline LinkingPipeline(Stream? recognizer)
    {
        var builder = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences();
        builder = recognizer is null ? builder.UseEntities() : builder.UseEntities(recognizer);
        return builder.UseLinking().Build();
    }

    /// <summary>A full pipeline: <paramref name="linking"/>'s stages and the events decided by the rules alone (the baseline).</summary>
    public static NewsPipeline WithRules(NewsPipeline linking) => WithEvents(linking, null);

    /// <summary>A full pipeline: <paramref name="linking"/>'s stages and the events with the shipped model.</summary>
    public static NewsPipeline WithShippedModel(NewsPipeline linking) => WithEvents(linking, EventModel.Default);

    /// <summary>Trains the decisions on <paramref name="articles"/> (tagged by <paramref name="linking"/>) and returns the full pipeline with them.</summary>
    public static NewsPipeline TrainPipeline(NewsPipeline linking, IEnumerable<NewsArticle> articles, IReadOnlyDictionary<string, GoldArticle> gold, EventTrainingOptions options) =>
        WithEvents(linking, Train(linking, articles, gold, options));

    internal static NewsPipeline WithEvents(NewsPipeline linking, EventModel? model) => linking.WithStage(new NewsNer.Events.MeetingEventStage(NewsNer.Events.Candidates.MeetingExtractor.Default, model));

    /// <summary>How many parts the training articles are cut into for the out-of-part predictions of the second stage.</summary>
    public const int CrossFitParts = 4;

    internal static EventModel Train(NewsPipeline linking, IEnumerable<NewsArticle> articles, IReadOnlyDictionary<string, GoldArticle> gold, EventTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var training = EventExamples.Read(linking, articles, gold);
        var goldEvents = training.Sum(a => a.Gold.Events.Count);
        var reached = training.Sum(a => a.Alignment.Aligned.SelectMany(x => x).Distinct().Count());
        var firstStage = TrainFirstStage(training, options);
        var partModels = new EventModel[CrossFitParts];
        var second = CrossFittedSecondStage(training, options, partModels);
        options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"  {training.Sum(a => a.Candidates.Count)} candidate mentions, {training.Sum(a => a.Alignment.Aligned.Count(x => x.Count > 0))} aligned; {reached} of {goldEvents} gold events reached; second-stage examples: {string.Join(", ", second.Select(d => $"{d.Key} {d.Value.Count}"))}"));
        var t = options.Thresholds;
        var outcomes = CrossFittedOutcomes(training, partModels, second, options);
        var calibration = ConfidenceCalibration.Fit(outcomes);
        options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"  confidence calibrated on {outcomes.Count} cross-fitted events ({outcomes.Count(o => o.Right)} right) in {calibration.Points.Count} steps"));
        return Assemble(firstStage, second, options) with
        {
            Calibration = calibration,
            Description = string.Create(CultureInfo.InvariantCulture, $"trained on {training.Count} articles ({goldEvents} gold events); ")
                + string.Join(", ", Enum.GetValues<EventDecision>().Select(d => $"{d}={options.LearnerOf(d)}"))
                + string.Create(CultureInfo.InvariantCulture, $"; thresholds {string.Join('/', t)}; seed {options.Seed}"),
        };
    }

    /// <summary>A model of the given first-stage decisions and second-stage examples, at the options' thresholds.</summary>
    private static EventModel Assemble(EventModel firstStage, Dictionary<EventDecision, List<Example>> second, EventTrainingOptions options)
    {
        DecisionModel? Fit(EventDecision decision) => DecisionTrainer.Train(second[decision], EventExamples.Classes(decision), options.LearnerOf(decision), options.Seed, options.Bags);
        var t = options.Thresholds;
        return new EventModel
        {
            Status = firstStage.Status,
            Party = firstStage.Party,
            Role = firstStage.Role,
            Meeting = Fit(EventDecision.Meeting),
            SameEncounter = Fit(EventDecision.SameEncounter),
            Place = Fit(EventDecision.Place),
            Date = Fit(EventDecision.Date),
            Split = Fit(EventDecision.Split),
            Host = Fit(EventDecision.Host),
            MeetingStatus = Fit(EventDecision.MeetingStatus),
        }.WithThresholds(t[0], t[1], t[2], t[3], t[4], t[5]);
    }

    /// <summary>
    /// The second stage's examples: each part of the training articles is decided by first-stage models trained on
    /// the other parts, so the second stage learns from decisions made without the article, as when serving.
    /// </summary>
    /// <param name="training">The training articles.</param>
    /// <param name="options">Learners and seed.</param>
    /// <param name="partModels">When given, receives the first-stage models of each part (trained without it).</param>
    internal static Dictionary<EventDecision, List<Example>> CrossFittedSecondStage(List<TrainingArticle> training, EventTrainingOptions options, EventModel[]? partModels = null)
    {
        var decided = new List<(TrainingArticle, List<DecidedMention>)>();
        for (var part = 0; part < CrossFitParts; part++)
        {
            var models = TrainFirstStage(training.Where(a => PartOf(a.Article.Id) != part), options);
            if (partModels is not null)
            {
                partModels[part] = models;
            }

            foreach (var article in training.Where(a => PartOf(a.Article.Id) == part))
            {
                decided.Add((article, LearnedMeetingAssembler.Decide(article.Index, article.Statistics, article.Candidates, models)));
            }
        }

        return EventExamples.SecondStage(decided);
    }

    /// <summary>
    /// Each training article's events assembled by models that never saw it (first stage from the cross-fitting, second
    /// stage trained on the other parts' examples, the chosen thresholds), scored against its gold with the news scorer:
    /// the raw confidence of each event and whether it matched a gold event. What the calibration is fitted on.
    /// </summary>
    internal static List<(float Score, bool Right)> CrossFittedOutcomes(
        List<TrainingArticle> training, EventModel[] partModels, Dictionary<EventDecision, List<Example>> second, EventTrainingOptions options)
    {
        var outcomes = new List<(float, bool)>();
        for (var part = 0; part < CrossFitParts; part++)
        {
            var held = training.Where(a => PartOf(a.Article.Id) == part).Select(a => a.Article.Id).ToHashSet(StringComparer.Ordinal);
            var others = second.ToDictionary(d => d.Key, d => d.Value.Where(e => !held.Contains(e.Article)).ToList());
            var model = Assemble(partModels[part], others, options);
            foreach (var article in training.Where(a => held.Contains(a.Article.Id)))
            {
                var events = LearnedMeetingAssembler.Assemble(article.Reading, model, NewsNer.Events.Candidates.MeetingExtractor.Default.Lexicons);
                article.State.Events.Clear();
                article.State.Events.AddRange(events);
                var score = NewsScorer.Score(article.Gold, NewsPipeline.ToDocument(article.State));
                article.State.Events.Clear();
                for (var i = 0; i < events.Count; i++)
                {
                    outcomes.Add((events[i].Confidence, score.Events.Any(m => m.Predicted == i && m.Gold >= 0)));
                }
            }
        }

        return outcomes;
    }

    internal static EventModel TrainFirstStage(IEnumerable<TrainingArticle> articles, EventTrainingOptions options)
    {
        var examples = EventExamples.FirstStage(articles);
        DecisionModel? Fit(EventDecision decision) => DecisionTrainer.Train(examples[decision], EventExamples.Classes(decision), options.LearnerOf(decision), options.Seed, options.Bags);
        return new EventModel { Status = Fit(EventDecision.Status), Party = Fit(EventDecision.Party), Role = Fit(EventDecision.Role) };
    }

    /// <summary>The cross-fitting part of an article: a stable hash of its id, so parts do not depend on order.</summary>
    private static int PartOf(string id)
    {
        var hash = 17u;
        foreach (var c in id)
        {
            hash = (hash * 31) + c;
        }

        return (int)(hash % CrossFitParts);
    }
}
