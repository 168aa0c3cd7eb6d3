using System.CommandLine;
using NewsNer.Cli.Broker;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>newsner collect --amqp URI --output FILE.jsonl|DIR</c>: drains the results queue into JSON Lines or Parquet tables,
/// one result per document id, acknowledging results only once they are on disk.
/// </summary>
internal sealed class CollectCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var broker = new BrokerCommandOptions();
        var output = new Option<string>("--output", "-o")
        {
            Description = "A .jsonl file (appended to) or, for Parquet, a folder (one part of the six tables per batch is added). "
                + "Documents already in the output are not written again.",
            HelpName = "FILE|DIR",
            Required = true,
        };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "jsonl or parquet. Default: parquet when --output is a folder (existing, ending with /, or without extension), jsonl otherwise.",
            HelpName = "jsonl|parquet",
        };
        format.AcceptOnlyFromAmong("jsonl", "parquet");
        var expect = BrokerCommandOptions.AtLeast("--expect", "Stop once the output holds this many documents (0: no target).", 0L, 0L);
        var idle = BrokerCommandOptions.Seconds("--idle", "Stop after this long without a result.", 10, 0.1);
        var follow = new Option<bool>("--follow") { Description = "Never stop for lack of results: run until SIGTERM or Ctrl-C (a long-running collector)." };
        var batch = BrokerCommandOptions.AtLeast(
            "--batch", "Results written, synced to disk and acknowledged together; with Parquet, the documents of one part.", 500, 1);
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary on standard error." };
        var command = new Command("collect", "Drain the results of RabbitMQ workers into JSON Lines or Parquet, one result per document id.")
        {
            output, format, expect, idle, follow, batch, quiet,
        };
        broker.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = broker.Parse(parse);
            var name = parse.GetValue(output)!;
            var path = context.ResolvePath(name);
            var toFolder = Directory.Exists(path) || name.EndsWith('/') || name.EndsWith(Path.DirectorySeparatorChar) || Path.GetExtension(name).Length == 0;
            var parquet = parse.GetValue(format) is { } chosen ? chosen == "parquet" : toFolder;
            if (parquet && File.Exists(path))
            {
                throw new UsageException($"--format parquet writes a folder of tables, but --output '{name}' is a file: give a folder");
            }

            if (!parquet && Directory.Exists(path))
            {
                throw new UsageException($"--format jsonl writes one file, but --output '{name}' is a folder: give a file such as {Path.Combine(name, "results.jsonl")}");
            }

            var options = new CollectOptions
            {
                Broker = settings,
                Expect = parse.GetValue(expect),
                Idle = parse.GetValue(follow) ? TimeSpan.Zero : TimeSpan.FromSeconds(parse.GetValue(idle)),
                Batch = parse.GetValue(batch),
            };
            CollectSummary summary;
            await using (IResultSink sink = parquet ? new ParquetResultSink(path, options.Batch) : new JsonLinesResultSink(path))
            {
                try
                {
                    summary = await new ResultCollector(options, sink, context.Stderr).RunAsync(cancellationToken);
                }
                catch (BrokerSetupException error)
                {
                    await context.Stderr.WriteLineAsync("newsner collect: " + error.Message);
                    return ExitCodes.Failures;
                }

                if (!parse.GetValue(quiet) || summary.ExpectationMissed)
                {
                    await context.Stderr.WriteLineAsync(
                        $"newsner collect: {summary.Written} results written to {sink.Name} ({summary.Errors} error records), "
                        + $"{summary.Duplicates} duplicates dropped, {summary.Total} documents in the output; stopped: {summary.StopReason}"
                        + (summary.ExpectationMissed ? $" — fewer than the {options.Expect} expected" : ""));
                }
            }

            return summary.Errors == 0 && !summary.ExpectationMissed ? ExitCodes.Success : ExitCodes.Failures;
        });
        return command;
    }
}
