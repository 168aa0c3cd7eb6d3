using NewsNer.Events.Candidates;
using NewsNer.Events.Decisions;
using NewsNer.Events.Reading;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Events;

/// <summary>
/// The meeting decision reads beyond its sentence: how many other mentions of the document bring a mention's parties
/// together, and whether the headline does.
/// </summary>
public class PartyPairCountsTests
{
    private const string Names = "PER: Emmanuel Macron | Vladimir Poutine | Olaf Scholz";

    private static readonly NewsPipeline s_linking = TestPipelines.WithNames(Names, EventMethod.None);

    [Fact]
    public void A_pair_the_headline_and_another_sentence_bring_together_is_counted_and_a_pair_named_once_is_not()
    {
        var text = "Emmanuel Macron reçoit Vladimir Poutine\n\nEmmanuel Macron a reçu Vladimir Poutine mardi à Paris. "
            + "Emmanuel Macron a ensuite rencontré Olaf Scholz.";
        var index = new EventDocumentIndex(s_linking.Annotate(text).Linking!, new DateOnly(2025, 10, 15));
        var statistics = DocumentStatistics.Of(index);
        var candidates = CandidateBuilder.Build(index, statistics, MeetingExtractor.Default.Read(index).Mentions);
        var decided = LearnedMeetingAssembler.Decide(index, statistics, candidates, EventModel.Default);
        var pairs = PartyPairCounts.Of(decided);

        var body = decided.FindIndex(m => m.Mention.Sentence == 1);
        var scholz = decided.FindIndex(m => m.Mention.Sentence == 2);
        Assert.Single(decided, m => m.Mention.Sentence == 1);
        Assert.Single(decided, m => m.Mention.Sentence == 2);
        Assert.Equal(2, decided[body].Parties.Count);
        Assert.Equal(2, decided[scholz].Parties.Count);
        Assert.Equal(new PairSupport(Elsewhere: 1, InHeadline: true), pairs.Support(body));
        Assert.Equal(new PairSupport(Elsewhere: 0, InHeadline: false), pairs.Support(scholz));
    }
}
