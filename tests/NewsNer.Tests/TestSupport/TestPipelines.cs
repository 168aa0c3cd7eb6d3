using NewsNer.Events.Decisions;
using NewsNer.Pipeline;

namespace NewsNer.Tests.TestSupport;

/// <summary>How a test pipeline finds meetings.</summary>
internal enum EventMethod
{
    /// <summary>No event stage.</summary>
    None,

    /// <summary>The hand-written event rules alone (what the case files under Events/Data document).</summary>
    Rules,

    /// <summary>The shipped learned decisions (what <see cref="NewsPipelineBuilder.UseEvents()"/> adds).</summary>
    Learned,
}

/// <summary>Pipelines for tests: the real tokenizer, sentences, linking and events over hand-placed mentions.</summary>
internal static class TestPipelines
{
    /// <summary>A pipeline whose recognizer tags exactly the names in <paramref name="spec"/> ("PER: A | B; LOC: C").</summary>
    public static NewsPipeline WithNames(string spec, EventMethod events = EventMethod.Rules)
    {
        var builder = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().Add(new NameListStage(NameListStage.Parse(spec))).UseLinking();
        return (events switch
        {
            EventMethod.Rules => builder.UseEvents(model: null),
            EventMethod.Learned => builder.UseEvents(EventModel.Default),
            _ => builder,
        }).Build();
    }

    /// <summary>Processes a text with hand-placed names.</summary>
    public static Document Process(string text, string spec, DateOnly? publicationDate = null, EventMethod events = EventMethod.Rules) =>
        WithNames(spec, events).Process(text, new DocumentOptions { PublicationDate = publicationDate });
}
