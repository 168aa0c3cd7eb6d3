namespace NewsNer.Cli;

/// <summary>The console's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Every input was processed.</summary>
    public const int Success = 0;

    /// <summary>Some inputs could not be read or processed (each got an error record), or a tool the verb needs is missing.</summary>
    public const int Failures = 1;

    /// <summary>The command line is wrong: unknown option, bad value, missing input.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C or SIGTERM, after flushing what was done (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}

/// <summary>A command line that parses but cannot be honoured (missing input, contradictory options): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
