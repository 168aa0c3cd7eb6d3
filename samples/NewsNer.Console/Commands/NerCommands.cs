using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NewsNer.Training;
using NewsNer.Training.Conll;
using NewsNer.Training.Evaluation;
using NewsNer.Training.Resources;

namespace NewsNer.Cli.Commands;

/// <summary><c>newsner train</c>: trains an entity recognizer model on CoNLL data (deterministic for a seed).</summary>
internal sealed class TrainCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var train = new Option<string>("--train") { Description = "Training CoNLL files, comma-separated; each PATH[@weight=W][@unlabeled=MISC+ORG][@max=N]", Required = true };
        var dev = new Option<string?>("--dev") { Description = "A development CoNLL file scored after training" };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (Microsoft.ML learner)", DefaultValueFactory = _ => 1 };
        var learner = new Option<string>("--learner") { Description = "crf (default) or maxent (Microsoft.ML LbfgsMaximumEntropy)", DefaultValueFactory = _ => "crf" };
        var l2 = new Option<double>("--l2") { Description = "L2 regularization", DefaultValueFactory = _ => 1.0 };
        var minCount = new Option<int>("--min-count") { Description = "Drop features seen fewer times", DefaultValueFactory = _ => 2 };
        var iterations = new Option<int>("--iterations") { Description = "Maximum optimizer iterations", DefaultValueFactory = _ => 150 };
        var defaultProfile = new Option<string?>("--default-profile") { Description = "With @domain= sources: the profile used by default (default: shared weights alone)" };
        var tokenization = new Option<string>("--tokenization") { Description = "Tokens to train on: original (the corpus's), library (re-tokenized with the NewsNer tokenizer) or both (default)", DefaultValueFactory = _ => "both" };
        var threads = new Option<int>("--threads") { Description = "Threads for the gradient (the CRF result does not depend on it)", DefaultValueFactory = _ => 2 };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "CRF: also write the model after these iterations (comma-separated) to OUT.N.nner, to choose the iteration count on dev data in one run" };
        var command = new Command("train", "Train an entity recognizer model on CoNLL data (deterministic for a seed)")
        {
            train, dev, output, seed, learner, l2, minCount, iterations, threads, defaultProfile, tokenization, checkpoints,
        };
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var options = new NerTrainingOptions
            {
                Sources = [.. parse.GetValue(train)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TrainingSource.Parse).Select(s => s with { Path = context.ResolvePath(s.Path) })],
                Learner = parse.GetValue(learner) == "maxent" ? NerLearner.MaxEnt : NerLearner.Crf,
                L2 = parse.GetValue(l2),
                MinFeatureCount = parse.GetValue(minCount),
                MaxIterations = parse.GetValue(iterations),
                Threads = parse.GetValue(threads),
                Seed = parse.GetValue(seed),
                DefaultProfile = parse.GetValue(defaultProfile),
                Tokenization = parse.GetValue(tokenization) switch
                {
                    "original" => TrainingTokenization.Original,
                    "library" => TrainingTokenization.Library,
                    "both" => TrainingTokenization.Both,
                    var other => throw new ArgumentException($"Unknown --tokenization '{other}' (original, library or both)."),
                },
                Log = message => context.Stderr.WriteLine(message),
                Checkpoints = parse.GetValue(checkpoints)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(n => int.Parse(n, CultureInfo.InvariantCulture))
                    .ToDictionary(n => n, n => Path.ChangeExtension(context.ResolvePath(parse.GetValue(output)!), string.Create(CultureInfo.InvariantCulture, $".{n}.nner"))),
            };
            var path = context.ResolvePath(parse.GetValue(output)!);
            using (var file = File.Create(path))
            {
                NerTrainer.Train(options, file);
            }

            context.Stderr.WriteLine($"wrote {path} ({new FileInfo(path).Length / 1024} KiB) in {clock.Elapsed.TotalMinutes:0.0} min");
            var devPath = parse.GetValue(dev);
            if (devPath is not null)
            {
                var scores = NerEvaluator.Create(path).Evaluate(ConllReader.ReadFile(context.ResolvePath(devPath)));
                context.Stdout.WriteLine($"dev {devPath}");
                context.Stdout.Write(scores.Format());
            }

            return 0;
        });
        return command;
    }
}

