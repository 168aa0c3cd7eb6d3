using NewsNer.Tokenization;

namespace NewsNer.Pipeline;

internal sealed class TokenizerStage(FrenchTokenizer tokenizer) : IPipelineStage
{
    public string Name => "tokenizer";

    public FrenchTokenizer Tokenizer => tokenizer;

    public Annotations Requires => Annotations.None;

    public Annotations Produces => Annotations.Tokens;

    public void Run(AnnotationState state, CancellationToken cancellationToken) => state.Tokens = tokenizer.TokenizeToArray(state.Text, cancellationToken);
}
