using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NewsNer.Entities;
using NewsNer.Internal;
using NewsNer.Pipeline;
using NewsNer.Tokenization;

namespace NewsNer;

/// <summary>
/// Processes French news text into <see cref="Document"/>s: tokens, sentences, entities, meeting events.
/// Build it once (with <see cref="CreateDefault"/> or a <see cref="NewsPipelineBuilder"/>) and reuse it: a pipeline is
/// immutable and thread-safe, so one instance serves every thread of an application.
/// </summary>
/// <example>
/// <code>
/// var pipeline = NewsPipeline.CreateDefault();
/// var doc = pipeline.Process(text, new DocumentOptions { PublicationDate = new DateOnly(2025, 10, 15) });
/// foreach (var entity in doc.Entities) Console.WriteLine($"{entity.Type} {entity.Canonical}");
/// </code>
/// </example>
public sealed class NewsPipeline
{
    private static readonly Lazy<NewsPipeline> s_default = new(() => CreateBuilder().UseAll().Build(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Texts longer than this many UTF-16 characters are processed in segments of at most this length, cut at sentence
    /// ends (at a paragraph break when one falls in the segment's last quarter): the stages after the sentence splitter
    /// run on each segment as on a document of its own, and entities of different segments with the same type and
    /// canonical name become one entity. So one text, however long or strangely shaped, costs time in proportion to its
    /// length and memory in proportion to a segment (plus its tokens, unless processed with <see cref="ProcessCompact"/>).
    /// Tokens and sentences are always those of the whole text. 100,000 characters is about fifty pages, more than any
    /// news article: texts below it, every article, are processed whole. See <c>docs/reliability.md</c>.
    /// </summary>
    public const int SegmentLength = 100_000;

    private readonly IPipelineStage[] _stages;
    private readonly SegmentedRunner? _segmented;
    private readonly Lazy<bool> _warm;

    internal NewsPipeline(IPipelineStage[] stages)
    {
        _stages = stages;
        _segmented = SegmentedRunner.For(stages);
        StageNames = [.. stages.Select(s => s.Name)];

        // The first document of a process also pays the compilation of every stage (about half a second): a batch with a
        // time limit runs a short text once before its first timed document, so that the limit measures the document.
        _warm = new Lazy<bool>(() => Process(WarmUpText).Tokens.Length > 0, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private const string WarmUpText = "Le 3 mai, le président Emmanuel Macron a reçu à l'Élysée son homologue Vladimir Poutine, qui s'est ensuite rendu à Berlin.";

    /// <summary>The names of the stages, in the order they run.</summary>
    public ImmutableArray<string> StageNames { get; }

    /// <summary>The stages, in the order they run (for the benchmarks, which time one stage on prepared input).</summary>
    internal IReadOnlyList<IPipelineStage> Stages => _stages;

    /// <summary>This pipeline with one more stage at the end (training code: the same recognizer and linking, other events).</summary>
    /// <exception cref="InvalidOperationException">The stage needs a layer no stage produces.</exception>
    internal NewsPipeline WithStage(IPipelineStage stage)
    {
        var done = _stages.Aggregate(Annotations.None, (layers, s) => layers | s.Produces);
        var missing = stage.Requires & ~done;
        if (missing != Annotations.None)
        {
            throw new InvalidOperationException(ErrorMessages.StageRequires(stage.Name, missing));
        }

        return new NewsPipeline([.. _stages, stage]);
    }

    /// <summary>A builder to choose stages and options.</summary>
    public static NewsPipelineBuilder CreateBuilder() => new();

    /// <summary>The full pipeline with the embedded models. Built on first use, then shared.</summary>
    public static NewsPipeline CreateDefault() => s_default.Value;

    /// <summary>
    /// Processes one text. A text longer than <see cref="SegmentLength"/> is processed in segments (see there); use
    /// <see cref="ProcessCompact"/> for texts too long to hold their tokens.
    /// </summary>
    /// <param name="text">
    /// The text; it is never modified. Empty or whitespace text gives an empty document. A text that is not French
    /// (see <see cref="DocumentOptions.Language"/>) gets tokens and sentences but no entities or events, and a warning.
    /// </param>
    /// <param name="options">Publication date and source, or null.</param>
    /// <param name="cancellationToken">
    /// Stops processing: every stage checks it as it goes (every 1,024 tokens, sentence or pass over the mentions), so a
    /// cancellation takes effect within milliseconds.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="DocumentOptions.Language"/> is not a language code.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Document Process(string text, DocumentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= DocumentOptions.None;
        if (text.Length > SegmentLength && _segmented is { } segmented)
        {
            var result = segmented.Run(text, options, keepTokens: true, cancellationToken);
            return new Document(
                text,
                ImmutableCollectionsMarshal.AsImmutableArray(result.Tokens),
                ImmutableCollectionsMarshal.AsImmutableArray(result.Sentences),
                [.. EntitiesOf(text, result).Select(e => e.ToEntity())],
                [.. result.Merger.Events],
                options.Source,
                options.PublicationDate,
                options.Metadata,
                result.Language,
                [.. result.Warnings]);
        }

        return ToDocument(Annotate(text, options, cancellationToken));
    }

    /// <summary>
    /// Runs every stage over the whole text, unsegmented, and returns the working state (for training code that needs
    /// the intermediate layers).
    /// </summary>
    internal AnnotationState Annotate(string text, DocumentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= DocumentOptions.None;
        var state = new AnnotationState(text, options);
        LanguageStage.ApplyDeclared(state);
        foreach (var stage in _stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (state.Language != Document.French && (stage.Produces & LanguageStage.FrenchOnly) != 0)
            {
                // The models are French: a text in another language gets no entities or events (and a warning).
                continue;
            }

            stage.Run(state, cancellationToken);
            state.Done |= stage.Produces;
        }

        return state;
    }

    /// <summary>
    /// Processes one text of any length without keeping its tokens: the result holds the text, sentences, entities and
    /// events, and recomputes the tokens when they are enumerated or written. Memory stays in proportion to a segment
    /// (<see cref="SegmentLength"/>) and to what is found, not to the number of tokens: this is how the console processes
    /// a 50 MB file in less than 300 MB. Gives the same sentences, entities and events as <see cref="Process"/>, and
    /// <see cref="Serialization.NewsJson"/> writes the same JSON for both.
    /// </summary>
    /// <param name="text">The text; it is never modified.</param>
    /// <param name="options">Publication date and source, or null.</param>
    /// <param name="cancellationToken">Stops processing (see <see cref="Process"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="DocumentOptions.Language"/> is not a language code.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public CompactDocument ProcessCompact(string text, DocumentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= DocumentOptions.None;
        if (_segmented is not { } segmented)
        {
            // A pipeline without sentences cannot be segmented: it has no more than tokens to keep anyway.
            var document = Process(text, options, cancellationToken);
            return new CompactDocument(text, FrenchTokenizer.Default, document.Tokens.Length, document.Sentences, [.. document.Entities.Select(e => new CompactEntity(e))], document.Events, options, document.Language, document.Warnings);
        }

        var result = segmented.Run(text, options, keepTokens: false, cancellationToken);
        return new CompactDocument(
            text,
            segmented.Tokenizer,
            result.TokenCount,
            ImmutableCollectionsMarshal.AsImmutableArray(result.Sentences),
            [.. EntitiesOf(text, result)],
            [.. result.Merger.Events],
            options,
            result.Language,
            [.. result.Warnings]);
    }

    private static List<CompactEntity> EntitiesOf(string text, SegmentedRunner.Result result) =>
        (result.Done & Annotations.Entities) != 0 ? result.Merger.Entities() : [.. GroupMentionsByText(text, result.Merger.Mentions()).Select(e => new CompactEntity(e))];

    /// <summary>
    /// Processes many texts, streaming: results come back in input order while later inputs are still being read, with at
    /// most <see cref="BatchOptions.MaxInFlight"/> documents held in memory. A failure on one input becomes an error
    /// result for that input; the batch goes on.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; results already yielded stay valid.</exception>
    public IEnumerable<DocumentResult> ProcessMany(IEnumerable<DocumentInput> inputs, BatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= BatchOptions.Sequential;
        var workers = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        return workers == 1
            ? ProcessSequentially(inputs, options, cancellationToken)
            : ProcessInParallel(inputs, options, workers, options.MaxInFlight > 0 ? options.MaxInFlight : workers * 4, cancellationToken);
    }

    /// <summary>Like <see cref="ProcessMany"/> for an asynchronous source; results come back in input order.</summary>
    public async IAsyncEnumerable<DocumentResult> ProcessManyAsync(
        IAsyncEnumerable<DocumentInput> inputs,
        BatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= BatchOptions.Sequential;
        var workers = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var window = options.MaxInFlight > 0 ? options.MaxInFlight : workers * 4;
        // Not disposed: after a cancellation, abandoned workers still release it when they stop.
        var gate = new SemaphoreSlim(workers);
        var pending = new Queue<Task<DocumentResult>>();
        var index = 0;
        await foreach (var input in inputs.WithCancellation(cancellationToken))
        {
            pending.Enqueue(RunGated(input, index++, options, gate, cancellationToken));
            while (pending.Count >= window)
            {
                yield return await pending.Dequeue().WaitAsync(cancellationToken);
            }
        }

        while (pending.Count > 0)
        {
            yield return await pending.Dequeue().WaitAsync(cancellationToken);
        }
    }

    private IEnumerable<DocumentResult> ProcessSequentially(IEnumerable<DocumentInput> inputs, BatchOptions options, CancellationToken cancellationToken)
    {
        var index = 0;
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ProcessOne(input, index++, options, cancellationToken);
        }
    }

    private IEnumerable<DocumentResult> ProcessInParallel(IEnumerable<DocumentInput> inputs, BatchOptions options, int workers, int window, CancellationToken cancellationToken)
    {
        // Not disposed: after a cancellation, abandoned workers still release it when they stop.
        var gate = new SemaphoreSlim(workers);
        var pending = new Queue<Task<DocumentResult>>();
        var index = 0;
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pending.Enqueue(RunGated(input, index++, options, gate, cancellationToken));
            while (pending.Count >= window)
            {
                yield return Wait(pending.Dequeue(), cancellationToken);
            }
        }

        while (pending.Count > 0)
        {
            yield return Wait(pending.Dequeue(), cancellationToken);
        }
    }

