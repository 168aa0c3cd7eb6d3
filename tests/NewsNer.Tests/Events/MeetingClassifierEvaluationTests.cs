using NewsNer.Training.Events;

namespace NewsNer.Tests.Events;

/// <summary>
/// The rules-versus-learned comparison behind the choice of rules for meeting detection and status
/// (`newsner eval-meeting-classifier`). If a learned classifier ever wins, this test says so and the choice is revisited.
/// </summary>
public class MeetingClassifierEvaluationTests
{
    private static readonly string s_path = Path.Combine(AppContext.BaseDirectory, "Events", "Data", "meeting-statements.tsv");

    [Fact]
    public void Rules_beat_the_learned_classifiers_in_cross_validation()
    {
        var report = MeetingClassifierEvaluation.Run(s_path, folds: 5, seed: 1);
        Assert.Equal(MeetingStatementSet.Load(s_path).Statements.Count, report.Sentences);
        Assert.InRange(report.Learned.Accuracy, 0.25, 1.0);
        Assert.True(report.Rules.MacroF1 >= report.Learned.MacroF1 && report.Rules.MacroF1 >= report.LearnedFromText.MacroF1, report.ToTable());
    }

    [Fact]
    public void The_comparison_is_deterministic_for_a_seed()
    {
        var first = MeetingClassifierEvaluation.Run(s_path, folds: 3, seed: 3);
        var second = MeetingClassifierEvaluation.Run(s_path, folds: 3, seed: 3);
        Assert.Equal(first.ToTable(), second.ToTable());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100000)]
    public void Folds_out_of_range_are_refused(int folds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MeetingClassifierEvaluation.Run(s_path, folds));
}
