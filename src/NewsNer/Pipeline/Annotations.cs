namespace NewsNer.Pipeline;

/// <summary>The layers of annotation a pipeline stage requires or produces; stage order follows from them.</summary>
[Flags]
internal enum Annotations
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Tokens with offsets.</summary>
    Tokens = 1,

    /// <summary>Sentence boundaries.</summary>
    Sentences = 2,

    /// <summary>Entity mentions (names, with type and confidence).</summary>
    Mentions = 4,

    /// <summary>Entities: mentions clustered, canonical names, attributes, nominal mentions.</summary>
    Entities = 8,

    /// <summary>Meeting events.</summary>
    Events = 16,

    /// <summary>
    /// What linking found beyond the entities, for the event stage: the lexical view (word ids and classes), each name
    /// mention's entity, every role description and the entity it denotes (<see cref="Entities.Linking.LinkingResult"/>).
    /// </summary>
    Linking = 32,

    /// <summary>The language of the text (<see cref="AnnotationState.Language"/>).</summary>
    Language = 64,
}