    // Waits for a result, giving up as soon as the batch is cancelled: the caller gets its OperationCanceledException at
    // once even if the document's stages are still on their way to their next cancellation check.
    private static DocumentResult Wait(Task<DocumentResult> task, CancellationToken cancellationToken)
    {
        try
        {
            task.Wait(cancellationToken);
        }
        catch (AggregateException error) when (error.InnerException is OperationCanceledException canceled)
        {
            throw canceled;
        }

        return task.GetAwaiter().GetResult();
    }

    private async Task<DocumentResult> RunGated(DocumentInput input, int index, BatchOptions options, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => ProcessOne(input, index, options, cancellationToken), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private DocumentResult ProcessOne(DocumentInput input, int index, BatchOptions options, CancellationToken cancellationToken)
    {
        CancellationTokenSource? deadline = null;
        try
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.Text is null)
            {
                throw new ArgumentException("The input has no text (null).", nameof(input));
            }

            var token = cancellationToken;
            var limit = options.MaxDocumentTime;
            if (limit is not null)
            {
                _ = _warm.Value;
                deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(limit.Value);
                token = deadline.Token;
            }

            var started = Stopwatch.GetTimestamp();
            var document = Process(input.Text, input.Options, token);
            if (limit is { } allowed && Stopwatch.GetElapsedTime(started) > allowed)
            {
                // The timer that cancels runs on a thread-pool thread, which a saturated pool gives it late: a document
                // that finished past its time is over the limit all the same, whatever the load.
                return new DocumentResult(index, input.Id, null, new TimeoutException(ErrorMessages.DocumentTimeLimit(allowed)));
            }

            return new DocumentResult(index, input.Id, document, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException canceled) when (deadline is { IsCancellationRequested: true })
        {
            return new DocumentResult(index, input?.Id, null, new TimeoutException(ErrorMessages.DocumentTimeLimit(options.MaxDocumentTime!.Value), canceled));
        }
        catch (Exception error)
        {
            return new DocumentResult(index, input?.Id, null, error);
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    /// <summary>The immutable document of a finished state.</summary>
    internal static Document ToDocument(AnnotationState state)
    {
        var entities = state.Entities;
        if ((state.Done & Annotations.Entities) == 0 && state.Mentions.Count > 0)
        {
            entities = GroupMentionsByText(state.Text, state.Mentions);
        }

        return new Document(
            state.Text,
            ImmutableCollectionsMarshal.AsImmutableArray(state.Tokens),
            ImmutableCollectionsMarshal.AsImmutableArray(state.Sentences),
            [.. entities],
            [.. state.Events],
            state.Options.Source,
            state.Options.PublicationDate,
            state.Options.Metadata,
            state.Language,
            [.. state.Warnings]);
    }

    // Without the linking stage, mentions with the same type and text form one entity each.
    private static List<Entity> GroupMentionsByText(string text, List<EntityMention> mentions)
    {
        var groups = new Dictionary<(EntityType, string), List<EntityMention>>();
        var order = new List<(EntityType, string)>();
        foreach (var mention in mentions)
        {
            var key = (mention.Type, text.Substring(mention.Start, mention.Length));
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }

            list.Add(mention);
        }

        var entities = new List<Entity>(order.Count);
        foreach (var key in order)
        {
            var group = groups[key];
            entities.Add(new Entity
            {
                Id = "e" + (entities.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Type = key.Item1,
                Canonical = key.Item2,
                Mentions = [.. group],
                Confidence = group.Average(m => m.Confidence),
            });
        }

        return entities;
    }
}
