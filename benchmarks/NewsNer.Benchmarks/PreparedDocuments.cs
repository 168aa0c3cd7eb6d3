using NewsNer.Entities;
using NewsNer.Pipeline;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Benchmarks;

/// <summary>
/// Benchmark input documents with the layers the stage under test needs already computed by the default pipeline's own
/// stages, so that a benchmark times one stage alone.
/// </summary>
internal sealed class PreparedDocument
{
    private PreparedDocument(string text, Token[] tokens, Sentence[] sentences, EntityMention[] mentions)
    {
        Text = text;
        Tokens = tokens;
        Sentences = sentences;
        Mentions = mentions;
    }

    /// <summary>The publication date given to every benchmark document (dates like <c>mercredi</c> resolve against it).</summary>
    public static DocumentOptions Options { get; } = new() { PublicationDate = new DateOnly(2025, 10, 15) };

    public string Text { get; }

    public Token[] Tokens { get; }

    public Sentence[] Sentences { get; }

    /// <summary>The recognizer's name mentions (empty when prepared without entities).</summary>
    public EntityMention[] Mentions { get; }

    /// <summary>
    /// Runs the default pipeline's stages up to and including the last one producing <paramref name="upTo"/> on each
    /// document and keeps tokens, sentences and mentions.
    /// </summary>
    public static PreparedDocument[] Prepare(string[] documents, Annotations upTo)
    {
        var stages = NewsPipeline.CreateDefault().Stages;
        var result = new PreparedDocument[documents.Length];
        for (var d = 0; d < documents.Length; d++)
        {
            var state = new AnnotationState(documents[d], Options);
            foreach (var stage in stages)
            {
                if ((state.Done & upTo) == upTo)
                {
                    break;
                }

                stage.Run(state, CancellationToken.None);
                state.Done |= stage.Produces;
            }

            result[d] = new PreparedDocument(state.Text, state.Tokens, state.Sentences, [.. state.Mentions]);
        }

        return result;
    }

    /// <summary>A fresh working state holding the prepared layers, as the pipeline would hand it to the next stage.</summary>
    public AnnotationState NewState(Annotations done)
    {
        var state = new AnnotationState(Text, Options) { Tokens = Tokens, Sentences = Sentences, Done = done };
        state.Mentions.AddRange(Mentions);
        return state;
    }

    /// <summary>The default pipeline's stage of type <typeparamref name="T"/>.</summary>
    public static T Stage<T>()
        where T : IPipelineStage => NewsPipeline.CreateDefault().Stages.OfType<T>().Single();

    /// <summary>Total tokens of the documents.</summary>
    public static long CountTokens(string[] documents)
    {
        long tokens = 0;
        foreach (var document in documents)
        {
            tokens += FrenchTokenizer.Default.CountTokens(document);
        }

        return tokens;
    }
}
