using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NewsNer.Entities;
using NewsNer.Internal;
using NewsNer.Pipeline;

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

    private readonly IPipelineStage[] _stages;

    internal NewsPipeline(IPipelineStage[] stages)
    {
        _stages = stages;
        StageNames = [.. stages.Select(s => s.Name)];
    }

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

    /// <summary>Processes one text.</summary>
    /// <param name="text">
    /// The text; it is never modified. Empty or whitespace text gives an empty document. A text that is not French
    /// (see <see cref="DocumentOptions.Language"/>) gets tokens and sentences but no entities or events, and a warning.
    /// </param>
    /// <param name="options">Publication date and source, or null.</param>
    /// <param name="cancellationToken">Stops processing between stages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="DocumentOptions.Language"/> is not a language code.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Document Process(string text, DocumentOptions? options = null, CancellationToken cancellationToken = default) =>
        ToDocument(Annotate(text, options, cancellationToken));

    /// <summary>Runs every stage and returns the working state (for training code that needs the intermediate layers).</summary>
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
            ? ProcessSequentially(inputs, cancellationToken)
            : ProcessInParallel(inputs, workers, options.MaxInFlight > 0 ? options.MaxInFlight : workers * 4, cancellationToken);
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
        using var gate = new SemaphoreSlim(workers);
        var pending = new Queue<Task<DocumentResult>>();
        var index = 0;
        await foreach (var input in inputs.WithCancellation(cancellationToken))
        {
            pending.Enqueue(RunGated(input, index++, gate, cancellationToken));
            while (pending.Count >= window)
            {
                yield return await pending.Dequeue();
            }
        }

        while (pending.Count > 0)
        {
            yield return await pending.Dequeue();
        }
    }

    private IEnumerable<DocumentResult> ProcessSequentially(IEnumerable<DocumentInput> inputs, CancellationToken cancellationToken)
    {
        var index = 0;
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ProcessOne(input, index++, cancellationToken);
        }
    }

    private IEnumerable<DocumentResult> ProcessInParallel(IEnumerable<DocumentInput> inputs, int workers, int window, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(workers);
        var pending = new Queue<Task<DocumentResult>>();
        var index = 0;
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pending.Enqueue(RunGated(input, index++, gate, cancellationToken));
            while (pending.Count >= window)
            {
                yield return pending.Dequeue().GetAwaiter().GetResult();
            }
        }

        while (pending.Count > 0)
        {
            yield return pending.Dequeue().GetAwaiter().GetResult();
        }
    }

    private async Task<DocumentResult> RunGated(DocumentInput input, int index, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => ProcessOne(input, index, cancellationToken), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private DocumentResult ProcessOne(DocumentInput input, int index, CancellationToken cancellationToken)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.Text is null)
            {
                throw new ArgumentException("The input has no text (null).", nameof(input));
            }

            return new DocumentResult(index, input.Id, Process(input.Text, input.Options, cancellationToken), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            return new DocumentResult(index, input?.Id, null, error);
        }
    }

    /// <summary>The immutable document of a finished state.</summary>
    internal static Document ToDocument(AnnotationState state)
    {
        var entities = state.Entities;
        if ((state.Done & Annotations.Entities) == 0 && state.Mentions.Count > 0)
        {
            entities = GroupMentionsByText(state);
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
    private static List<Entity> GroupMentionsByText(AnnotationState state)
    {
        var groups = new Dictionary<(EntityType, string), List<EntityMention>>();
        var order = new List<(EntityType, string)>();
        foreach (var mention in state.Mentions)
        {
            var key = (mention.Type, state.Text.Substring(mention.Start, mention.Length));
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
            var mentions = groups[key];
            entities.Add(new Entity
            {
                Id = "e" + (entities.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Type = key.Item1,
                Canonical = key.Item2,
                Mentions = [.. mentions],
                Confidence = mentions.Average(m => m.Confidence),
            });
        }

        return entities;
    }
}
