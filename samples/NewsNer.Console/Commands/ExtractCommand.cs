using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NewsNer.Cli.Extraction;
using NewsNer.Cli.Output;

namespace NewsNer.Cli.Commands;

/// <summary><c>newsner extract &lt;file|folder|-&gt;</c>: tokens, sentences, entities and events as JSON, JSON Lines or tables.</summary>
internal sealed class ExtractCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var input = new Argument<string>("input")
        {
            Description = "A text file, a folder (every .txt file inside, recursively, in sorted order), or - for standard input.",
        };
        var date = DateOption();
        var format = FormatOption();
        var output = OutputOption();
        var noTokens = new Option<bool>("--no-tokens") { Description = "Leave tokens out of the JSON (much smaller; sentences, entities and events stay)." };
        var parallel = new Option<int>("--parallel", "-p")
        {
            Description = "Documents processed at once; 0 (the default) uses every core.",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--parallel must be 0 (every core) or more");
            }
        });
        var encoding = new Option<string>("--encoding")
        {
            Description = "Encoding of input files without a byte-order mark: utf-8 (the default, strict), latin1, windows-1252.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "utf-8",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress and no summary on standard error." };
        var maxSeconds = MaxSecondsPerDocumentOption();
        var language = new Option<string>("--language")
        {
            Description = "auto (the default) identifies each text's language: a text that is not French gets its language and a warning, "
                + "no entities or events. fr processes every input as French; another code (en, ar…) declares that language.",
            HelpName = "auto|fr|CODE",
            DefaultValueFactory = _ => "auto",
        };
        language.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>() ?? "";
            if (!value.Equals("auto", StringComparison.OrdinalIgnoreCase) && (value.Length is < 2 or > 3 || !value.All(char.IsAsciiLetter)))
            {
                result.AddError($"--language must be auto, fr or a language code such as en, not '{value}'");
            }
        });

        var command = new Command("extract", "Extract tokens, sentences, entities and meeting events from French news articles.")
        {
            input, date, format, output, noTokens, parallel, encoding, quiet, language, maxSeconds,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new ExtractRequest
            {
                Input = parse.GetValue(input)!,
                Date = parse.GetValue(date),
                Format = OutputPlan.ParseFormat(parse.GetValue(format)),
                Output = parse.GetValue(output),
                NoTokens = parse.GetValue(noTokens),
                Parallel = parse.GetValue(parallel),
                Encoding = TextFiles.Resolve(parse.GetValue(encoding)!),
                Quiet = parse.GetValue(quiet),
                MaxDocumentTime = parse.GetValue(maxSeconds) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Language = parse.GetValue(language) is { } code && !code.Equals("auto", StringComparison.OrdinalIgnoreCase) ? code : null,
            };
            var summary = new ExtractRunner(context).Run(request, cancellationToken);
            return Task.FromResult(summary.FailureList.Count == 0 ? ExitCodes.Success : ExitCodes.Failures);
        });
        return command;
    }

    /// <summary>The <c>--max-seconds-per-document</c> option: a document that takes longer becomes an error record.</summary>
    public static Option<double?> MaxSecondsPerDocumentOption() => new("--max-seconds-per-document")
    {
        Description = "Stop a document that takes longer than SECONDS to process (a decimal number) and write an error record for it; "
            + "the other documents go on. Default: no limit.",
        HelpName = "SECONDS",
        CustomParser = ParseSeconds,
    };

    private static double? ParseSeconds(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 1e9)
        {
            return seconds;
        }

        result.AddError($"--max-seconds-per-document must be a positive number of seconds, not '{token}'");
        return null;
    }

    /// <summary>The <c>--format</c> option, shared with <c>render</c>.</summary>
    public static Option<string?> FormatOption()
    {
        var format = new Option<string?>("--format", "-f")
        {
            Description = "json (one indented document; many give JSON Lines), jsonl (one compact line per document), table (for reading), "
                + "csv (entities.csv, events.csv, errors.csv into --output DIR), html (a self-contained report; many documents need --output DIR: "
                + "one page each and index.html) or parquet (tables for SQL and dataframes in --output DIR: documents, sentences, entities, "
                + "mentions, events, event_participants; see docs/parquet-schema.md). Default: json for one input, jsonl for a folder.",
            HelpName = string.Join('|', OutputPlan.FormatNames),
        };
        format.AcceptOnlyFromAmong(OutputPlan.FormatNames);
        return format;
    }

    /// <summary>The <c>--output</c> option, shared with <c>render</c>.</summary>
    public static Option<string?> OutputOption() => new("--output", "-o")
    {
        Description = "Write to PATH instead of standard output. With many inputs PATH may be a directory (existing, ending with /, or without "
            + "extension): one NAME.json (or .html) per input NAME.txt, as the dev-set scorer reads.",
        HelpName = "PATH",
    };

    /// <summary>The <c>--date YYYY-MM-DD</c> option, shared with other verbs that process articles.</summary>
    public static Option<DateOnly?> DateOption() => new("--date", "-d")
    {
        Description = "Publication date, to resolve relative dates (mercredi, la semaine prochaine). Default: the article's 'date:' header when it is a full date.",
        HelpName = "YYYY-MM-DD",
        CustomParser = ParseDate,
    };

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"--date must be a date written YYYY-MM-DD, not '{token}'");
        return null;
    }
}
