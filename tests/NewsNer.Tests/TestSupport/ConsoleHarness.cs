using NewsNer.Cli;

namespace NewsNer.Tests.TestSupport;

/// <summary>Runs <c>newsner</c> in-process with captured standard streams.</summary>
internal static class ConsoleHarness
{
    public static ConsoleRun Run(params string[] args) => Run(args, stdin: "", currentDirectory: null);

    public static ConsoleRun Run(string[] args, string stdin, string? currentDirectory = null, TextWriter? stdout = null, CancellationToken cancellationToken = default)
    {
        stdout ??= new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(new StringReader(stdin), stdout, stderr, currentDirectory);
        var exit = ConsoleApp.RunAsync(args, context, cancellationToken).GetAwaiter().GetResult();
        return new ConsoleRun(exit, stdout.ToString() ?? "", stderr.ToString());
    }
}

internal sealed record ConsoleRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The non-empty lines of standard output.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "newsner-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relative, string content)
    {
        var path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content, new System.Text.UTF8Encoding(false));
        return path;
    }

    public string Bytes(string relative, byte[] content)
    {
        var path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
