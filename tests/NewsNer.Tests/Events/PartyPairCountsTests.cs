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

        var body = decided.Single(m => m.Mention.Sentence == 1);
        var scholz = decided.Single(m => m.Mention.Sentence == 2);
        Assert.Equal(2, body.Parties.Count);
        Assert.Equal(2, scholz.Parties.Count);
        Assert.Equal(Expected(elsewhere: 1, headline: true), Features(pairs, body));
        Assert.Equal(Expected(elsewhere: 0, headline: false), Features(pairs, scholz));
    }

    private static string Features(PartyPairCounts pairs, DecidedMention mention)
    {
        var features = new FeatureVector();
        pairs.AddFeatures(mention, features, 1, 2);
        return Slots(features);
    }

    private static string Expected(int elsewhere, bool headline)
    {
        var features = new FeatureVector();
        features.Add(1, elsewhere);
        features.AddIf(2, headline);
        return Slots(features);
    }

    private static string Slots(FeatureVector features)
    {
        features.Sort();
        return string.Join(' ', features.Indices.ToArray());
    }
}
