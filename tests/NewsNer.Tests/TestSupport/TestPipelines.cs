using NewsNer.Pipeline;

namespace NewsNer.Tests.TestSupport;

/// <summary>Pipelines for tests: the real tokenizer, sentences, linking and events over hand-placed mentions.</summary>
internal static class TestPipelines
{
    /// <summary>A pipeline whose recognizer tags exactly the names in <paramref name="spec"/> ("PER: A | B; LOC: C").</summary>
    public static NewsPipeline WithNames(string spec, bool events = true)
    {
        var builder = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().Add(new NameListStage(NameListStage.Parse(spec))).UseLinking();
        return (events ? builder.UseEvents() : builder).Build();
    }

    /// <summary>Processes a text with hand-placed names.</summary>
    public static Document Process(string text, string spec, DateOnly? publicationDate = null) =>
        WithNames(spec).Process(text, new DocumentOptions { PublicationDate = publicationDate });
}
