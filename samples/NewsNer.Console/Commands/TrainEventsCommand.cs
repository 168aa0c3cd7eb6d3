using System.CommandLine;
using System.Diagnostics;
using NewsNer.Training.Evaluation.News;
using NewsNer.Training.Events;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>newsner train-events</c>: trains the learned decisions of the event layer on an annotated news set (all its
/// articles) and writes the model file the library embeds (<c>src/NewsNer/Resources/models/events-fr.nev</c>).
/// Deterministic for a seed.
/// </summary>
internal sealed class TrainEventsCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "The annotated set (articles/, gold/). Default: ../shared/data/events-train beside the clone.", HelpName = "DIR" };
        var output = new Option<string>("--out") { Description = "The model file to write.", HelpName = "FILE", Required = true };
        var recognizer = new Option<string?>("--ner-model") { Description = "Tag the articles with this recognizer instead of the embedded one.", HelpName = "FILE" };
        var learners = new Option<string?>("--learners") { Description = "Learner per decision, e.g. meeting=lightgbm (default: the ones chosen by cross-validation, docs/events.md).", HelpName = "LIST" };
        var thresholds = new Option<string?>("--thresholds") { Description = "Decision thresholds (default: the ones chosen by cross-validation).", HelpName = "LIST" };
        var seed = new Option<int>("--seed") { Description = "Seed of the learners.", DefaultValueFactory = _ => 1 };
        var bags = EvalEventsCommand.BagsOption();
        var command = new Command("train-events", "Train the event layer's learned decisions on an annotated news set and write the model file.")
        {
            data, output, recognizer, learners, thresholds, seed, bags,
        };
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var learnerChoice = DecisionOptions.Learners(parse.GetValue(learners));
            var thresholdChoice = DecisionOptions.Thresholds(parse.GetValue(thresholds));
            var dataDir = parse.GetValue(data) is { } d ? context.ResolvePath(d) : EvalNewsCommand.FindShared(context, "data/events-train");
            var dataset = NewsDataset.Load(dataDir, EvalEventsCommand.ReadArticle);
            var options = new EventTrainingOptions
            {
                Learners = learnerChoice,
                Thresholds = thresholdChoice,
                Seed = parse.GetValue(seed),
                Bags = parse.GetValue(bags),
                Log = message => context.Stderr.WriteLine(message),
            };
            using var model = parse.GetValue(recognizer) is { } path ? File.OpenRead(context.ResolvePath(path)) : null;
            var linking = EventModelTrainer.LinkingPipeline(model);
            var outPath = context.ResolvePath(parse.GetValue(output)!);
            using (var file = File.Create(outPath))
            {
                EventModelTrainer.Train(linking, dataset.Articles, dataset.Gold, options, file);
            }

            context.Stderr.WriteLine($"newsner: trained on {dataset.Articles.Count} articles in {clock.Elapsed.TotalSeconds:0} s; wrote {outPath} ({new FileInfo(outPath).Length / 1024} KB)");
            return ExitCodes.Success;
        });
        return command;
    }
}
