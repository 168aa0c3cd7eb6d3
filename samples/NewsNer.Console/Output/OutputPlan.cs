using System.Text;
using NewsNer.Serialization;

namespace NewsNer.Cli.Output;

/// <summary>The output formats of <c>newsner extract</c> and <c>newsner render</c>.</summary>
internal enum OutputFormat
{
    Json,
    Jsonl,
    Table,
    Csv,
    Html,
    Parquet,
}

/// <summary>
/// Where and how results are written, decided once from <c>--format</c>, <c>--output</c> and whether there are many
/// inputs (a folder, a JSON Lines file): the one place that knows which sink serves which combination.
/// </summary>
internal sealed class OutputPlan
{
    private OutputPlan(OutputFormat format, string? output, bool toDirectory, bool many, bool includeTokens)
    {
        Format = format;
        Output = output;
        ToDirectory = toDirectory;
        Many = many;
        IncludeTokens = includeTokens;
    }

    public static readonly string[] FormatNames = ["json", "jsonl", "table", "csv", "html", "parquet"];

    public OutputFormat Format { get; }

    /// <summary>The resolved output path, or null for standard output.</summary>
    public string? Output { get; }

    public bool ToDirectory { get; }

    public bool Many { get; }

    public bool IncludeTokens { get; }

    /// <summary>Whether results go to standard output (so nothing else may draw there).</summary>
    public bool ToStdout => Output is null;

    public static OutputFormat? ParseFormat(string? name) => name?.ToLowerInvariant() switch
    {
        "json" => OutputFormat.Json,
        "jsonl" => OutputFormat.Jsonl,
        "table" => OutputFormat.Table,
        "csv" => OutputFormat.Csv,
        "html" => OutputFormat.Html,
        "parquet" => OutputFormat.Parquet,
        _ => null,
    };

    /// <summary>
    /// Decides the plan. <c>--output</c> names a directory when it is one, ends with a separator, or — with many inputs —
    /// has no extension (<c>out</c>, not <c>out.jsonl</c>); csv and parquet always write a directory.
    /// </summary>
    /// <exception cref="UsageException">A combination that cannot be honoured.</exception>
    public static OutputPlan Decide(CliContext context, OutputFormat? format, string? output, bool many, bool includeTokens)
    {
        var path = output is null ? null : context.ResolvePath(output);
        var toDirectory = output is not null
            && (format is OutputFormat.Csv or OutputFormat.Parquet
                || Directory.Exists(path)
                || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar)
                || many && !File.Exists(path) && Path.GetExtension(output).Length == 0);
        var chosen = format ?? (many && !toDirectory ? OutputFormat.Jsonl : OutputFormat.Json);
        switch (chosen)
        {
            case OutputFormat.Table when toDirectory:
                throw new UsageException("--format table writes one stream: give --output a file, not a directory");
            case OutputFormat.Csv when output is null:
                throw new UsageException("--format csv writes entities.csv, events.csv and errors.csv: give --output DIR");
            case OutputFormat.Parquet when output is null:
                throw new UsageException("--format parquet writes one folder per table (documents, sentences, entities, mentions, events, event_participants): give --output DIR");
            case OutputFormat.Parquet when File.Exists(path):
                throw new UsageException($"--format parquet writes a folder of tables, but --output '{output}' is a file: give a folder");
            case OutputFormat.Html when many && !toDirectory:
                throw new UsageException("--format html for many documents writes one page each and an index: give --output DIR");
        }

        return new OutputPlan(chosen, path, toDirectory, many, includeTokens);
    }

    public IDocumentSink CreateSink(CliContext context)
    {
        var json = new NewsJsonOptions { IncludeTokens = IncludeTokens, Indented = Format == OutputFormat.Json };
        if (ToDirectory)
        {
            Directory.CreateDirectory(Output!);
            return Format switch
            {
                OutputFormat.Csv => new CsvSink(Output!),
                OutputFormat.Html => new HtmlDirectorySink(Output!),
                OutputFormat.Parquet => new ParquetSink(Output!),
                _ => new JsonDirectorySink(Output!, json),
            };
        }

        var (writer, owns) = Output is { } file ? (OpenFile(file), true) : (context.Stdout, false);
        return Format switch
        {
            OutputFormat.Table => new TableSink(TableSink.CreateConsole(writer, terminal: !owns && context.StdoutIsTerminal, owns ? 120 : context.Width), writer, owns),
            OutputFormat.Html => new HtmlPageSink(writer, owns),
            OutputFormat.Json when !Many => new JsonDocumentSink(writer, json, owns),
            _ => new JsonLinesSink(writer, json with { Indented = false }, owns),
        };
    }

    private static StreamWriter OpenFile(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false), 1 << 16);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write --output '{path}': {error.Message}");
        }
    }
}
