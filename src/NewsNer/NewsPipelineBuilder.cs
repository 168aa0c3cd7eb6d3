using NewsNer.Entities.Linking;
using NewsNer.Events;
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

    /// <summary>
    /// Adds every stage, with the embedded models. Linking and events come after entity recognition; they are left
    /// out while no stage of the pipeline recognizes entity mentions.
    /// </summary>
    public NewsPipelineBuilder UseAll()
    {
        UseTokenizer().UseSentences();
        if (Produces(Annotations.Mentions))
        {
            UseLinking().UseEvents();
        }

        return this;
    }

    /// <summary>Adds the French tokenizer.</summary>
    public NewsPipelineBuilder UseTokenizer() => Add(new TokenizerStage(FrenchTokenizer.Default));

    /// <summary>Adds sentence splitting (needs tokens).</summary>
    public NewsPipelineBuilder UseSentences() => Add(new SentenceStage(SentenceSplitter.Default));

    /// <summary>
    /// Adds entity linking (needs entity mentions): mentions of the same entity are clustered (<c>Poutine</c> joins
    /// <c>Vladimir Poutine</c>, <c>CENA</c> its expansion), entities get roles, country, kind and CAMEO actor code, and
    /// role descriptions used instead of a name (<c>le président russe</c>) become nominal mentions.
    /// </summary>
    public NewsPipelineBuilder UseLinking() => Add(new EntityLinkerStage(EntityLinker.Default));

    /// <summary>
    /// Adds diplomatic-meeting extraction (needs linking): meetings, visits, phone calls, summits and negotiations with
    /// their participants and roles, place, date, topics, status and CAMEO/PLOVER codes.
    /// </summary>
    public NewsPipelineBuilder UseEvents() => Add(new MeetingEventStage(MeetingExtractor.Default));

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

    private bool Produces(Annotations layer) => _stages.Any(s => (s.Produces & layer) != 0);

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
