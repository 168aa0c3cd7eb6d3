using System.CommandLine;
using NewsNer.Cli.Output;
using NewsNer.Serialization;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>newsner render &lt;json|jsonl|folder|-&gt;</c>: turns documents already extracted (schema newsner/1) into tables, CSV
/// or an HTML report without processing the text again. Error records stay error records.
/// </summary>
internal sealed class RenderCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var input = new Argument<string>("input")
        {
            Description = "A .json document, a .jsonl file (one document or error record per line), a folder of .json files, or - for JSON Lines on standard input.",
        };
        var format = ExtractCommand.FormatOption();
        var output = ExtractCommand.OutputOption();
        var command = new Command("render", "Render extracted JSON documents as tables, CSV or an HTML report.") { input, format, output };
        command.SetAction((parse, cancellationToken) =>
        {
            var name = parse.GetValue(input)!;
            var path = name == "-" ? null : context.ResolvePath(name);
            var many = path is null || Directory.Exists(path) || !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            if (path is not null && !File.Exists(path) && !Directory.Exists(path))
            {
                throw new UsageException($"input '{name}' is neither a file nor a folder (use - for standard input)");
            }

            var plan = OutputPlan.Decide(context, OutputPlan.ParseFormat(parse.GetValue(format)), parse.GetValue(output), many, includeTokens: true);
            var failures = 0;
            using (var sink = plan.CreateSink(context))
            {
                foreach (var (source, document, error) in Read(context, path))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (document is not null)
                    {
                        sink.Write(document);
                    }
                    else
                    {
                        failures++;
                        sink.WriteError(source, error!);
                    }
                }
            }

            return Task.FromResult(failures == 0 ? ExitCodes.Success : ExitCodes.Failures);
        });
        return command;
    }

    private static IEnumerable<(string? Source, Document? Document, string? Error)> Read(CliContext context, string? path)
    {
        if (path is null)
        {
            return Lines(context.Stdin);
        }

        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories)
                .Select(f => (Relative: Path.GetRelativePath(path, f).Replace('\\', '/'), Full: f))
                .OrderBy(f => f.Relative, StringComparer.Ordinal)
                .Select(f => One(f.Relative, () => File.ReadAllText(f.Full)));
        }

        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? [One(path, () => File.ReadAllText(path))]
            : LinesOfFile(path);
    }

    private static IEnumerable<(string?, Document?, string?)> LinesOfFile(string path)
    {
        using var reader = new StreamReader(path, CliContext.StrictUtf8);
        foreach (var item in Lines(reader))
        {
            yield return item;
        }
    }

    private static IEnumerable<(string?, Document?, string?)> Lines(TextReader reader)
    {
        foreach (var result in NewsJson.ReadLines(reader))
        {
            yield return (result.Id, result.Document, result.Error?.Message);
        }
    }

    private static (string?, Document?, string?) One(string source, Func<string> read)
    {
        try
        {
            var document = NewsJson.Deserialize(read());
            return (document.Source ?? source, document, null);
        }
        catch (Exception error) when (error is Newtonsoft.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            return (source, null, error.Message);
        }
    }
}
