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

    /// <summary>The longest one document may take to process, or null for no limit (<c>--max-seconds-per-document</c>).</summary>
    public TimeSpan? MaxDocumentTime { get; init; }

    /// <summary>The language declared for every input (<c>--language</c>), or null to identify each one's.</summary>
    public string? Language { get; init; }
}

/// <summary>
/// Runs <c>newsner extract</c>: reads a file, a folder or standard input, processes every article through one pipeline
/// (<see cref="NewsPipeline.ProcessMany"/>: input order kept, bounded memory) and streams each result to a sink as it
/// comes. An input that cannot be read or processed becomes an error record, so there is one output per input. A file
/// larger than <see cref="CompactFileBytes"/> is read when its turn comes and processed with
/// <see cref="NewsPipeline.ProcessCompact"/>, its tokens streamed to the output rather than held, so that one 50 MB file
/// stays under 300 MB. The work runs on a thread of its own: on Ctrl-C or SIGTERM it stops at its next cancellation
/// check, and if it has not within <see cref="StopGrace"/> the output is closed under it; either way what was written
/// stays complete and the input in progress gets an error record.
/// </summary>
internal sealed class ExtractRunner(CliContext context)
{
    /// <summary>The source of standard input in records and summaries.</summary>
    public const string StdinSource = "-";

    /// <summary>The extensions read from a folder.</summary>
    public static readonly string[] ArticleExtensions = [".txt", ".html", ".htm"];

    /// <summary>Files larger than this are processed without holding their tokens, one at a time, when their turn comes.</summary>
    public const long CompactFileBytes = 1 << 20;

    /// <summary>How long a stopped run may take to finish its record after Ctrl-C or SIGTERM before the output is closed under it.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(600);

    /// <summary>The error record of the input that was in progress when the run was stopped.</summary>
    public const string InterruptedMessage = "interrupted (Ctrl-C or SIGTERM) before this input was done; run again to process it";

