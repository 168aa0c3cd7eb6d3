using NewsNer.Internal;
using NewsNer.Pipeline;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer;

/// <summary>
/// Chooses the stages and options of a <see cref="NewsPipeline"/>. Stages run in the order tokens → sentences →
/// entities → linking → events; <see cref="Build"/> checks that each stage has what it needs. A builder is not
/// thread-safe; the pipeline it builds is.
/// </summary>
public sealed class NewsPipelineBuilder
{
    private readonly List<IPipelineStage> _stages = [];

    internal NewsPipelineBuilder()
    {
    }

    /// <summary>Adds every stage, with the embedded models.</summary>
    public NewsPipelineBuilder UseAll() => UseTokenizer().UseSentences();

    /// <summary>Adds the French tokenizer.</summary>
    public NewsPipelineBuilder UseTokenizer() => Add(new TokenizerStage(FrenchTokenizer.Default));

    /// <summary>Adds sentence splitting (needs tokens).</summary>
    public NewsPipelineBuilder UseSentences() => Add(new SentenceStage(SentenceSplitter.Default));

    /// <summary>Builds the immutable, thread-safe pipeline.</summary>
    /// <exception cref="InvalidOperationException">No stage, or a stage whose requirements no earlier stage produces.</exception>
    public NewsPipeline Build()
    {
        if (_stages.Count == 0)
        {
            throw new InvalidOperationException(ErrorMessages.EmptyPipeline);
        }

        var done = Annotations.None;
        foreach (var stage in _stages)
        {
            var missing = stage.Requires & ~done;
            if (missing != Annotations.None)
            {
                throw new InvalidOperationException(ErrorMessages.StageRequires(stage.Name, missing));
            }

            done |= stage.Produces;
        }

        return new NewsPipeline([.. _stages]);
    }

    internal NewsPipelineBuilder Add(IPipelineStage stage)
    {
        if (_stages.Any(s => s.Name == stage.Name))
        {
            throw new InvalidOperationException(ErrorMessages.DuplicateStage(stage.Name));
        }

        _stages.Add(stage);
        return this;
    }
}
