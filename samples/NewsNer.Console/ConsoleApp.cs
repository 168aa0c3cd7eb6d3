using System.CommandLine;
using NewsNer.Cli.Commands;

namespace NewsNer.Cli;

/// <summary>Builds the <c>newsner</c> command line from the verbs of <see cref="CommandCatalog"/> and runs it.</summary>
internal static class ConsoleApp
{
    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand("NewsNer: French news information extraction (tokens, sentences, entities, diplomatic meetings).");
        foreach (var command in CommandCatalog.Create(context))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs a command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var name = command == root ? "newsner" : "newsner " + command.Name;
            var message = parsed.UnmatchedTokens.Count > 0
                ? $"unrecognized command or argument '{parsed.UnmatchedTokens[0]}'"
                : OneLine(parsed.Errors[0].Message).TrimEnd('.');
            await context.Stderr.WriteLineAsync($"newsner: {message} (see '{name} --help')");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = context.Stdout,
            Error = context.Stderr,
            EnableDefaultExceptionHandler = false,

            // Program.cs owns Ctrl-C: the token it passes here is cancelled on the first signal.
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (UsageException error)
        {
            await context.Stderr.WriteLineAsync($"newsner: {OneLine(error.Message)}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Stderr.WriteLineAsync("newsner: interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The environment failed the run (output closed or full, a file vanished): one line, not a stack trace.
            await context.Stderr.WriteLineAsync($"newsner: {error.GetType().Name}: {OneLine(error.Message)}");
            return ExitCodes.Failures;
        }
        finally
        {
            await FlushQuietly(context.Stdout);
        }
    }

    /// <summary>Flushes a stream whose reader may be gone (<c>newsner … | head</c>): nothing more can be said there.</summary>
    public static async Task FlushQuietly(TextWriter writer)
    {
        try
        {
            await writer.FlushAsync(CancellationToken.None);
        }
        catch (IOException)
        {
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
