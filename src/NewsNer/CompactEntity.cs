using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NewsNer.Entities;
using NewsNer.Pipeline;

namespace NewsNer;

/// <summary>
/// An entity of a <see cref="CompactDocument"/>: the attributes of an <see cref="Entity"/>, with its mentions kept as the
/// segments of the text found them, in a packed form, and enumerated on demand (<see cref="EnumerateMentions"/>) rather
/// than gathered into one array: a name repeated a million times in a long text costs 20 MB, not twice 32. <see cref="ToEntity"/> gives the
/// equivalent <see cref="Entity"/>. Immutable.
/// </summary>
public sealed class CompactEntity
{
    private readonly ImmutableArray<MentionRun> _runs;
    private readonly Entity? _whole;

    internal CompactEntity(
        Entity head,
        ImmutableArray<string> roles,
        string? country,
        string? kind,
        string? actorCode,
        float confidence,
        int mentionCount,
        ImmutableArray<MentionRun> runs)
    {
        Id = head.Id;
        Type = head.Type;
        Canonical = head.Canonical;
        Roles = roles;
        Country = country;
        Kind = kind;
        ActorCode = actorCode;
        Confidence = confidence;
        MentionCount = mentionCount;
        _runs = runs;
    }

    /// <summary>An entity found whole (a text of one segment, or a pipeline without segments).</summary>
    internal CompactEntity(Entity whole)
        : this(whole, whole.Roles, whole.Country, whole.Kind, whole.ActorCode, whole.Confidence, whole.Mentions.Length, [])
    {
        _whole = whole;
    }

    /// <inheritdoc cref="Entity.Id"/>
    public string Id { get; }

    /// <inheritdoc cref="Entity.Type"/>
    public EntityType Type { get; }

    /// <inheritdoc cref="Entity.Canonical"/>
    public string Canonical { get; }

    /// <inheritdoc cref="Entity.Roles"/>
    public ImmutableArray<string> Roles { get; }

    /// <inheritdoc cref="Entity.Country"/>
    public string? Country { get; }

    /// <inheritdoc cref="Entity.Kind"/>
    public string? Kind { get; }

    /// <inheritdoc cref="Entity.ActorCode"/>
    public string? ActorCode { get; }

    /// <inheritdoc cref="Entity.Confidence"/>
    public float Confidence { get; }

    /// <summary>The number of mentions (what <see cref="Entity.Mentions"/> would hold).</summary>
    public int MentionCount { get; }

    /// <summary>Every mention, in text order, with document-wide token and sentence indices (as in <see cref="Entity.Mentions"/>).</summary>
    public IEnumerable<EntityMention> EnumerateMentions() => _whole is not null ? _whole.Mentions : _runs.SelectMany(run => run.Enumerate());

    /// <summary>The equivalent <see cref="Entity"/>, with its mentions in one array.</summary>
    public Entity ToEntity()
    {
        if (_whole is not null)
        {
            return _whole;
        }

        var mentions = new EntityMention[MentionCount];
        var n = 0;
        foreach (var mention in EnumerateMentions())
        {
            mentions[n++] = mention;
        }

        return new Entity
        {
            Id = Id,
            Type = Type,
            Canonical = Canonical,
            Mentions = ImmutableCollectionsMarshal.AsImmutableArray(mentions),
            Roles = Roles,
            Country = Country,
            Kind = Kind,
            ActorCode = ActorCode,
            Confidence = Confidence,
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Type.ToLabel()} {Canonical} ({MentionCount} mentions)";

    internal static EntityMention Shift(EntityMention mention, int firstToken, int firstSentence) =>
        firstToken == 0 && firstSentence == 0 ? mention : mention with { FirstToken = mention.FirstToken + firstToken, Sentence = mention.Sentence + firstSentence };
}
