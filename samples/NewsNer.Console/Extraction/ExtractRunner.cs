using System.Diagnostics;
using System.Text;
using NewsNer.Cli.Output;
using NewsNer.Serialization;
using Spectre.Console;

namespace NewsNer.Cli.Extraction;

/// <summary>What <c>newsner extract</c> was asked to do, after parsing.</summary>
internal sealed record ExtractRequest
{
    public required string Input { get; init; }

    public DateOnly? Date { get; init; }

    public OutputFormat? Format { get; init; }

    public string? Output { get; init; }

    public bool NoTokens { get; init; }

    /// <summary>Documents processed at once; 0 means every core.</summary>
    public int Parallel { get; init; }

    public Encoding Encoding { get; init; } = CliContext.StrictUtf8;

    public bool Quiet { get; init; }

    /// <summary>The language declared for every input (<c>--language</c>), or null to identify each one's.</summary>
    public string? Language { get; init; }
}

/// <summary>
/// Runs <c>newsner extract</c>: reads a file, a folder or standard input, processes every article through one pipeline
/// (<see cref="NewsPipeline.ProcessMany"/>: input order kept, bounded memory) and streams each result to a sink as it
/// comes. An input that cannot be read or processed becomes an error record, so there is one output per input.
/// </summary>
internal sealed class ExtractRunner(CliContext context)
{
    /// <summary>The source of standard input in records and summaries.</summary>
    public const string StdinSource = "-";

    /// <summary>The extensions read from a folder.</summary>
    public static readonly string[] ArticleExtensions = [".txt", ".html", ".htm"];

    public ExtractSummary Run(ExtractRequest request, CancellationToken cancellationToken)
    {
        var inputs = ResolveInputs(request.Input, out var isFolder);
        var plan = OutputPlan.Decide(context, request.Format, request.Output, isFolder, includeTokens: !request.NoTokens);
        var summary = new ExtractSummary(inputs.Count);
        using (var sink = plan.CreateSink(context))
        {
            var showProgress = isFolder && !request.Quiet && context.StderrIsTerminal && (!plan.ToStdout || !context.StdoutIsTerminal);
            try
            {
                if (showProgress)
                {
                    RunWithProgress(inputs, request, sink, summary, cancellationToken);
                }
                else
                {
                    Process(inputs, request, sink, summary, () => { }, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                summary.Interrupted = true;
            }
        }

        summary.Stop();
        if (isFolder && !request.Quiet || summary.Interrupted)
        {
            summary.WriteTo(context.Stderr);
        }
        else if (!isFolder)
        {
            foreach (var (source, message) in summary.FailureList)
            {
                context.Stderr.WriteLine($"newsner: {(source is null or StdinSource ? "standard input" : source)}: {message}");
            }

            foreach (var (source, message) in summary.WarningList)
            {
                context.Stderr.WriteLine($"newsner: {(source is null or StdinSource ? "standard input" : source)}: warning: {message} (--language fr)");
            }
        }

        if (summary.Interrupted)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        return summary;
    }

    private void RunWithProgress(List<InputFile> inputs, ExtractRequest request, IDocumentSink sink, ExtractSummary summary, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Stderr) });
        console.Progress()
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DocumentsPerSecondColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("extract", maxValue: Math.Max(1, inputs.Count));
                Process(inputs, request, sink, summary, () => task.Increment(1), cancellationToken);
            });
    }

    private void Process(List<InputFile> inputs, ExtractRequest request, IDocumentSink sink, ExtractSummary summary, Action advance, CancellationToken cancellationToken)
    {
        // Load errors are kept in input order beside the batch: ProcessMany pulls input i before it yields result i,
        // both on this thread, so the head of the queue always belongs to the result at hand.
        var loadErrors = new Queue<string?>();
        var batch = new BatchOptions { MaxDegreeOfParallelism = request.Parallel };
        foreach (var result in context.Pipeline.ProcessMany(Load(inputs, request, loadErrors), batch, cancellationToken))
        {
            var loadError = loadErrors.Dequeue();
            if (result.Document is { } document)
            {
                sink.Write(document);
                summary.Add(document);
            }
            else
            {
                var message = loadError ?? result.Error?.Message ?? "unknown error";
                sink.WriteError(result.Id, message);
                summary.AddFailure(result.Id, message);
            }

            advance();
        }
    }

    private IEnumerable<DocumentInput> Load(List<InputFile> inputs, ExtractRequest request, Queue<string?> loadErrors)
    {
        foreach (var input in inputs)
        {
            DocumentInput? loaded = null;
            string? error = null;
            try
            {
                if (input.Error is not null)
                {
                    throw new IOException(input.Error);
                }

                var article = input.Path is null ? ReadStdin(request.Encoding)
                    : HtmlArticle.IsHtmlPath(input.Path) ? HtmlArticle.Parse(HtmlArticle.Read(input.Path, request.Encoding))
                    : Article.Parse(TextFiles.Read(input.Path, request.Encoding));
                loaded = new DocumentInput(
                    article.Text,
                    new DocumentOptions { Source = input.Source, PublicationDate = request.Date ?? article.Date, Metadata = article.Metadata(), Language = request.Language },
                    input.Source);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Whatever stops one input (unreadable, not text, a page the HTML reader chokes on) is that input's error record.
                error = exception switch
                {
                    InvalidDataException => exception.Message,
                    IOException when input.Error is not null => input.Error,
                    IOException or UnauthorizedAccessException => "cannot read: " + exception.Message,
                    _ => $"cannot read: {exception.GetType().Name}: {exception.Message}",
                };
            }

            loadErrors.Enqueue(error);
            yield return loaded ?? new DocumentInput(null, Id: input.Source);
        }
    }

    // Standard input follows the rules of a file: bytes (when the process has them) are checked for binary data and
    // decoded with --encoding; a web page is recognised by its start and reduced to its article like a .html file.
    private Article ReadStdin(Encoding encoding)
    {
        if (context.StdinStream is { } stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            return HtmlArticle.LooksLikeHtml(bytes) ? HtmlArticle.Parse(HtmlArticle.Decode(bytes, encoding)) : Article.Parse(TextFiles.Decode(bytes, encoding));
        }

        string text;
        try
        {
            text = context.Stdin.ReadToEnd();
        }
        catch (DecoderFallbackException error)
        {
            throw new InvalidDataException("standard input is not valid UTF-8; convert it first (iconv -f WINDOWS-1252 -t UTF-8)", error);
        }

        if (TextFiles.BinaryReason(text) is { } binary)
        {
            throw new InvalidDataException(binary);
        }

        return HtmlArticle.LooksLikeHtml(text) ? HtmlArticle.Parse(text) : Article.Parse(text);
    }

    private List<InputFile> ResolveInputs(string input, out bool isFolder)
    {
        isFolder = false;
        if (input == "-")
        {
            return [new InputFile(StdinSource, null)];
        }

        var path = context.ResolvePath(input);
        if (Directory.Exists(path))
        {
            isFolder = true;
            var entries = FolderWalk.List(path, ArticleExtensions);
            if (entries.Count == 0)
            {
                throw new UsageException($"folder '{input}' holds no article ({string.Join(", ", ArticleExtensions)} file): nothing to extract");
            }

            return [.. entries.Select(e => new InputFile(e.Source, e.Path, e.Error))];
        }

        if (File.Exists(path))
        {
            return [new InputFile(input, path)];
        }

        throw new UsageException($"input '{input}' is neither a file nor a folder (use - for standard input)");
    }

    /// <param name="Source">The name in records and summaries: the path as given, relative to a folder input, or <c>-</c>.</param>
    /// <param name="Path">The file to read, or null for standard input.</param>
    /// <param name="Error">Why the input cannot be read before trying (a subfolder that cannot be listed).</param>
    private sealed record InputFile(string Source, string? Path, string? Error = null);
}

