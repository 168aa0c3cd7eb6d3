using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Console;

public class EvalNewsCommandTests
{
    private const string Gold = """
        {"id": "001", "entities": [{"text": "Paris", "type": "LOC", "canonical": "Paris", "mentions": ["Paris"]}], "events": []}
        """;

    [Fact]
    public void Missing_python_is_a_clear_failure()
    {
        using var temp = SmallDevSet(out var scorer);
        var run = ConsoleHarness.Run("eval-news", "--gold", temp.Combine("gold"), "--scorer", scorer, "--python", "no-such-python-newsner");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("cannot run 'no-such-python-newsner'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Python 3", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_data_is_a_usage_error()
    {
        using var temp = new TempFolder();
        var run = ConsoleHarness.Run("eval-news", "--gold", temp.Combine("nothing"), "--scorer", temp.Combine("none.py"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--gold", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seeds", "1,x")]
    [InlineData("--seeds", ",")]
    [InlineData("--folds", "0,one")]
    [InlineData("--folds", "0,-1")]
    public void A_list_of_seeds_or_folds_that_is_not_integers_is_a_usage_error(string option, string value)
    {
        using var temp = SmallDevSet(out _);
        var run = ConsoleHarness.Run("eval-events", "--cv", "--data", temp.Path, option, value);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(option, run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eval-events", "--thresholds", "split=2", "'split=2'")]
    [InlineData("eval-events", "--thresholds", "spilt=0.3", "'spilt=0.3'")]
    [InlineData("eval-events", "--learners", "meeting=forest", "'meeting=forest'")]
    [InlineData("eval-events", "--learners", "meeting=7", "'meeting=7'")]
    [InlineData("eval-events", "--compare-learners", "forest", "unknown learner 'forest'")]
    [InlineData("eval-events", "--compare-learners", "maxent,7", "unknown learner '7'")]
    [InlineData("eval-events", "--compare-learners", ",", "expected comma-separated learners")]
    [InlineData("train-events", "--thresholds", "meeting", "'meeting'")]
    [InlineData("train-events", "--learners", "nothing=maxent", "'nothing=maxent'")]
    public void A_bad_learner_or_threshold_is_a_usage_error_before_any_training(string command, string option, string value, string says)
    {
        // Read once before the first fold is trained: a typo costs no training run and prints no stack trace.
        using var temp = SmallDevSet(out _);
        var run = command == "eval-events"
            ? ConsoleHarness.Run(command, "--cv", "--data", temp.Path, option, value)
            : ConsoleHarness.Run(command, "--data", temp.Path, "--out", temp.Combine("model.nev"), option, value);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"newsner: {option}: {says}", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("model.nev")));
    }

    [Fact]
    public void Several_seeds_need_the_cross_validation()
    {
        using var temp = SmallDevSet(out _);
        var run = ConsoleHarness.Run("eval-events", "--data", temp.Path, "--seeds", "1,2");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--seeds needs --cv", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Extracts_into_the_out_folder_and_prints_the_scorer_report()
    {
        // xunit 2 cannot skip at run time: without python3 (a machine with only the .NET SDK) there is nothing to run.
        if (FindPython() is not { } python)
        {
            return;
        }

        using var temp = SmallDevSet(out var scorer);
        var outDir = temp.Combine("predictions");
        var run = ConsoleHarness.Run("eval-news", "--gold", temp.Combine("gold"), "--scorer", scorer, "--out", outDir, "--python", python);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(outDir, "001.json")));
        Assert.Contains("gold=", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("001.json", run.Stdout, StringComparison.Ordinal);
    }

    // A stand-in scorer that prints what it was given, so the test checks the plumbing, not the real scorer.
    private static TempFolder SmallDevSet(out string scorer)
    {
        var temp = new TempFolder();
        temp.File("gold/001.json", Gold);
        temp.File("articles/001.txt", "Titre\nsource: unknown\ndate: unknown\n\nIl est arrivé à Paris.\n");
        scorer = temp.File("score.py", "import os, sys\nprint('gold=' + sys.argv[1])\nprint(' '.join(sorted(os.listdir(sys.argv[2]))))\n");
        return temp;
    }

    private static string? FindPython()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (var name in new[] { "python3", "python3.exe" })
            {
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, name)))
                {
                    return name;
                }
            }
        }

        return null;
    }
}