    public ExtractSummary Run(ExtractRequest request, CancellationToken cancellationToken)
    {
        var inputs = ResolveInputs(request.Input, out var isFolder);
        var plan = OutputPlan.Decide(context, request.Format, request.Output, isFolder, includeTokens: !request.NoTokens);
        var summary = new ExtractSummary(inputs.Count);
        using (var sink = plan.CreateSink(context))
        {
            var output = new GuardedOutput(sink, summary, [.. inputs.Select(i => i.Source)]);
            var showProgress = isFolder && !request.Quiet && context.StderrIsTerminal && (!plan.ToStdout || !context.StdoutIsTerminal);
            if (showProgress)
            {
                RunWithProgress(inputs, request, output, cancellationToken);
            }
            else
            {
                RunStoppable(() => Process(inputs, request, output, () => { }, cancellationToken), output, cancellationToken);
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

    /// <summary>
    /// Runs the work on a thread of its own and waits for it, or for the cancellation token: then the work has
    /// <see cref="StopGrace"/> to stop by itself (every stage checks the token) before the output is closed under it
    /// with the record of the input in progress. Either way the run ends promptly with everything written complete.
    /// </summary>
    private static void RunStoppable(Action work, GuardedOutput output, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        using var done = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try
            {
                work();
            }
            catch (Exception error)
            {
                failure = error;
            }
            finally
            {
                done.Set();
            }
        })
        {
            IsBackground = true,
            Name = "newsner extract",
        };
        thread.Start();
        WaitHandle.WaitAny([done.WaitHandle, cancellationToken.WaitHandle]);
        if (!done.IsSet && !done.Wait(StopGrace, CancellationToken.None))
        {
            // Still busy after the grace period (a stage between two checks): close the output under it. The thread is
            // a background one and ends with the process.
            output.Interrupt(InterruptedMessage);
            return;
        }

        if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            output.Interrupt(InterruptedMessage);
        }
        else if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private void RunWithProgress(List<InputFile> inputs, ExtractRequest request, GuardedOutput output, CancellationToken cancellationToken)
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
                RunStoppable(() => Process(inputs, request, output, () => task.Increment(1), cancellationToken), output, cancellationToken);
            });
    }

    private void Process(List<InputFile> inputs, ExtractRequest request, GuardedOutput output, Action advance, CancellationToken cancellationToken)
    {
        // What loading found is kept in input order beside the batch: ProcessMany pulls input i before it yields result i,
        // both on this thread, so the head of the queue always belongs to the result at hand.
        var loaded = new Queue<Loaded>();
        var batch = new BatchOptions { MaxDegreeOfParallelism = request.Parallel, MaxDocumentTime = request.MaxDocumentTime };
        foreach (var result in context.Pipeline.ProcessMany(Load(inputs, request, loaded), batch, cancellationToken))
        {
            var outcome = loaded.Dequeue();
            if (outcome.Deferred is { } large)
            {
                ProcessLarge(large, request, output, cancellationToken);
            }
            else if (result.Document is { } document)
            {
                output.Write(document);
            }
            else
            {
                output.WriteError(result.Id, outcome.Error ?? ErrorMessage(result.Error, request));
            }

            advance();
        }
    }

    /// <summary>A large file, read now and processed without holding its tokens, under the per-document time limit.</summary>
    private void ProcessLarge(InputFile input, ExtractRequest request, GuardedOutput output, CancellationToken cancellationToken)
    {
        DocumentInput document;
        try
        {
            document = Read(input, request);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.WriteError(input.Source, LoadErrorMessage(exception, input));
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.MaxDocumentTime is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        CompactDocument compact;
        var started = Stopwatch.GetTimestamp();
        try
        {
            compact = context.Pipeline.ProcessCompact(document.Text!, document.Options, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            output.WriteError(input.Source, TimeLimitMessage(request));
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.WriteError(input.Source, exception.Message);
            return;
        }

        if (request.MaxDocumentTime is { } allowed && Stopwatch.GetElapsedTime(started) > allowed)
        {
            // Finished, but past its time (the cancelling timer can fire late on a busy thread pool): over the limit all the same.
            output.WriteError(input.Source, TimeLimitMessage(request));
            return;
        }

        output.Write(compact, cancellationToken);
    }

    private static string ErrorMessage(Exception? error, ExtractRequest request) => error switch
    {
        TimeoutException => TimeLimitMessage(request),
        null => "unknown error",
        _ => error.Message,
    };

    private static string TimeLimitMessage(ExtractRequest request) => FormattableString.Invariant(
        $"took longer than --max-seconds-per-document ({request.MaxDocumentTime?.TotalSeconds:0.###} s) and was stopped");

    /// <summary>What loading gave for one input, beside the batch: an error, or a large file to read when its turn comes.</summary>
    private sealed record Loaded(string? Error, InputFile? Deferred);

    private IEnumerable<DocumentInput> Load(List<InputFile> inputs, ExtractRequest request, Queue<Loaded> loaded)
    {
        foreach (var input in inputs)
        {
            if (input.Error is null && input.Path is { } path && new FileInfo(path) is { Exists: true } file && file.Length > CompactFileBytes)
            {
                // Not read now (the batch reads ahead): a placeholder keeps its place in the order.
                loaded.Enqueue(new Loaded(null, input));
                yield return new DocumentInput(string.Empty, Id: input.Source);
                continue;
            }

            DocumentInput? document = null;
            string? error = null;
            try
            {
                document = Read(input, request);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Whatever stops one input (unreadable, not text, a page the HTML reader chokes on) is that input's error record.
                error = LoadErrorMessage(exception, input);
            }

            loaded.Enqueue(new Loaded(error, null));
            yield return document ?? new DocumentInput(null, Id: input.Source);
        }
    }

    private DocumentInput Read(InputFile input, ExtractRequest request)
    {
        if (input.Error is not null)
        {
            throw new IOException(input.Error);
        }

        var article = input.Path is null ? ReadStdin(request.Encoding)
            : HtmlArticle.IsHtmlPath(input.Path) ? HtmlArticle.Parse(HtmlArticle.Read(input.Path, request.Encoding))
            : new FileInfo(input.Path).Length > LargeTextFile.Threshold ? LargeTextFile.ReadArticle(input.Path, request.Encoding)
            : Article.Parse(TextFiles.Read(input.Path, request.Encoding));
        return new DocumentInput(
            article.Text,
            new DocumentOptions { Source = input.Source, PublicationDate = request.Date ?? article.Date, Metadata = article.Metadata(), Language = request.Language },
            input.Source);
    }

    private static string LoadErrorMessage(Exception exception, InputFile input) => exception switch
    {
        InvalidDataException => exception.Message,
        IOException when input.Error is not null => input.Error,
        IOException or UnauthorizedAccessException => "cannot read: " + exception.Message,
        _ => $"cannot read: {exception.GetType().Name}: {exception.Message}",
    };

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

    public void Add(Document document) =>
        Add(document.Source, document.Language, document.Warnings, document.Entities.Select(e => e.Type), document.Events);

    public void Add(CompactDocument document) =>
        Add(document.Source, document.Language, document.Warnings, document.Entities.Select(e => e.Type), document.Events);

    private void Add(
        string? source,
        string language,
        System.Collections.Immutable.ImmutableArray<DocumentWarning> warnings,
        IEnumerable<Entities.EntityType> entities,
        System.Collections.Immutable.ImmutableArray<Events.MeetingEvent> events)
    {
        Documents++;
        WarningList.AddRange(warnings.Select(w => (source, w.Message)));
        if (language != NewsNer.Document.French)
        {
            Increment(NotFrenchByLanguage, language);
        }

        foreach (var type in entities)
        {
            Increment(EntitiesByType, Entities.EntityTypes.ToLabel(type));
        }

        foreach (var meeting in events)
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
