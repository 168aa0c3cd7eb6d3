using System.CommandLine;
using NewsNer.Training.Events;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>newsner eval-meeting-classifier FILE</c>: on French sentences labelled reported / planned / past / none (see
/// <c>tests/NewsNer.Tests/Events/Data/meeting-statements.tsv</c>), compares the meeting rules with a Microsoft.ML
/// maximum-entropy classifier trained on the rules' raw evidence, by k-fold cross-validation, and prints the table.
/// </summary>
internal sealed class EvalMeetingClassifierCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var data = new Argument<string>("FILE") { Description = "Labelled sentences: a 'names:' line, then 'label<TAB>sentence' lines." };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds.", HelpName = "K", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fold split and the learner.", HelpName = "N", DefaultValueFactory = _ => 1 };
        var command = new Command("eval-meeting-classifier", "Compare the meeting rules with a learned classifier on labelled sentences (cross-validation).")
        {
            data, folds, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = context.ResolvePath(parse.GetValue(data)!);
            if (!File.Exists(path))
            {
                throw new UsageException($"no such file: '{path}'");
            }

            MeetingClassifierReport report;
            try
            {
                report = MeetingClassifierEvaluation.Run(path, parse.GetValue(folds), parse.GetValue(seed));
            }
            catch (Exception error) when (error is FormatException or ArgumentOutOfRangeException)
            {
                throw new UsageException(error.Message);
            }

            await context.Stdout.WriteAsync(report.ToTable().AsMemory(), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
