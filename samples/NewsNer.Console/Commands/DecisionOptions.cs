using NewsNer.Training.Events;

namespace NewsNer.Cli.Commands;

/// <summary>
/// The --learners, --thresholds and --compare-learners values of the event commands, read once before any work starts:
/// a bad value is a usage error naming the option, not an exception in the middle of the first fold.
/// </summary>
internal static class DecisionOptions
{
    /// <summary>Parses <c>meeting=fasttree,role=maxent</c> (<see cref="EventTrainingOptions.ParseLearners"/>).</summary>
    public static IReadOnlyDictionary<EventDecision, DecisionLearner> Learners(string? text) =>
        Parse("--learners", text, EventTrainingOptions.ParseLearners);

    /// <summary>Parses <c>meeting=0.4,split=0.3</c> (<see cref="EventTrainingOptions.ParseThresholds"/>).</summary>
    public static IReadOnlyList<float> Thresholds(string? text) =>
        Parse("--thresholds", text, EventTrainingOptions.ParseThresholds);

    /// <summary>Parses <c>maxent,lightgbm</c>: the learners <c>eval-events --compare-learners</c> compares.</summary>
    public static List<DecisionLearner> LearnerList(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length == 0
            ? throw new UsageException("--compare-learners: expected comma-separated learners, e.g. maxent,lightgbm")
            : [.. names.Select(name => EventTrainingOptions.TryParseLearner(name)
                ?? throw new UsageException($"--compare-learners: unknown learner '{name}' (one of {string.Join(", ", Enum.GetNames<DecisionLearner>())})"))];
    }

    private static T Parse<T>(string option, string? text, Func<string?, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (ArgumentException error)
        {
            throw new UsageException($"{option}: {error.Message}");
        }
    }
}
