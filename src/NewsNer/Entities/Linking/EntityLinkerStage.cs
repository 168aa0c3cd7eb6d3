using NewsNer.Pipeline;

namespace NewsNer.Entities.Linking;

/// <summary>
/// Pipeline stage that turns the recognizer's name mentions into linked entities with attributes and nominal
/// mentions (<see cref="EntityLinker"/>).
/// </summary>
internal sealed class EntityLinkerStage(EntityLinker linker) : IPipelineStage
{
    public string Name => "linking";

    public Annotations Requires => Annotations.Tokens | Annotations.Sentences | Annotations.Mentions;

    public Annotations Produces => Annotations.Entities | Annotations.Linking;

    public void Run(AnnotationState state, CancellationToken cancellationToken)
    {
        var view = new LexicalView(state.Text, state.Tokens, state.Sentences, linker.Lexicons, cancellationToken);
        var result = linker.Link(view, state.Mentions);
        state.Entities.Clear();
        state.Entities.AddRange(result.Entities);
        state.Linking = result;
    }
}
