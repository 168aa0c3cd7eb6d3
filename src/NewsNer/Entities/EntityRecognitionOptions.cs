namespace NewsNer.Entities;

/// <summary>Options of the entity recognition stage (<see cref="NewsPipelineBuilder.UseEntities(EntityRecognitionOptions?)"/>).</summary>
public sealed record EntityRecognitionOptions
{
    /// <summary>
    /// Whether a second pass makes the document consistent: a name recognized in one place (or a recognized person's
    /// surname) is also recognized where the model missed it, and one string gets one type. Default: true.
    /// </summary>
    public bool DocumentConsistency { get; init; } = true;

    /// <summary>Mentions whose confidence is below this value (in [0, 1]) are dropped. Default: 0 (keep all).</summary>
    public float MinConfidence { get; init; }

    /// <summary>
    /// The annotation convention to follow, when the model has several (see <c>docs/model-card.md</c>): null for the
    /// model's default (modern news: titles and functions stay outside person names); <c>historical</c> follows the
    /// HIPE convention of historical newspaper corpora (titles inside person names: <c>M. Dupont</c>). Default: null.
    /// </summary>
    public string? Profile { get; init; }

    /// <summary>The entity types to recognize (null = all four). Names of the other types are left untagged.</summary>
    public IReadOnlyCollection<EntityType>? Types { get; init; }
}
