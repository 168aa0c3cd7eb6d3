namespace NewsNer.Entities.Linking;

/// <summary>
/// What linking found in one document, kept for the event stage: the lexical view, the name mentions with the entity
/// of each, and every role description with the entity it denotes (or none).
/// </summary>
internal sealed class LinkingResult
{
    public required LexicalView View { get; init; }

    /// <summary>The entities, in order of first mention (ids e1, e2, ...), then those named only inside another name.</summary>
    public required List<Entity> Entities { get; init; }

    /// <summary>The name mentions kept (sorted, non-overlapping).</summary>
    public required List<EntityMention> Mentions { get; init; }

    /// <summary>Entity index of each name mention.</summary>
    public required int[] MentionEntity { get; init; }

    /// <summary>Role descriptions found in the text.</summary>
    public required List<RoleExtent> Roles { get; init; }

    /// <summary>Entity index each role description denotes (through its name or as a nominal mention), or -1.</summary>
    public required int[] RoleEntity { get; init; }

    /// <summary>Name mention index covering each token, or -1.</summary>
    public required int[] MentionAt { get; init; }

    /// <summary>An empty result for a document without tokens.</summary>
    public static LinkingResult Empty(LexicalView view) => new()
    {
        View = view,
        Entities = [],
        Mentions = [],
        MentionEntity = [],
        Roles = [],
        RoleEntity = [],
        MentionAt = Enumerable.Repeat(-1, view.Count).ToArray(),
    };
}
