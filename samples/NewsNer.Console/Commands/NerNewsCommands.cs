using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NewsNer.Serialization;
using NewsNer.Training.News;

namespace NewsNer.Cli.Commands;

/// <summary>Options shared by the news-training verbs: the base model and the recipe (defaults: the shipped recipe).</summary>
internal static class NerNewsOptions
{
    public static Option<string> SharedOption() => new("--shared") { Description = "The shared data folder (its data/events-train is the news set)", DefaultValueFactory = _ => "../shared" };

    public static Option<string?> BaseOption() => new("--base")
    {
        Description = "The corpus model the news layer is trained over (its own news layer, if any, is dropped first). Default: the embedded model",
        HelpName = "FILE",
    };

    public static Option<double> L2Option() => new("--l2") { Description = "Strength of the prior centred on the corpus weights", DefaultValueFactory = _ => new NewsAdaptationOptions().L2 };

    public static Option<int> IterationsOption() => new("--iterations") { Description = "Maximum L-BFGS iterations", DefaultValueFactory = _ => new NewsAdaptationOptions().MaxIterations };

    public static Option<string> CorpusSampleOption() => new("--corpus-sample")
    {
        Description = "Corpus sentences trained on beside the news, comma-separated PATH@max=N@weight=W, relative to SHARED/data/ner (\"\" for none)",
        DefaultValueFactory = _ => string.Empty,
        HelpName = "SOURCES",
    };

    public static Option<int> ThreadsOption() => new("--threads") { Description = "Threads for the gradient (the result does not depend on it)", DefaultValueFactory = _ => 2 };

    public static NewsAdaptationOptions Recipe(ParseResult parse, string shared, Option<double> l2, Option<int> iterations, Option<int> threads, Option<string> sample, Action<string>? log) => new()
    {
        L2 = parse.GetValue(l2),
        MaxIterations = parse.GetValue(iterations),
        Threads = parse.GetValue(threads),
        CorpusSample = [.. parse.GetValue(sample)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Training.TrainingSource.Parse)
            .Select(s => s with { Path = Path.Combine(shared, "data", "ner", s.Path) })
            .Select(s => File.Exists(s.Path) ? s : throw new UsageException($"corpus sample '{s.Path}' does not exist"))],
        Log = log,
    };

    /// <summary>The base model's bytes, or null for the embedded model.</summary>
    public static byte[]? BaseModel(CliContext context, string? path)
    {
        if (path is null)
        {
            return null;
        }

        var full = context.ResolvePath(path);
        return File.Exists(full) ? File.ReadAllBytes(full) : throw new UsageException($"base model '{path}' does not exist");
    }

    /// <summary>Trains a news layer over the base model (null: the embedded one) and writes the model to a file.</summary>
    public static void Train(byte[]? baseModel, IReadOnlyList<NewsArticle> articles, NewsAdaptationOptions options, string path)
    {
        using var input = baseModel is null ? null : new MemoryStream(baseModel);
        using var file = File.Create(path);
        NewsAdaptation.Train(input, articles, options, file);
    }
}

/// <summary>
/// <c>newsner train-news</c>: the shipped model's recipe — the news layer trained on the annotated news articles
/// (<c>../shared/data/events-train</c>, all of them unless folds are left out) over the corpus model.
/// </summary>
internal sealed class TrainNewsCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var shared = NerNewsOptions.SharedOption();
        var baseModel = NerNewsOptions.BaseOption();
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true, HelpName = "FILE" };
        var without = new Option<string?>("--without-folds") { Description = "Leave these folds' articles out of training (comma-separated)", HelpName = "K,..." };
        var l2 = NerNewsOptions.L2Option();
        var iterations = NerNewsOptions.IterationsOption();
        var threads = NerNewsOptions.ThreadsOption();
        var sample = NerNewsOptions.CorpusSampleOption();
        var command = new Command("train-news", "Train the news layer of the entity model on the annotated news articles (the shipped model's recipe)")
        {
            shared, baseModel, output, without, l2, iterations, threads, sample,
        };
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var set = NerNewsCorpus.TrainingSet(context.ResolvePath(parse.GetValue(shared)!));
            var excluded = parse.GetValue(without) is { } list ? NerNewsCorpus.ParseFolds(list, "--without-folds") : [];
            var items = NerNewsCorpus.Read(set).Where(a => !excluded.Contains(a.Fold)).Select(a => a.ToTraining()).ToList();
            var options = NerNewsOptions.Recipe(parse, context.ResolvePath(parse.GetValue(shared)!), l2, iterations, threads, sample, message => context.Stderr.WriteLine(message));
            var path = context.ResolvePath(parse.GetValue(output)!);
            NerNewsOptions.Train(NerNewsOptions.BaseModel(context, parse.GetValue(baseModel)), items, options, path);

            context.Stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {path} ({new FileInfo(path).Length / 1024} KiB) in {clock.Elapsed.TotalMinutes:0.0} min"));
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>
/// <c>newsner cv-news-ner</c>: cross-validation of entity recognition on the news set by article folds. For each fold k,
/// the news layer is trained exactly as the shipped one but without fold k's articles (written to
/// <c>DIR/ner-fold{k}.nner</c>), the whole default pipeline (recognizer from that file, linking, events) runs on fold k's
/// articles (<c>DIR/predictions/NNN.json</c>), and <c>score_news.py</c> scores them; the summed figure scores every
/// predicted article at once (the counts of all folds summed).
/// </summary>
internal sealed class CvNewsNerCommand : ICliCommand
{
    /// <summary>The floors of the issue: summed entity F1 and per type.</summary>
    public static readonly (string Name, double Floor)[] Floors = [("entities", 0.88), ("ORG", 0.78), ("PER", 0.92), ("LOC", 0.90)];

