using NewsNer.Training.Evaluation.News;
using NewsNer.Training.Events;

namespace NewsNer.Tests.Events;

public class EventDiagnosticsTests
{
    [Fact]
    public void Gold_events_told_in_one_sentence_are_those_sharing_their_evidence()
    {
        const string Receptions = "Le président a reçu successivement A, B et C.";
        var gold = new GoldArticle("1", [], [
            Event(Receptions),
            Event("Le ministre s'est rendu à Dakar."),
            Event(Receptions.Replace(' ', '\u00a0')), // the scorer's normalization: the same sentence
            Event(null),
            Event(null),
        ]);

        // Events without evidence are never counted as sharing it.
        Assert.Equal([0, 2], EventDiagnostics.EventsSharingEvidence(gold).Order());
    }

    private static GoldEvent Event(string? evidence) => new("host_visit", ["A", "B"], null, [], null, null, "reported", evidence);
}
