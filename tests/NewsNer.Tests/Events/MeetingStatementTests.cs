using NewsNer.Training.Events;

namespace NewsNer.Tests.Events;

/// <summary>
/// The rules on the labelled sentences of <c>Data/meeting-statements.tsv</c> (reported, planned, past, none): one
/// test per sentence, so that a regression names the sentence.
/// </summary>
public class MeetingStatementTests
{
    private static readonly string s_path = Path.Combine(AppContext.BaseDirectory, "Events", "Data", "meeting-statements.tsv");
    private static readonly Lazy<MeetingStatementSet> s_set = new(() => MeetingStatementSet.Load(s_path));
    private static readonly Lazy<NewsPipeline> s_pipeline = new(() => s_set.Value.CreatePipeline());

    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, MeetingStatementSet.Load(s_path).Statements.Count)];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Rules_label_the_sentence(int index)
    {
        var statement = s_set.Value.Statements[index];
        var document = s_pipeline.Value.Process(statement.Text);
        Assert.True(statement.Label == MeetingStatementSet.RuleLabel(document), $"'{statement.Text}': expected {statement.Label}, rules say {MeetingStatementSet.RuleLabel(document)}");
    }

    [Fact]
    public void The_set_covers_every_label()
    {
        var counts = s_set.Value.Statements.GroupBy(s => s.Label).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enum.GetValues<StatementLabel>(), label => Assert.True(counts.GetValueOrDefault(label) >= 20, $"{label}: {counts.GetValueOrDefault(label)} sentences"));
    }
}
