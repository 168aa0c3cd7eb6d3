using System.CommandLine;
using NewsNer.Cli.Broker;
using NewsNer.Cli.Extraction;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>newsner enqueue FOLDER|FILE|FILE.jsonl|- --amqp URI</c>: publishes articles to the broker's articles queue with
/// publisher confirms; a journal of confirmed ids makes it resumable.
/// </summary>
internal sealed class EnqueueCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var broker = new BrokerCommandOptions();
        var input = new Argument<string>("input")
        {
            Description = "A folder of articles (.txt, .html, recursively, read as extract reads them), one article file, "
                + "or JSON Lines of {\"id\", \"text\", \"date\", \"source\", \"metadata\"} articles (a .jsonl file, or - for standard input).",
        };
        var date = ExtractCommand.DateOption();
        var encoding = new Option<string>("--encoding")
        {
            Description = "Encoding of article files without a byte-order mark: utf-8 (the default, strict), latin1, windows-1252.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "utf-8",
        };
        var journal = new Option<string?>("--journal")
        {
            Description = "File of the ids the broker confirmed; a second run skips them (resume after an interruption). "
                + "Default: INPUT.enqueued beside a file or folder input; none for standard input.",
            HelpName = "PATH",
        };
        var noJournal = new Option<bool>("--no-journal") { Description = "Keep no journal: every article is published, even if an earlier run did." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary on standard error (failures are still reported)." };
        var command = new Command("enqueue", "Publish articles to a RabbitMQ queue for workers, with publisher confirms (resumable).")
        {
            input, date, encoding, journal, noJournal, quiet,
        };
        broker.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = broker.Parse(parse);
            var name = parse.GetValue(input)!;
            var items = ArticleSource.Read(context, name, parse.GetValue(date), TextFiles.Resolve(parse.GetValue(encoding)!));
            var journalPath = parse.GetValue(noJournal) ? null
                : parse.GetValue(journal) is { } given ? context.ResolvePath(given)
                : name == "-" ? null
                : context.ResolvePath(name).TrimEnd('/', Path.DirectorySeparatorChar) + ".enqueued";
            using var ledger = journalPath is null ? EnqueueJournal.None() : EnqueueJournal.Open(journalPath);
            var feeder = new ArticleFeeder(settings, ledger, context.Stderr);
            EnqueueSummary summary;
            try
            {
                summary = await feeder.RunAsync(items, cancellationToken);
            }
            catch (BrokerSetupException error)
            {
                await context.Stderr.WriteLineAsync("newsner enqueue: " + error.Message);
                return ExitCodes.Failures;
            }
            catch (Exception error) when (BrokerSettings.IsTransient(error))
            {
                await context.Stderr.WriteLineAsync($"newsner enqueue: cannot reach the broker at {settings.Display}: {error.Message} "
                    + (ledger.Path is null ? "" : $"(the journal {ledger.Path} holds what was confirmed; run again to resume)"));
                return ExitCodes.Failures;
            }

            if (!parse.GetValue(quiet))
            {
                var journalNote = ledger.Path is null ? "" : $" (journal {ledger.Path})";
                await context.Stderr.WriteLineAsync(
                    $"newsner enqueue: {summary.Published} published to {settings.ArticlesQueue} at {settings.Display}, "
                    + $"{summary.AlreadyEnqueued} already enqueued{journalNote}, {summary.Failures.Count} failed, "
                    + $"{summary.Elapsed.TotalSeconds:0.0} s ({ArticleFeeder.Rate(summary.Published, summary.Elapsed)} articles/s)");
            }

            return summary.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failures;
        });
        return command;
    }
}
