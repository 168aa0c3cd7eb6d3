using NewsNer.Tests.TestSupport;
using NewsNer.Training.Evaluation;
using NewsNer.Training.Evaluation.News;

namespace NewsNer.Tests.Evaluation;

/// <summary>The C# port of score_news.py: the same matching rules (the events gate also compares both on real outputs).</summary>
public class NewsScorerTests
{
    private const string Text = "Emmanuel Macron a reçu mardi Olaf Scholz à l'Élysée. Le président a aussi téléphoné à Joe Biden.";
    private const string Names = "PER: Emmanuel Macron | Olaf Scholz | Joe Biden; LOC: Élysée";

    private static readonly GoldEntity s_macron = new("PER", "Emmanuel Macron", ["Emmanuel Macron", "Macron"]);
    private static readonly GoldEntity s_scholz = new("PER", "Olaf Scholz", ["Olaf Scholz"]);
    private static readonly GoldEntity s_elysee = new("LOC", "Élysée", ["Élysée"]);

    private static readonly GoldEvent s_reception = new("host_visit", ["Emmanuel Macron", "Olaf Scholz"], "Emmanuel Macron", ["Olaf Scholz"], "Élysée", "mardi", "reported", null);

    private static Document Predicted() => TestPipelines.Process(Text, Names, new DateOnly(2025, 10, 16));

    [Fact]
    public void A_meeting_sharing_two_participants_matches_and_its_arguments_are_compared()
    {
        var gold = new GoldArticle("1", [s_macron, s_scholz, s_elysee], [s_reception]);
        var score = new NewsScore();
        score.Add(NewsScorer.Score(gold, Predicted()));

        Assert.Equal(1, score.Events.TruePositives);
        Assert.Equal((1, 1), score.Host);
        Assert.Equal((1, 1), score.Location);
        Assert.Equal((1, 1), score.Date);
        Assert.Equal((1, 1), score.Status);
    }

    [Fact]
    public void Entities_match_through_any_surface_form_of_the_same_type_and_missing_ones_are_false_negatives()
    {
        var biden = new GoldEntity("PER", "Biden", ["Biden"]); // neither form is the predicted "Joe Biden": no match
        var wrongType = new GoldEntity("ORG", "Olaf Scholz", ["Olaf Scholz"]);
        var gold = new GoldArticle("1", [s_macron, biden, wrongType, s_elysee], []);
        var score = new NewsScore();
        score.Add(NewsScorer.Score(gold, Predicted()));

        Assert.Equal(new SpanCounts(2, 2, 2), score.Entities);
        Assert.Equal(new SpanCounts(1, 2, 1), score.EntitiesByType["PER"]);
        Assert.Equal(new SpanCounts(0, 0, 1), score.EntitiesByType["ORG"]);
    }

    [Fact]
    public void A_gold_event_is_matched_once_and_an_extra_prediction_is_a_false_alarm()
    {
        var other = new GoldEvent("meet", ["Olaf Scholz", "Joe Biden"], null, [], null, null, "past", null);
        var gold = new GoldArticle("1", [s_macron, s_scholz, s_elysee], [s_reception, other]);
        var article = NewsScorer.Score(gold, Predicted());
        var score = new NewsScore();
        score.Add(article);

        // Joe Biden is no gold entity here, so the phone call cannot reach the second gold event's two participants.
        Assert.Equal(1, score.Events.TruePositives);
        Assert.Equal(1, score.Events.FalseNegatives);
        Assert.Equal(article.Predicted.Events.Length - 1, score.Events.FalsePositives);
        Assert.Equal([1], article.MissedGoldEvents);
    }

    [Fact]
    public void A_single_participant_gold_event_needs_that_participant_only()
    {
        var visit = new GoldEvent("make_visit", ["Olaf Scholz"], null, ["Olaf Scholz"], null, null, "reported", null);
        var gold = new GoldArticle("1", [s_macron, s_scholz], [visit]);
        var score = new NewsScore();
        score.Add(NewsScorer.Score(gold, Predicted()));

        Assert.Equal(1, score.Events.TruePositives);
    }

    [Fact]
    public void The_seed_summary_gives_each_seeds_row_and_the_mean_and_spread_of_the_event_figures()
    {
        // Two runs: one finds the reception and a call that is not gold (F1 2/3), one finds nothing (F1 0).
        var gold = new GoldArticle("1", [s_macron, s_scholz, s_elysee], [s_reception]);
        var found = new NewsScore();
        found.Add(NewsScorer.Score(gold, Predicted()));
        var none = new NewsScore();
        none.Add(NewsScorer.Score(gold, TestPipelines.Process("Rien ne s'est passé.", Names, new DateOnly(2025, 10, 16))));
        NewsCrossValidationResult Run(NewsScore score) => new(new Dictionary<int, NewsScore> { [0] = score }, score, []);
        var writer = new StringWriter();

        NewsScoreReport.WriteSeeds(writer, [(1, Run(found)), (2, Run(none))]);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("| 1 | 1 | 1 | 0.500 | 1.000 | 0.667 |", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("| 2 | 1 | 1 | 0.000 | 0.000 | 0.000 |", lines[3], StringComparison.Ordinal);
        Assert.Contains("event F1 over 2 seeds: mean 0.333, standard deviation 0.471, range 0.000–0.667", lines);
    }

    [Theory]
    [InlineData("l’Élysée", "l'Élysée")]
    [InlineData("  Addis\u00a0 Abeba ", "Addis Abeba")]
    public void Normalization_is_the_python_scorers(string text, string expected) => Assert.Equal(expected, NewsScorer.Normalize(text));
}
