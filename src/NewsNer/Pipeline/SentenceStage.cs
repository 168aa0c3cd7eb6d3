using NewsNer.Sentences;

namespace NewsNer.Pipeline;

internal sealed class SentenceStage(SentenceSplitter splitter) : IPipelineStage
{
    public string Name => "sentences";

    public SentenceSplitter Splitter => splitter;

    public Annotations Requires => Annotations.Tokens;

    public Annotations Produces => Annotations.Sentences;

    public void Run(AnnotationState state, CancellationToken cancellationToken) => state.Sentences = splitter.Split(state.Text, state.Tokens, cancellationToken);
}
