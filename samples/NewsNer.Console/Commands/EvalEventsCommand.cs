using System.CommandLine;
using System.Globalization;
using NewsNer.Cli.Extraction;
using NewsNer.Training.Events;
using NewsNer.Training.Evaluation.News;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>newsner eval-events</c>: scores entities and meeting events on an annotated news set with the matching of
/// <c>score_news.py</c>. With <c>--cv</c>, cross-validation by article over the set's folds: for each fold, whatever is
/// learned is trained on the other folds only, then the whole pipeline runs on the fold and is scored.
/// </summary>
internal sealed class EvalEventsCommand : ICliCommand
{
    /// <summary>The <c>--bags</c> option of the event training verbs: models per decision, averaged.</summary>
    internal static Option<int> BagsOption()
    {
        var bags = new Option<int>("--bags")
        {
            Description = "Models per decision, each on a bootstrap sample of the training articles, averaged (1: one model on all of them).",
            HelpName = "N",
            DefaultValueFactory = _ => EventTrainingOptions.DefaultBags,
        };
        bags.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
            {
                result.AddError("--bags must be between 1 and 64");
            }
        });
        return bags;
    }

    public Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "The annotated set (articles/, gold/, folds.tsv). Default: ../shared/data/events-train beside the clone.", HelpName = "DIR" };
        var cv = new Option<bool>("--cv") { Description = "Cross-validate by article over the set's folds (train on the others, score each fold)." };
        var folds = new Option<string?>("--folds") { Description = "The folds to score, comma-separated (default: all).", HelpName = "LIST" };
        var method = new Option<string>("--method")
        {
            Description = "learned: decisions trained on the other folds (with --cv; without it, the shipped model); rules: the event rules alone (the baseline).",
            HelpName = "NAME",
            DefaultValueFactory = _ => "learned",
        };
        method.AcceptOnlyFromAmong("learned", "rules");
        var learners = new Option<string?>("--learners") { Description = "Learner per decision, e.g. meeting=fasttree,role=maxent (all=LEARNER for every one); learners: rules, maxent, fasttree, lightgbm, perceptron.", HelpName = "LIST" };
        var seed = new Option<int>("--seed") { Description = "Seed of the learners.", DefaultValueFactory = _ => 1 };
        var seeds = new Option<string?>("--seeds") { Description = "With --cv: run the whole cross-validation once per seed (comma-separated) and print each seed's summed figures with their mean and standard deviation, instead of one seed's report.", HelpName = "LIST" };
        var bags = EvalEventsCommand.BagsOption();
        var thresholds = new Option<string?>("--thresholds") { Description = "Decision thresholds, e.g. meeting=0.4,party=0.5,same=0.5,argument=0.1,host=0.3,split=0.5.", HelpName = "LIST" };
        var compare = new Option<string?>("--compare-learners") { Description = "With --cv: compare, decision by decision, the rules and these learners (comma-separated: maxent, fasttree, lightgbm, perceptron) on the held-out folds, instead of scoring events.", HelpName = "LIST" };
        var tune = new Option<bool>("--tune-thresholds") { Description = "With --cv: choose the decision thresholds by coordinate ascent on the scored folds (decisions trained once per fold), instead of scoring events." };
        var diagnose = new Option<string?>("--diagnose") { Description = "With --cv: write the error analysis of the scored folds (the stage that lost each missed or false event) to this file. Never on the fold kept unread.", HelpName = "FILE" };
        var nerModels = new Option<string?>("--ner-models") { Description = "A folder of recognizers trained without each fold (ner-fold{k}.nner, from cv-news-ner): fold k is tagged with its own.", HelpName = "DIR" };
        var output = new Option<string?>("--out") { Description = "Write each scored article's JSON (NNN.json) into this folder.", HelpName = "DIR" };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Documents processed at once; 0 uses every core.", HelpName = "N", DefaultValueFactory = _ => 0 };
        var command = new Command("eval-events", "Score meeting events and entities on an annotated news set, optionally by cross-validation over its folds.")
        {
            data, cv, folds, method, learners, seed, seeds, bags, thresholds, nerModels, output, parallel, diagnose, compare, tune,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var learnerChoice = DecisionOptions.Learners(parse.GetValue(learners));
            var thresholdChoice = DecisionOptions.Thresholds(parse.GetValue(thresholds));
            var comparedLearners = parse.GetValue(compare) is { } compared ? DecisionOptions.LearnerList(compared) : null;
            var dataDir = parse.GetValue(data) is { } d ? context.ResolvePath(d) : EvalNewsCommand.FindShared(context, "data/events-train");
            var dataset = NewsDataset.Load(dataDir, ReadArticle);
            var modelDir = parse.GetValue(nerModels) is { } m ? context.ResolvePath(m) : null;
            var crossValidate = parse.GetValue(cv);
            IReadOnlyList<int>? chosen = parse.GetValue(folds) is { } list ? [.. NerNewsCorpus.ParseFolds(list, "--folds")] : null;
            if (!crossValidate && (chosen is not null || modelDir is not null))
            {
                throw new UsageException("--folds and --ner-models need --cv");
            }

            if (comparedLearners is not null)
            {
                if (!crossValidate)
                {
                    throw new UsageException("--compare-learners needs --cv");
                }

                var comparisonOptions = new EventTrainingOptions { Learners = learnerChoice, Seed = parse.GetValue(seed), Bags = parse.GetValue(bags), Log = message => context.Stderr.WriteLine(message) };
                EventDecisionComparison.Run(dataset, chosen ?? dataset.FoldNumbers, fold =>
                {
                    using var recognizer = modelDir is null ? null : OpenRecognizer(Path.Combine(modelDir, $"ner-fold{fold}.nner"));
                    return EventModelTrainer.LinkingPipeline(recognizer);
                }, comparedLearners, comparisonOptions, context.Stdout);
                return Task.FromResult(ExitCodes.Success);
            }

            if (parse.GetValue(tune))
            {
                if (!crossValidate)
                {
                    throw new UsageException("--tune-thresholds needs --cv");
                }

                var tuningOptions = new EventTrainingOptions
                {
                    Learners = learnerChoice,
                    Thresholds = thresholdChoice,
                    Seed = parse.GetValue(seed),
                    Bags = parse.GetValue(bags),
                    Log = message => context.Stderr.WriteLine(message),
                };
                EventThresholdTuning.Run(dataset, chosen ?? dataset.FoldNumbers, fold =>
                {
                    using var recognizer = modelDir is null ? null : OpenRecognizer(Path.Combine(modelDir, $"ner-fold{fold}.nner"));
                    return EventModelTrainer.LinkingPipeline(recognizer);
                }, tuningOptions, context.Stdout);
                return Task.FromResult(ExitCodes.Success);
            }

            IReadOnlyList<int> seedList = parse.GetValue(seeds) is { } seedText
                ? IntegerList.Parse(seedText, "--seeds")
                : [parse.GetValue(seed)];
            if (parse.GetValue(seeds) is not null && (!crossValidate || parse.GetValue(method) == "rules" || parse.GetValue(diagnose) is not null || parse.GetValue(output) is not null))
            {
                throw new UsageException("--seeds needs --cv and the learned method, and writes neither --diagnose nor --out");
            }

            using var diagnosis = parse.GetValue(diagnose) is { } d2 ? new StreamWriter(context.ResolvePath(d2)) : null;
            var runs = new List<(int Seed, NewsCrossValidationResult Result)>();
            foreach (var learnerSeed in seedList)
            {
                var options = new NewsCrossValidationOptions
                {
                    Folds = crossValidate ? chosen : [0],
                    Parallelism = parse.GetValue(parallel),
                    OutputDirectory = parse.GetValue(output) is { } o ? context.ResolvePath(o) : null,
                    Log = message => context.Stderr.WriteLine(message),
                    PipelineForFold = (fold, training) =>
                    {
                        using var recognizer = modelDir is null ? null : OpenRecognizer(Path.Combine(modelDir, $"ner-fold{fold}.nner"));
                        var linking = EventModelTrainer.LinkingPipeline(recognizer);
                        if (parse.GetValue(method) == "rules")
                        {
                            return EventModelTrainer.WithRules(linking);
                        }

                        if (!crossValidate)
                        {
                            return modelDir is null ? context.Pipeline : EventModelTrainer.WithShippedModel(linking);
                        }

                        var trainingOptions = new EventTrainingOptions
                        {
                            Learners = learnerChoice,
                            Thresholds = thresholdChoice,
                            Seed = learnerSeed,
                            Bags = parse.GetValue(bags),
                            Log = message => context.Stderr.WriteLine(message),
                        };
                        using var model = new MemoryStream();
                        EventModelTrainer.Train(linking, training, dataset.Gold, trainingOptions, model);
                        if (diagnosis is not null)
                        {
                            model.Position = 0;
                            EventDiagnostics.Write(linking, model, dataset.InFold(fold), dataset.Gold, diagnosis);
                        }

                        model.Position = 0;
                        return EventModelTrainer.WithModel(linking, model);
                    },
                };
                runs.Add((learnerSeed, NewsCrossValidation.Run(crossValidate ? dataset : AsOneFold(dataset), options, cancellationToken)));
            }

            if (runs.Count == 1)
            {
                NewsScoreReport.Write(context.Stdout, runs[0].Result);
            }
            else
            {
                NewsScoreReport.WriteSeeds(context.Stdout, runs);
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>An article file as the console's <c>extract</c> reads it (headers as metadata, the date as publication date).</summary>
    internal static NewsArticle ReadArticle(string id, string content)
    {
        var article = Article.Parse(content);
        return new NewsArticle(id, article.Text, new DocumentOptions { PublicationDate = article.Date, Source = id + ".txt", Metadata = article.Metadata() });
    }

    private static FileStream OpenRecognizer(string path) =>
        File.Exists(path) ? File.OpenRead(path) : throw new UsageException($"no recognizer for this fold: '{path}' (train them with cv-news-ner --models-out)");

    private static NewsDataset AsOneFold(NewsDataset dataset) => dataset.WithSingleFold();
}
