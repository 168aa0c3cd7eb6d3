using NewsNer.Entities;
using NewsNer.Entities.Linking;
using NewsNer.Events;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Pipeline;

/// <summary>
/// The mutable working state of one document while the stages run; turned into an immutable <see cref="Document"/> at
/// the end. One instance per call, never shared between threads.
/// </summary>
internal sealed class AnnotationState
{
    public AnnotationState(string text, DocumentOptions options)
    {
        Text = text;
        Options = options;
    }

    public string Text { get; }

    public DocumentOptions Options { get; }

    /// <summary>The language of the text: the caller's (<see cref="DocumentOptions.Language"/>), else French until the language stage says otherwise.</summary>
    public string Language { get; set; } = Document.French;

    /// <summary>Warnings for the caller, in the order they arose.</summary>
    public List<DocumentWarning> Warnings { get; } = [];

    public Token[] Tokens { get; set; } = [];

    public Sentence[] Sentences { get; set; } = [];

    /// <summary>Name mentions from the recognizers, in text order, non-overlapping.</summary>
    public List<EntityMention> Mentions { get; } = [];

    public List<Entity> Entities { get; } = [];

    public List<MeetingEvent> Events { get; } = [];

    /// <summary>The <see cref="Annotations.Linking"/> layer: what linking found beyond the entities, for the event stage.</summary>
    public LinkingResult? Linking { get; set; }

    /// <summary>The layers produced so far.</summary>
    public Annotations Done { get; set; }
}
