using System.Collections.Immutable;

namespace NewsNer.Entities;

/// <summary>
/// A named entity of one document: every mention that refers to it, clustered (<c>Poutine</c> joins
/// <c>Vladimir Poutine</c>), a canonical name (the fullest form in the text) and the attributes the text gives.
/// </summary>
public sealed class Entity
{
    /// <summary>
    /// Document-local identifier (<c>e1</c>, <c>e2</c>, … in order of first mention; the entities named only inside
    /// another name come last).
    /// </summary>
    public required string Id { get; init; }

    /// <summary>The entity type.</summary>
    public required EntityType Type { get; init; }

    /// <summary>The fullest name found in the text, spelled as it appears there.</summary>
    public required string Canonical { get; init; }

    /// <summary>
    /// Every mention, in text order: names first recognized, plus nominal mentions attached by linking. A name nested at
    /// the end of a longer name (<c>Shanghai</c> in <c>Organisation de coopération de Shanghai</c>) is a mention too, lying
    /// inside the longer name's mention, as the news annotation guide lists such names apart.
    /// </summary>
    public required ImmutableArray<EntityMention> Mentions { get; init; }

    /// <summary>Roles or titles the text gives a person (<c>président</c>, <c>ministre des affaires étrangères</c>), normalized to lower case.</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 code of the country the entity belongs to or lies in, when the text or the lexicons say so.</summary>
    public string? Country { get; init; }

    /// <summary>
    /// A finer kind when known: for places <c>country</c>, <c>city</c>, <c>region</c>, <c>building</c>; for organizations
    /// <c>news_agency</c>, <c>ministry</c>, <c>igo</c>, <c>party</c>, <c>armed_group</c>, <c>government</c>, <c>company</c>.
    /// </summary>
    public string? Kind { get; init; }

    /// <summary>CAMEO actor code when known: country (ISO3) plus sector, e.g. <c>RUSGOV</c>, <c>SYRMIL</c>, <c>IGOUNO</c>.</summary>
    public string? ActorCode { get; init; }

    /// <summary>Mean confidence of the name mentions, in [0, 1].</summary>
    public float Confidence { get; init; } = 1f;

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Type.ToLabel()} {Canonical} ({Mentions.Length} mentions)";
}
