using NewsNer.Events;
using NewsNer.Events.Candidates;
using NewsNer.Events.Decisions;
using NewsNer.Events.Reading;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Events;

/// <summary>
/// The event layer's work per trigger is bounded whatever the input's shape (a sentence of thousands of tokens, thousands
/// of mentions), and it stops when asked to.
/// </summary>
public class EventLayerBoundsTests
{
    private const string Names = "PER: Emmanuel Macron | Vladimir Poutine; LOC: Paris";
    private const string Clause = "Emmanuel Macron a rencontré Vladimir Poutine à Paris lundi";

    private static readonly NewsPipeline s_linking = TestPipelines.WithNames(Names, EventMethod.None);

    [Fact]
    public void A_clause_reaches_a_bounded_number_of_tokens_in_a_sentence_without_boundaries()
    {
        // One "sentence" of ~3,000 tokens: words with no punctuation, no conjunction, no sentence end.
        var text = string.Join(' ', Enumerable.Repeat("rencontre officielle longue", 1000));
        var index = IndexOf(text);

        // The splitter cuts such a run into sentences of SentenceSplitter.MaxTokens (256) tokens: the reach is checked in
        // the middle of one of them, farther than ClauseReach from both its ends.
        var sentence = index.View.Sentences.ToArray()[1];
        Assert.True(sentence.TokenCount > 2 * (EventDocumentIndex.ClauseReach + 1));
        var middle = sentence.FirstToken + sentence.TokenCount / 2;
        var (start, end) = index.Clause(middle, middle + 1);
        Assert.InRange(middle - start, 0, EventDocumentIndex.ClauseReach);
        Assert.InRange(end - (middle + 1), 0, EventDocumentIndex.ClauseReach);
    }

    [Fact]
    public void A_clause_still_ends_at_its_boundary()
    {
        var index = IndexOf("Emmanuel Macron a rencontré Vladimir Poutine qui est rentré à Moscou.");
        var trigger = Enumerable.Range(0, index.View.Count).First(k => index.View.Text[index.View.Tokens[k].Start..index.View.Tokens[k].End] == "rencontré");
        var (start, end) = index.Clause(trigger, trigger + 1);
        Assert.Equal(0, start);
        Assert.Equal("qui", index.View.Text[index.View.Tokens[end].Start..index.View.Tokens[end].End]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Thousands_of_meetings_in_one_sentence_are_all_read(bool learned)
    {
        var text = string.Join(", puis ", Enumerable.Repeat(Clause, 2000)) + ".";
        var reading = MeetingExtractor.Default.Read(IndexOf(text));
        Assert.Equal(2000, reading.Mentions.Count(m => m.Dropped is null));
        var events = MeetingEventStage.Extract(MeetingExtractor.Default, s_linking.Annotate(text).Linking!, new DateOnly(2025, 10, 15), ModelOf(learned));
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(2, e.Participants.Length));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_cancelled_token_stops_the_event_layer(bool learned)
    {
        var text = string.Join(". ", Enumerable.Repeat(Clause, 50)) + ".";
        var linking = s_linking.Annotate(text).Linking!;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => MeetingEventStage.Extract(MeetingExtractor.Default, linking, null, ModelOf(learned), cancelled.Token));
    }

    private static EventModel? ModelOf(bool learned) => learned ? EventModel.Default : null;

    private static EventDocumentIndex IndexOf(string text) => new(s_linking.Annotate(text).Linking!, new DateOnly(2025, 10, 15));
}
