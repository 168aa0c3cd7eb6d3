namespace NewsNer.Pipeline;

/// <summary>
/// One step of a <see cref="NewsPipeline"/>. A stage is immutable and thread-safe: the same instance runs on many
/// documents at once, keeping per-document data in the <see cref="AnnotationState"/> only.
/// </summary>
internal interface IPipelineStage
{
    /// <summary>A short name for diagnostics (<c>tokenizer</c>, <c>sentences</c>, <c>ner</c>, …).</summary>
    string Name { get; }

    /// <summary>Layers that must exist before this stage runs.</summary>
    Annotations Requires { get; }

    /// <summary>Layers this stage adds.</summary>
    Annotations Produces { get; }

    /// <summary>Annotates <paramref name="state"/>.</summary>
    void Run(AnnotationState state, CancellationToken cancellationToken);
}