/// <summary>What an extraction did: counts for the end summary.</summary>
internal sealed class ExtractSummary(int inputs)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int Inputs { get; } = inputs;

    public int Documents { get; private set; }

    public List<(string? Source, string Message)> FailureList { get; } = [];

    /// <summary>The documents' warnings (a text that is not French), with their source.</summary>
    public List<(string? Source, string Message)> WarningList { get; } = [];

    /// <summary>Documents that are not French, by language.</summary>
    public SortedDictionary<string, int> NotFrenchByLanguage { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> EntitiesByType { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> EventsBySubtype { get; } = new(StringComparer.Ordinal);

    public bool Interrupted { get; set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public int Written => Documents + FailureList.Count;

    public void Add(Document document)
    {
        Documents++;
        WarningList.AddRange(document.Warnings.Select(w => (document.Source, w.Message)));
        if (document.Language != NewsNer.Document.French)
        {
            Increment(NotFrenchByLanguage, document.Language);
        }

        foreach (var entity in document.Entities)
        {
            Increment(EntitiesByType, Entities.EntityTypes.ToLabel(entity.Type));
        }

        foreach (var meeting in document.Events)
        {
            Increment(EventsBySubtype, Names.Subtype(meeting.Subtype));
        }
    }

    public void AddFailure(string? source, string message) => FailureList.Add((source, message));

    public void Stop() => _clock.Stop();

    public void WriteTo(TextWriter writer)
    {
        var seconds = Math.Max(Elapsed.TotalSeconds, 1e-9);
        var status = Interrupted ? $"interrupted after {Written} of {Inputs} inputs" : $"{Inputs} inputs";
        writer.WriteLine(FormattableString.Invariant($"newsner: {status}: {Documents} documents, {FailureList.Count} failed, {Elapsed.TotalSeconds:0.0} s ({Written / seconds:0.0} docs/s)"));
        writer.WriteLine("  entities: " + Counts(EntitiesByType));
        writer.WriteLine("  events:   " + Counts(EventsBySubtype));
        if (NotFrenchByLanguage.Count > 0)
        {
            writer.WriteLine("  not French (no entities or events; --language fr to force): " + Counts(NotFrenchByLanguage));
        }
        foreach (var (source, message) in FailureList.Take(20))
        {
            writer.WriteLine($"  failed: {(source is null or ExtractRunner.StdinSource ? "standard input" : source)}: {message}");
        }

        if (FailureList.Count > 20)
        {
            writer.WriteLine($"  … and {FailureList.Count - 20} more failures (see the error records)");
        }
    }

    private static string Counts(SortedDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}"));

    private static void Increment(SortedDictionary<string, int> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}

/// <summary>A progress column with the throughput in documents per second.</summary>
internal sealed class DocumentsPerSecondColumn : ProgressColumn
{
    public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is { } speed ? FormattableString.Invariant($"{speed:0.0} docs/s") : "– docs/s", new Style(Color.Grey));
}