/// <summary><c>newsner eval-ner</c>: tags the given tokens of a CoNLL file and prints strict span scores (as conlleval).</summary>
internal sealed class EvalNerCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var test = new Argument<string>("test") { Description = "A CoNLL file (TOKEN<TAB>TAG)" };
        var model = NerCommandOptions.ModelOption();
        var noConsistency = NerCommandOptions.NoConsistencyOption();
        var profile = NerCommandOptions.ProfileOption();
        var types = NerCommandOptions.TypesOption();
        var command = new Command("eval-ner", "Tag the given tokens of a CoNLL file and print strict span P/R/F1 per type (as conlleval)")
        {
            test, model, noConsistency, profile, types,
        };
        command.SetAction(parse =>
        {
            var documents = ConllReader.ReadFile(context.ResolvePath(parse.GetValue(test)!));
            var evaluator = NerCommandOptions.Evaluator(context, parse.GetValue(model), !parse.GetValue(noConsistency), parse.GetValue(profile), parse.GetValue(types), documents);
            var scores = evaluator.Evaluate(documents);
            context.Stdout.Write(scores.Format());
            return 0;
        });
        return command;
    }
}

/// <summary><c>newsner tag-conll</c>: writes TOKEN, GOLD and predicted tags for the same tokens.</summary>
internal sealed class TagConllCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "A CoNLL file (TOKEN<TAB>TAG)" };
        var model = NerCommandOptions.ModelOption();
        var output = new Option<string?>("--out") { Description = "Output file (default: standard output)" };
        var noConsistency = NerCommandOptions.NoConsistencyOption();
        var profile = NerCommandOptions.ProfileOption();
        var types = NerCommandOptions.TypesOption();
        var command = new Command("tag-conll", "Tag a CoNLL file's tokens and write TOKEN<TAB>GOLD<TAB>PRED (score it with conlleval.py)")
        {
            input, model, output, noConsistency, profile, types,
        };
        command.SetAction(parse =>
        {
            var documents = ConllReader.ReadFile(context.ResolvePath(parse.GetValue(input)!));
            var evaluator = NerCommandOptions.Evaluator(context, parse.GetValue(model), !parse.GetValue(noConsistency), parse.GetValue(profile), parse.GetValue(types), documents);
            var path = parse.GetValue(output);
            using var writer = path is null ? null : new StreamWriter(context.ResolvePath(path), false, new System.Text.UTF8Encoding(false));
            var target = writer ?? context.Stdout;
            evaluator.Evaluate(documents, target);
            return 0;
        });
        return command;
    }
}

/// <summary><c>newsner train-profile-classifier</c>: trains the profile classifier of an existing model.</summary>
internal sealed class TrainProfileClassifierCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "The model file", Required = true };
        var train = new Option<string>("--train") { Description = "Domain-tagged CoNLL sources, as for train: PATH@domain=NAME[@unlabeled=MISC],...", Required = true };
        var output = new Option<string>("--out") { Description = "Model file to write (the model with the classifier)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (Microsoft.ML)", DefaultValueFactory = _ => 1 };
        var command = new Command("train-profile-classifier", "Train the classifier that tells from the text which profile (annotation convention) a CoNLL file follows, into an existing model")
        {
            model, train, output, seed,
        };
        command.SetAction(parse =>
        {
            var options = new NerTrainingOptions
            {
                Sources = [.. parse.GetValue(train)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TrainingSource.Parse).Select(s => s with { Path = context.ResolvePath(s.Path) })],
                Seed = parse.GetValue(seed),
                Log = message => context.Stderr.WriteLine(message),
            };
            using var input = new MemoryStream(File.ReadAllBytes(context.ResolvePath(parse.GetValue(model)!)));
            using var file = File.Create(context.ResolvePath(parse.GetValue(output)!));
            NerTrainer.AttachProfileClassifier(options, input, file);
            return 0;
        });
        return command;
    }
}

