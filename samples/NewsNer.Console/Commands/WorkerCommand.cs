using System.CommandLine;
using NewsNer.Cli.Broker;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>newsner worker --amqp URI</c>: processes articles from the broker's articles queue until stopped, publishing each
/// result with confirms before acknowledging the article. Run one per machine (or per core); they share the queue.
/// </summary>
internal sealed class WorkerCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var broker = new BrokerCommandOptions();
        var parallel = BrokerCommandOptions.AtLeast("--parallel", "Articles processed at once; 0 (the default) uses every core.", 0, 0);
        parallel.Aliases.Add("-p");
        var prefetch = BrokerCommandOptions.AtLeast(
            "--prefetch", "Articles taken from the queue ahead of processing (unacknowledged, bounding memory); 0 (the default) is twice --parallel.", 0, 0);
        var maxBytes = BrokerCommandOptions.AtLeast(
            "--max-bytes", "Size limit of a message body; a bigger one is a poison message (error record, dead letter).", 2L * 1024 * 1024, 1L, "BYTES");
        var timeout = BrokerCommandOptions.Seconds("--timeout", "Per-document time limit; an article over it is a poison message.", 30, 0.001);
        var maxAttempts = BrokerCommandOptions.AtLeast(
            "--max-attempts", "Deliveries of one article (a worker died or stopped holding it) after which it is a poison message.", 5, 1);
        var noTokens = new Option<bool>("--no-tokens") { Description = "Leave tokens out of the results (much smaller; sentences, entities and events stay)." };
        var maxMessages = BrokerCommandOptions.AtLeast("--max-messages", "Stop after this many articles (0: never).", 0L, 0L);
        var idleExit = BrokerCommandOptions.Seconds("--idle-exit", "Stop after this long without an article, for batch jobs (0: never).", 0);
        var drain = BrokerCommandOptions.Seconds(
            "--drain-timeout", "On SIGTERM or Ctrl-C, how long to wait for the articles being processed before returning them to the queue.", 30);
        var status = BrokerCommandOptions.Seconds("--status", "Seconds between progress lines on standard error (0: none).", 30);
        var command = new Command(
            "worker",
            "Process articles from a RabbitMQ queue: results are published with confirms before the article is acknowledged; "
            + "poison articles get an error record and a dead letter. Stops cleanly on SIGTERM.")
        {
            parallel, prefetch, maxBytes, timeout, maxAttempts, noTokens, maxMessages, idleExit, drain, status,
        };
        broker.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = broker.Parse(parse);
            var workers = parse.GetValue(parallel) is > 0 and var p ? p : Environment.ProcessorCount;
            var ahead = parse.GetValue(prefetch) is > 0 and var a ? a : 2 * workers;
            var options = new WorkerOptions
            {
                Broker = settings,
                Parallel = workers,
                Prefetch = (ushort)Math.Clamp(Math.Max(ahead, workers), 1, ushort.MaxValue),
                MaxBytes = parse.GetValue(maxBytes),
                TimeLimit = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MaxAttempts = parse.GetValue(maxAttempts),
                IncludeTokens = !parse.GetValue(noTokens),
                MaxMessages = parse.GetValue(maxMessages),
                IdleExit = TimeSpan.FromSeconds(parse.GetValue(idleExit)),
                DrainTimeout = TimeSpan.FromSeconds(parse.GetValue(drain)),
                StatusInterval = TimeSpan.FromSeconds(parse.GetValue(status)),
            };

            // Load the models before taking articles, so the first ones do not wait on them while they count against the time limit.
            var pipeline = context.Pipeline;
            using var worker = new NewsWorker(options, pipeline.Process, context.Stderr);
            try
            {
                await worker.RunAsync(cancellationToken);
            }
            catch (BrokerSetupException error)
            {
                await context.Stderr.WriteLineAsync("newsner worker: " + error.Message);
                return ExitCodes.Failures;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
