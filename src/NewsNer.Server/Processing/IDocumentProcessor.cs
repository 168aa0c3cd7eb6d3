using NewsNer.Entities;

namespace NewsNer.Server.Processing;

/// <summary>
/// Turns one text into a <see cref="Document"/>. The server's only way to the pipeline: <see cref="PipelineProcessor"/> in
/// production; tests put slow or failing implementations in its place to check the limits. Must be thread-safe.
/// </summary>
internal interface IDocumentProcessor
{
    /// <summary>Processes one job; honours <paramref name="cancellationToken"/> (the per-document time limit and the client leaving).</summary>
    Document Process(ExtractionJob job, CancellationToken cancellationToken);
}

/// <summary>One document to process: its text, its metadata and the entity types asked for.</summary>
internal sealed record ExtractionJob(string Text, DocumentOptions Options, EntityTypeSet Types);

/// <summary>The real pipeline: the default one for every type, and one per subset of types, built on first use and cached.</summary>
internal sealed class PipelineProcessor : IDocumentProcessor
{
    private readonly NewsPipeline _all;
    private readonly Lazy<NewsPipeline>[] _subsets = new Lazy<NewsPipeline>[EntityTypeSet.All.Mask + 1];

    public PipelineProcessor(NewsPipeline all)
    {
        _all = all;
        for (var mask = 0; mask < _subsets.Length; mask++)
        {
            var types = new EntityTypeSet((byte)mask);
            _subsets[mask] = new Lazy<NewsPipeline>(() => Build(types), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    public Document Process(ExtractionJob job, CancellationToken cancellationToken)
    {
        var pipeline = job.Types == EntityTypeSet.All ? _all : _subsets[job.Types.Mask].Value;
        return pipeline.Process(job.Text, job.Options, cancellationToken);
    }

    // The stages of UseAll(), with the recognizer restricted to some types (the model and lexicons are loaded once per process).
    private static NewsPipeline Build(EntityTypeSet types) => NewsPipeline.CreateBuilder()
        .UseTokenizer()
        .UseSentences()
        .UseEntities(new EntityRecognitionOptions { Types = types.ToArray() })
        .UseLinking()
        .UseEvents()
        .Build();
}