/// <summary><c>newsner build-resources</c>: compiles the recognizer's lexicons and word clusters from the shared data.</summary>
internal sealed class BuildResourcesCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var shared = new Option<string>("--shared") { Description = "The shared data folder", DefaultValueFactory = _ => "../shared" };
        var output = new Option<string>("--out") { Description = "Output folder", DefaultValueFactory = _ => "src/NewsNer/Resources/ner" };
        var clusters = new Option<bool>("--no-clusters") { Description = "Leave out the word clusters (learned from the corpora's training text)" };
        var clusterSplits = new Option<string>("--cluster-splits") { Description = "Splits whose text the word clusters learn from, comma-separated (train, dev; never test)", DefaultValueFactory = _ => "train" };
        var command = new Command("build-resources", "Compile the recognizer's lexicons (and word clusters) from the shared data")
        {
            shared, output, clusters, clusterSplits,
        };
        command.SetAction(parse =>
        {
            var sharedDir = context.ResolvePath(parse.GetValue(shared)!);
            var outDir = context.ResolvePath(parse.GetValue(output)!);
            Directory.CreateDirectory(outDir);
            var splits = parse.GetValue(clusterSplits)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var paths = parse.GetValue(clusters) ? null : WordClusters.LearnFromCorpora(sharedDir, log: message => context.Stderr.WriteLine(message), splits: splits);
            var path = Path.Combine(outDir, "lexicons.bin.gz");
            using (var file = File.Create(path))
            {
                LexiconCompiler.Build(sharedDir, paths, file, message => context.Stderr.WriteLine(message));
            }

            context.Stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {path} ({new FileInfo(path).Length / 1024} KiB)"));
            return 0;
        });
        return command;
    }
}

/// <summary>Helpers shared by the entity verbs.</summary>
internal static class NerCommandOptions
{
    public static Option<string?> ModelOption() => new("--model") { Description = "Model file (default: the embedded model)" };

    public static Option<bool> NoConsistencyOption() => new("--no-consistency") { Description = "Skip the document-level second pass" };

    public static Option<string?> TypesOption() => new("--types")
    {
        Description = "Only predict these types (comma-separated, e.g. PER,LOC,ORG for a corpus without MISC); default: the types of the profile's convention",
    };

    public static Option<string?> ProfileOption() => new("--profile")
    {
        Description = "Model profile (annotation convention): auto (default: identified from the text, never from its labels), default (the model's news profile) or a name (sequoia, wikiann, wikineural, historical)",
        DefaultValueFactory = _ => NerEvaluator.AutoProfile,
    };

    /// <summary>The evaluator for a file: profile resolved (and printed to standard error), types from the profile's convention.</summary>
    public static NerEvaluator Evaluator(CliContext context, string? model, bool consistency, string? profile, string? types, IReadOnlyList<ConllDocument> documents)
    {
        var modelPath = model is null ? null : context.ResolvePath(model);
        var (chosen, chosenTypes, explanation) = NerEvaluator.ChooseProfile(modelPath, profile is "default" or "" ? null : profile, documents, ParseTypes(types));
        context.Stderr.WriteLine(explanation);
        return NerEvaluator.Create(modelPath, consistency, chosen, chosenTypes);
    }

    public static IReadOnlyCollection<NewsNer.Entities.EntityType>? ParseTypes(string? list) => list is null ? null :
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => NewsNer.Entities.EntityTypes.TryParse(t, out var type) ? type : throw new ArgumentException($"Unknown entity type '{t}' (PER, LOC, ORG, MISC)."))];
}
