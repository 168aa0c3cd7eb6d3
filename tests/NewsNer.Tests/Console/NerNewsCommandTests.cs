using NewsNer.Cli.Commands;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Console;

public class NerNewsCommandTests
{
    // A small annotated news set written for these tests (the real one stays in ../shared), in the shared layout.
    private static readonly (string Id, int Fold, string Text, string Gold)[] s_articles =
    [
        ("001", 0, "Visite à Alger\nsource: unknown\ndate: 2024-03-05\n\nLe président Abdelmadjid Tebboune a reçu mardi à Alger le ministre Pedro Sanchez, selon l'agence APS.\n",
            """{"entities": [{"type": "PER", "canonical": "Abdelmadjid Tebboune", "mentions": ["Abdelmadjid Tebboune"]}, {"type": "LOC", "canonical": "Alger", "mentions": ["Alger"]}, {"type": "PER", "canonical": "Pedro Sanchez", "mentions": ["Pedro Sanchez"]}, {"type": "ORG", "canonical": "APS", "mentions": ["APS"]}], "events": []}"""),
        ("002", 0, "Rencontre à Dakar\nsource: unknown\ndate: 2024-04-01\n\nMacky Sall s'est entretenu à Dakar avec une délégation de la Banque mondiale. Sall a salué l'accord.\n",
            """{"entities": [{"type": "PER", "canonical": "Macky Sall", "mentions": ["Macky Sall", "Sall"]}, {"type": "LOC", "canonical": "Dakar", "mentions": ["Dakar"]}, {"type": "ORG", "canonical": "Banque mondiale", "mentions": ["Banque mondiale"]}], "events": []}"""),
        ("003", 1, "Entretien à Rabat\nsource: unknown\ndate: unknown\n\nLe ministre Nasser Bourita a reçu à Rabat son homologue Sabri Boukadoum, rapporte l'agence MAP.\n",
            """{"entities": [{"type": "PER", "canonical": "Nasser Bourita", "mentions": ["Nasser Bourita"]}, {"type": "LOC", "canonical": "Rabat", "mentions": ["Rabat"]}, {"type": "PER", "canonical": "Sabri Boukadoum", "mentions": ["Sabri Boukadoum"]}, {"type": "ORG", "canonical": "MAP", "mentions": ["MAP"]}], "events": []}"""),
        ("004", 1, "Sommet à Addis-Abeba\nsource: unknown\ndate: unknown\n\nL'Union africaine a réuni ses membres à Addis-Abeba. Moussa Faki a ouvert la séance.\n",
            """{"entities": [{"type": "ORG", "canonical": "Union africaine", "mentions": ["Union africaine"]}, {"type": "LOC", "canonical": "Addis-Abeba", "mentions": ["Addis-Abeba"]}, {"type": "PER", "canonical": "Moussa Faki", "mentions": ["Moussa Faki"]}], "events": []}"""),
    ];

    // The base model of these tests: the tiny synthetic one (the embedded model works the same, only slower to copy).
    private static TempFolder SmallNewsSet()
    {
        var temp = new TempFolder();
        using (var file = File.Create(temp.Combine("base.nner")))
        {
            NewsNer.Training.NerTrainer.Save(Entities.NerTestData.TinyModel, file);
        }

        var folds = "id\tfold\n";
        foreach (var (id, fold, text, gold) in s_articles)
        {
            temp.File($"data/events-train/articles/{id}.txt", text);
            temp.File($"data/events-train/gold/{id}.json", gold);
            folds += $"{id}\t{fold}\n";
        }

        temp.File("data/events-train/folds.tsv", folds);
        return temp;
    }

    private static string? Scorer() =>
        File.Exists(Path.Combine(RepoPaths.Shared, "tools", "score_news.py")) ? Path.Combine(RepoPaths.Shared, "tools", "score_news.py") : null;

