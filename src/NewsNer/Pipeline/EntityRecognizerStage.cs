using NewsNer.Entities;

namespace NewsNer.Pipeline;

/// <summary>Recognizes name mentions (PER, LOC, ORG, MISC) with the statistical model and the user's names.</summary>
internal sealed class EntityRecognizerStage(EntityRecognizer recognizer) : IPipelineStage
{
    public string Name => "entities";

    public Annotations Requires => Annotations.Tokens | Annotations.Sentences;

    public Annotations Produces => Annotations.Mentions;

    public EntityRecognizer Recognizer => recognizer;

    public void Run(AnnotationState state, CancellationToken cancellationToken) =>
        recognizer.Recognize(state.Tokens, state.Sentences, state.Mentions, cancellationToken);
}
