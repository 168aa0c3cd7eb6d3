using System.Text;

namespace NewsNer.Cli;

/// <summary>
/// The world a verb runs in: standard streams, whether they are terminals, the working directory and the pipeline.
/// Tests build one over string writers and run verbs in-process.
/// </summary>
internal sealed class CliContext
{
    private readonly Lazy<NewsPipeline> _pipeline;

    public CliContext(TextReader stdin, TextWriter stdout, TextWriter stderr, string? currentDirectory = null, NewsPipeline? pipeline = null)
    {
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
        CurrentDirectory = currentDirectory ?? Environment.CurrentDirectory;
        _pipeline = pipeline is null ? new Lazy<NewsPipeline>(NewsPipeline.CreateDefault) : new Lazy<NewsPipeline>(pipeline);
    }

    /// <summary>UTF-8 that refuses invalid bytes instead of silently replacing them.</summary>
    public static UTF8Encoding StrictUtf8 { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public TextReader Stdin { get; }

    /// <summary>
    /// Standard input as bytes, when the process has it (tests give text through <see cref="Stdin"/> only): read raw, it
    /// gets the checks and decoding of a file (binary data, <c>--encoding</c>, web pages). Read one or the other, never both.
    /// </summary>
    public Stream? StdinStream { get; init; }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    public bool StdoutIsTerminal { get; init; }

    public bool StderrIsTerminal { get; init; }

    /// <summary>Terminal width for tables, or null to use 120 columns when the output is not a terminal.</summary>
    public int? Width { get; init; }

    public string CurrentDirectory { get; }

    /// <summary>The pipeline, built on first use (loading models takes a moment).</summary>
    public NewsPipeline Pipeline => _pipeline.Value;

    public string ResolvePath(string path) => Path.GetFullPath(path, CurrentDirectory);

    public static CliContext FromProcess()
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
        var input = Console.OpenStandardInput();
        var stdin = new StreamReader(input, StrictUtf8, detectEncodingFromByteOrderMarks: true);
        return new CliContext(stdin, stdout, stderr)
        {
            StdinStream = input,
            StdoutIsTerminal = !Console.IsOutputRedirected,
            StderrIsTerminal = !Console.IsErrorRedirected,
            Width = Console.IsOutputRedirected ? null : SafeWindowWidth(),
        };
    }

    private static int? SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