    public Command Create(CliContext context)
    {
        var shared = NerNewsOptions.SharedOption();
        var baseModel = NerNewsOptions.BaseOption();
        var models = new Option<string>("--models-out") { Description = "Where to write ner-fold{k}.nner, the predictions and the report", Required = true, HelpName = "DIR" };
        var folds = new Option<string>("--folds") { Description = "The folds to score (comma-separated)", DefaultValueFactory = _ => "0,1,2,3,4", HelpName = "K,..." };
        var floors = new Option<bool>("--floors") { Description = "Exit with 1 when the summed figures are below the floors (entities 0.88, ORG 0.78, PER 0.92, LOC 0.90)" };
        var python = new Option<string>("--python") { Description = "The Python 3 interpreter", DefaultValueFactory = _ => "python3", HelpName = "PATH" };
        var scorer = new Option<string?>("--scorer") { Description = "The scorer. Default: SHARED/tools/score_news.py", HelpName = "FILE" };
        var reuse = new Option<bool>("--reuse-models") { Description = "Use the fold models already in --models-out (written by an earlier run) instead of training them: to measure a change of linking or events alone" };
        var l2 = NerNewsOptions.L2Option();
        var iterations = NerNewsOptions.IterationsOption();
        var threads = NerNewsOptions.ThreadsOption();
        var sample = NerNewsOptions.CorpusSampleOption();
        var command = new Command("cv-news-ner", "Cross-validate the news entity model by article folds (train without fold k, run the pipeline on fold k, score; needs python3)")
        {
            shared, baseModel, models, folds, floors, python, scorer, reuse, l2, iterations, threads, sample,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, cancellationToken)));
        return command;

        int Run(ParseResult parse, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var sharedDir = context.ResolvePath(parse.GetValue(shared)!);
            var set = NerNewsCorpus.TrainingSet(sharedDir);
            var scorerPath = parse.GetValue(scorer) is { } s ? context.ResolvePath(s) : Path.Combine(sharedDir, "tools", "score_news.py");
            if (!File.Exists(scorerPath))
            {
                throw new UsageException($"cannot find the scorer '{scorerPath}' (pass --scorer FILE)");
            }

            var chosen = NerNewsCorpus.ParseFolds(parse.GetValue(folds)!, "--folds");
            var all = NerNewsCorpus.Read(set);
            var known = all.Select(a => a.Fold).ToHashSet();
            foreach (var k in chosen.Where(k => !known.Contains(k)))
            {
                throw new UsageException($"fold {k} has no article in {Path.Combine(set, "folds.tsv")}");
            }

            var outDir = context.ResolvePath(parse.GetValue(models)!);
            var predictions = Path.Combine(outDir, "predictions");
            Directory.CreateDirectory(predictions);
            var baseBytes = NerNewsOptions.BaseModel(context, parse.GetValue(baseModel));
            void Say(string line)
            {
                context.Stderr.WriteLine(line);
            }

            var rows = new List<(string Name, int Articles, NerNewsScores Scores)>();
            foreach (var k in chosen)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var foldClock = Stopwatch.StartNew();
                var training = all.Where(a => a.Fold != k).Select(a => a.ToTraining()).ToList();
                var scored = all.Where(a => a.Fold == k).ToList();
                var modelPath = Path.Combine(outDir, string.Create(CultureInfo.InvariantCulture, $"ner-fold{k}.nner"));
                if (!parse.GetValue(reuse))
                {
                    NerNewsOptions.Train(baseBytes, training, NerNewsOptions.Recipe(parse, sharedDir, l2, iterations, threads, sample, null), modelPath);
                }
                else if (!File.Exists(modelPath))
                {
                    throw new UsageException($"--reuse-models: there is no {modelPath} (run once without --reuse-models)");
                }

                var trained = foldClock.Elapsed;
                NewsPipeline pipeline;
                using (var model = File.OpenRead(modelPath))
                {
                    pipeline = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().UseEntities(model).UseLinking().UseEvents().Build();
                }

                WritePredictions(pipeline, scored, predictions, cancellationToken);
                var scores = NerNewsScorer.Score(parse.GetValue(python)!, scorerPath, Path.Combine(set, "gold"), predictions, scored.Select(a => a.Id));
                rows.Add(($"fold {k}", scored.Count, scores));
                Say(string.Create(CultureInfo.InvariantCulture,
                    $"fold {k}: {scored.Count} articles, {(parse.GetValue(reuse) ? "model reused" : "trained on " + training.Count.ToString(CultureInfo.InvariantCulture))} in {trained.TotalSeconds:0}s, scored in {(foldClock.Elapsed - trained).TotalSeconds:0}s: entity F1 {scores.F1:0.000} (PER {scores.TypeF1("PER"):0.000}, LOC {scores.TypeF1("LOC"):0.000}, ORG {scores.TypeF1("ORG"):0.000})"));
            }

            var ids = all.Where(a => chosen.Contains(a.Fold)).Select(a => a.Id).ToList();
            var summed = NerNewsScorer.Score(parse.GetValue(python)!, scorerPath, Path.Combine(set, "gold"), predictions, ids);
            rows.Add(($"folds {string.Join(',', chosen)} summed", ids.Count, summed));
            var table = Table(rows);
            context.Stdout.Write(table);
            File.WriteAllText(Path.Combine(outDir, "cv-news-ner.md"), table);
            Say(string.Create(CultureInfo.InvariantCulture, $"cv-news-ner: {chosen.Count} folds in {clock.Elapsed.TotalMinutes:0.0} min; models, predictions and cv-news-ner.md in {outDir}"));

            if (!parse.GetValue(floors))
            {
                return ExitCodes.Success;
            }

            var failed = false;
            foreach (var (name, floor) in Floors)
            {
                var value = name == "entities" ? summed.F1 : summed.TypeF1(name);
                var ok = value >= floor;
                failed |= !ok;
                context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(ok ? "ok  " : "FAIL")} {name} F1 {value:0.000} {(ok ? ">=" : "<")} floor {floor:0.00}"));
            }

            return failed ? ExitCodes.Failures : ExitCodes.Success;
        }
    }

    /// <summary>Runs the pipeline on the articles and writes one <c>newsner/1</c> JSON per article (an error record when one fails).</summary>
    private static void WritePredictions(NewsPipeline pipeline, List<NerNewsItem> articles, string directory, CancellationToken cancellationToken)
    {
        var options = new NewsJsonOptions { IncludeTokens = false };
        foreach (var result in pipeline.ProcessMany(articles.Select(a => a.ToInput()), BatchOptions.AllCores, cancellationToken))
        {
            using var writer = new StreamWriter(Path.Combine(directory, result.Id + ".json"), false, new UTF8Encoding(false));
            if (result.Document is { } document)
            {
                NewsJson.Write(writer, document, options);
            }
            else
            {
                NewsJson.WriteError(writer, result.Id, result.Error?.Message ?? "unknown error", options);
            }
        }
    }

    private static string Cell(NerNewsScores scores, string type) => scores.ByType.TryGetValue(type, out var s)
        ? string.Create(CultureInfo.InvariantCulture, $"{s.P:0.000} / {s.R:0.000} / {s.F1:0.000}")
        : "–";

    private static string Table(List<(string Name, int Articles, NerNewsScores Scores)> rows)
    {
        var table = new StringBuilder();
        table.AppendLine("| set | articles | entity P / R / F1 | PER P / R / F1 | LOC P / R / F1 | ORG P / R / F1 | event F1 |");
        table.AppendLine("|---|---:|---|---|---|---|---:|");
        foreach (var (name, articles, s) in rows)
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {articles} | {s.P:0.000} / {s.R:0.000} / **{s.F1:0.000}** | {Cell(s, "PER")} | {Cell(s, "LOC")} | {Cell(s, "ORG")} | {s.EventF1:0.000} |"));
        }

        return table.ToString();
    }
}
