using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using NewsNer.Cli.Extraction;
using NewsNer.Cli.Output;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>newsner eval-news</c>: extracts every article of the events dev set into one JSON file each, then runs the
/// Python scorer (<c>score_news.py GOLD OUT</c>) and prints its report. Defaults find <c>../shared</c> beside the clone.
/// </summary>
internal sealed class EvalNewsCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var gold = new Option<string?>("--gold") { Description = "Folder of gold NNN.json files. Default: ../shared/data/events-dev/gold beside the clone.", HelpName = "DIR" };
        var articles = new Option<string?>("--articles") { Description = "Folder of NNN.txt articles. Default: the gold folder's sibling 'articles'.", HelpName = "DIR" };
        var output = new Option<string?>("--out") { Description = "Where to write the predictions (kept). Default: a temporary folder, deleted afterwards.", HelpName = "DIR" };
        var scorer = new Option<string?>("--scorer") { Description = "The scorer script. Default: ../shared/tools/score_news.py beside the clone.", HelpName = "FILE" };
        var python = new Option<string>("--python") { Description = "The Python 3 interpreter.", HelpName = "PATH", DefaultValueFactory = _ => "python3" };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Documents processed at once; 0 uses every core.", HelpName = "N", DefaultValueFactory = _ => 0 };
        var command = new Command("eval-news", "Score entities and meeting events on the annotated dev articles (needs python3).")
        {
            gold, articles, output, scorer, python, parallel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var goldDir = parse.GetValue(gold) is { } g ? context.ResolvePath(g) : FindShared(context, "data/events-dev/gold");
            var articlesDir = parse.GetValue(articles) is { } a ? context.ResolvePath(a) : Path.Combine(Path.GetDirectoryName(goldDir)!, "articles");
            var scorerPath = parse.GetValue(scorer) is { } s ? context.ResolvePath(s) : FindShared(context, "tools/score_news.py");
            if (!Directory.Exists(goldDir) || !Directory.Exists(articlesDir) || !File.Exists(scorerPath))
            {
                throw new UsageException($"eval-news needs the gold folder, the articles folder and the scorer: '{goldDir}', '{articlesDir}', '{scorerPath}' (pass --gold, --articles, --scorer)");
            }

            var keep = parse.GetValue(output);
            var outDir = keep is null ? Path.Combine(Path.GetTempPath(), "newsner-eval-" + Guid.NewGuid().ToString("N")) : context.ResolvePath(keep);
            try
            {
                var request = new ExtractRequest
                {
                    Input = articlesDir,
                    Output = outDir + Path.DirectorySeparatorChar,
                    Format = OutputFormat.Json,
                    NoTokens = true,
                    Parallel = parse.GetValue(parallel),
                    Quiet = true,
                };
                var summary = new ExtractRunner(context).Run(request, cancellationToken);
                await context.Stderr.WriteLineAsync($"newsner: extracted {summary.Documents} of {summary.Inputs} articles into {(keep is null ? "a temporary folder" : outDir)}");
                return await RunScorer(context, parse.GetValue(python)!, scorerPath, goldDir, outDir, cancellationToken);
            }
            finally
            {
                if (keep is null && Directory.Exists(outDir))
                {
                    Directory.Delete(outDir, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<int> RunScorer(CliContext context, string python, string scorer, string gold, string predictions, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(scorer);
        start.ArgumentList.Add(gold);
        start.ArgumentList.Add(predictions);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            await context.Stderr.WriteLineAsync($"newsner: cannot run '{python}': Python 3 is needed to score (install it, e.g. apt-get install python3, or pass --python PATH)");
            return ExitCodes.Failures;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await context.Stdout.WriteAsync(await stdout);
            await context.Stderr.WriteAsync(await stderr);
            return process.ExitCode == 0 ? ExitCodes.Success : ExitCodes.Failures;
        }
    }

    /// <summary>
    /// Finds a path under the shared folder that lives beside the clone (<c>../shared</c> from the repository root), looking
    /// up from the working directory and from the program's folder.
    /// </summary>
    internal static string FindShared(CliContext context, string relative)
    {
        foreach (var start in new[] { context.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", relative), Path.Combine(dir.FullName, "..", "shared", relative) })
                {
                    if (File.Exists(candidate) || Directory.Exists(candidate))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
            }
        }

        throw new UsageException($"cannot find shared/{relative} beside the clone; pass its location explicitly");
    }
}