    private static bool HasPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, "python3")));

    [SkippableFact]
    public void Cross_validation_trains_a_model_per_fold_predicts_every_article_and_checks_the_floors()
    {
        Skip.If(Scorer() is null, "the shared scorer (../shared/tools/score_news.py) is not beside the clone");
        Skip.IfNot(HasPython(), "python3 is not installed");
        using var temp = SmallNewsSet();
        var models = temp.Combine("cv");
        var run = ConsoleHarness.Run("cv-news-ner", "--shared", temp.Path, "--models-out", models, "--folds", "0,1", "--scorer", Scorer()!, "--iterations", "5", "--floors", "--base", temp.Combine("base.nner"));
        Assert.True(File.Exists(Path.Combine(models, "ner-fold0.nner")), run.ToString());
        Assert.True(File.Exists(Path.Combine(models, "ner-fold1.nner")), run.ToString());
        Assert.All(s_articles, a => Assert.True(File.Exists(Path.Combine(models, "predictions", a.Id + ".json")), a.Id));
        Assert.Contains("| fold 0 | 2 |", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("| fold 1 | 2 |", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("| folds 0,1 summed | 4 |", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(models, "cv-news-ner.md")));

        // Exit 1 exactly when a floor line failed.
        var floorLines = run.Lines.Where(l => l.Contains(" floor ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, floorLines.Count);
        Assert.Equal(floorLines.Any(l => l.StartsWith("FAIL", StringComparison.Ordinal)) ? 1 : 0, run.ExitCode);

        // A fold model loads as a model with the news profile by default.
        using var stream = File.OpenRead(Path.Combine(models, "ner-fold0.nner"));
        Assert.Equal("news", NewsNer.Entities.NerModel.Read(stream).DefaultProfile);
    }

    [Fact]
    public void Train_news_writes_a_model_without_the_folds_left_out()
    {
        using var temp = SmallNewsSet();
        var output = temp.Combine("news.nner");
        var run = ConsoleHarness.Run("train-news", "--shared", temp.Path, "--out", output, "--without-folds", "1", "--iterations", "3", "--base", temp.Combine("base.nner"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("news set: 2 articles", run.Stderr, StringComparison.Ordinal);
        using var stream = File.OpenRead(output);
        var model = NewsNer.Entities.NerModel.Read(stream);
        Assert.Equal("news", model.DefaultProfile);
        Assert.Contains("\"articles\":2", model.Layer!.Metadata, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_set_or_a_bad_fold_is_a_usage_error()
    {
        using var temp = SmallNewsSet();
        var scorer = temp.File("score.py", "print('unused')\n");
        var noScorer = ConsoleHarness.Run("cv-news-ner", "--shared", temp.Path, "--models-out", temp.Combine("cv"), "--scorer", temp.Combine("none.py"));
        Assert.Equal(2, noScorer.ExitCode);
        Assert.Contains("cannot find the scorer", noScorer.Stderr, StringComparison.Ordinal);
        var missing = ConsoleHarness.Run("cv-news-ner", "--shared", temp.Combine("nowhere"), "--models-out", temp.Combine("cv"), "--scorer", scorer);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("not an annotated news set", missing.Stderr, StringComparison.Ordinal);
        var badFold = ConsoleHarness.Run("cv-news-ner", "--shared", temp.Path, "--models-out", temp.Combine("cv"), "--folds", "7", "--scorer", scorer);
        Assert.Equal(2, badFold.ExitCode);
        Assert.Contains("fold 7 has no article", badFold.Stderr, StringComparison.Ordinal);
        var notNumber = ConsoleHarness.Run("train-news", "--shared", temp.Path, "--out", temp.Combine("m.nner"), "--without-folds", "x");
        Assert.Equal(2, notNumber.ExitCode);
    }

    [Fact]
    public void The_scorer_report_is_read_per_type_and_overall()
    {
        const string report = """
            entity LOC  P 0.921 R 0.905 F1 0.913
            entity ORG  P 0.733 R 0.736 F1 0.735
            entity PER  P 0.904 R 0.974 F1 0.937
            entities P 0.880 R 0.896 F1 0.888 (tp 2348 fp 320 fn 273)
            events   P 0.500 R 0.450 F1 0.472 (tp 1 fp 1 fn 1)
            entity F1 0.888 event F1 0.472
            """;
        var scores = NerNewsScorer.Parse(report);
        Assert.Equal(0.888, scores.F1);
        Assert.Equal(2348, scores.TruePositives);
        Assert.Equal(273, scores.FalseNegatives);
        Assert.Equal(0.735, scores.TypeF1("ORG"));
        Assert.Equal((0.921, 0.905, 0.913), scores.ByType["LOC"]);
        Assert.Equal(0.472, scores.EventF1);
        Assert.Throws<FormatException>(() => NerNewsScorer.Parse("nothing"));
    }
}
