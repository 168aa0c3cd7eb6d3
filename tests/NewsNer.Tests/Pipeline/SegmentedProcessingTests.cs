using System.Reflection;
using NewsNer.Benchmarks;
using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Pipeline;
using NewsNer.Sentences;
using NewsNer.Serialization;
using NewsNer.Tests.TestSupport;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Pipeline;

/// <summary>
/// Long texts are processed in segments (<see cref="NewsPipeline.SegmentLength"/>): below one segment the result is
/// exactly the unsegmented one; above, tokens and sentences are those of the whole text, offsets are document-wide, and
/// entities of different segments are merged; <see cref="NewsPipeline.ProcessCompact"/> writes the same JSON as
/// <see cref="NewsPipeline.Process"/> without holding the tokens.
/// </summary>
public class SegmentedProcessingTests
{
    private static readonly DocumentOptions s_options = new() { PublicationDate = new DateOnly(2025, 10, 15), Source = "test" };

    private static string Json(Document document) => NewsJson.Serialize(document);

    private static string Json(CompactDocument document)
    {
        using var writer = new StringWriter();
        NewsJson.Write(writer, document);
        return writer.ToString();
    }

    [Fact]
    public void The_sample_article_through_the_segment_runner_equals_the_unsegmented_document()
    {
        var text = File.ReadAllText(RepoPaths.SampleArticle);
        var pipeline = NewsPipeline.CreateDefault();
        var expected = pipeline.Process(text, s_options);
        Assert.NotEmpty(expected.Entities);
        Assert.NotEmpty(expected.Events);
        Assert.Equal(Json(expected), Json(pipeline.ProcessCompact(text, s_options)));
        Assert.Equal(Json(expected), Json(pipeline.ProcessCompact(text, s_options).ToDocument()));
    }

    [Fact]
    public void Every_benchmark_article_through_the_segment_runner_equals_the_unsegmented_document()
    {
        var pipeline = NewsPipeline.CreateDefault();
        var articles = BenchmarkInputs.Documents(BenchmarkInputs.Articles);
        Assert.True(articles.Length > 50);
        foreach (var text in articles)
        {
            Assert.True(text.Length <= NewsPipeline.SegmentLength);
            Assert.Equal(Json(pipeline.Process(text, s_options)), Json(pipeline.ProcessCompact(text, s_options)));
        }
    }

    [Fact]
    public void A_long_text_is_processed_in_segments_with_document_wide_tokens_sentences_and_ids()
    {
        var article = File.ReadAllText(RepoPaths.SampleArticle);
        var text = string.Join("\n\n", Enumerable.Repeat(article, 3 * NewsPipeline.SegmentLength / article.Length));
        var pipeline = NewsPipeline.CreateDefault();
        var document = pipeline.Process(text, s_options);

        // Tokens and sentences of the whole text, as the tokenizer and splitter give them in one call.
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        Assert.Equal(tokens.ToArray(), document.Tokens.ToArray());
        Assert.Equal(SentenceSplitter.Default.Split(text, tokens.AsSpan()), document.Sentences.ToArray());

        // Entities merged across segments: Vladimir Poutine is one entity named in every copy of the article.
        var poutine = Assert.Single(document.Entities, e => e.Canonical == "Vladimir Poutine");
        Assert.True(poutine.Mentions.Count(m => m.Kind == MentionKind.Name) >= 3 * 5);
        Assert.Equal(document.Entities.Length, document.Entities.Select(e => e.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, document.Entities.Length).Select(i => $"e{i}"), document.Entities.Select(e => e.Id));
        foreach (var entity in document.Entities)
        {
            Assert.Equal(entity.Mentions.OrderBy(m => m.Start).Select(m => m.Start), entity.Mentions.Select(m => m.Start));
            foreach (var mention in entity.Mentions)
            {
                Assert.Equal(mention.Start, document.Tokens[mention.FirstToken].Start);
                Assert.Equal(mention.End, document.Tokens[mention.EndToken - 1].End);
                var sentence = document.Sentences[mention.Sentence];
                Assert.InRange(mention.FirstToken, sentence.FirstToken, sentence.EndToken - 1);
            }
        }

        // Events of every segment, numbered through the document, naming document-wide entities.
        Assert.True(document.Events.Length >= 3);
        Assert.Equal(Enumerable.Range(1, document.Events.Length).Select(i => $"v{i}"), document.Events.Select(e => e.Id));
        var ids = document.Entities.Select(e => e.Id).ToHashSet();
        Assert.All(document.Events.SelectMany(e => e.Participants), p => Assert.Contains(p.EntityId, ids));
        Assert.True(document.Events.Max(e => e.Evidence[0].Start) > 3 * NewsPipeline.SegmentLength / 2);

        // The compact path gives the same JSON without holding the tokens.
        var compact = pipeline.ProcessCompact(text, s_options);
        Assert.Equal(tokens.Length, compact.TokenCount);
        Assert.Equal(Json(document), Json(compact));
    }

    [Fact]
    public void Segments_end_at_a_paragraph_break_when_one_falls_in_the_last_quarter()
    {
        var paragraph = string.Concat(Enumerable.Repeat("Le président a parlé de la situation au Sahel avec ses ministres. ", 100));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 3 * NewsPipeline.SegmentLength / paragraph.Length));
        var runner = SegmentedRunner.For(NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().Build().Stages)!;
        var result = runner.Run(text, DocumentOptions.None, keepTokens: false, CancellationToken.None);
        Assert.Equal(3, result.Segments);
        Assert.Equal(FrenchTokenizer.Default.CountTokens(text), result.TokenCount);
    }

    [Fact]
    public void Without_linking_mentions_of_all_segments_are_grouped_by_text()
    {
        var article = File.ReadAllText(RepoPaths.SampleArticle);
        var text = string.Join("\n\n", Enumerable.Repeat(article, 2 * NewsPipeline.SegmentLength / article.Length));
        var pipeline = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().UseEntities().Build();
        var document = pipeline.Process(text);
        Assert.Empty(document.Events);
        var kremlin = Assert.Single(document.Entities, e => e.Canonical == "Kremlin");
        Assert.True(kremlin.Mentions.Length > 2 * (NewsPipeline.SegmentLength / article.Length));
    }

    [Fact]
    public void A_long_text_that_is_not_French_gets_its_language_once_and_no_entities_in_any_segment()
    {
        var paragraph = "The president of France met the Russian leader in Paris on Monday, officials said. "
            + "They talked about the war in Ukraine and trade between the two countries for several hours.\n\n";
        var text = string.Concat(Enumerable.Repeat(paragraph, 3 * NewsPipeline.SegmentLength / paragraph.Length));
        var pipeline = NewsPipeline.CreateDefault();
        foreach (var document in new[] { pipeline.Process(text, s_options), pipeline.ProcessCompact(text, s_options).ToDocument() })
        {
            Assert.Equal("en", document.Language);
            Assert.Equal(DocumentWarning.NotFrench, Assert.Single(document.Warnings).Code);
            Assert.Empty(document.Entities);
            Assert.Empty(document.Events);
            Assert.Equal(FrenchTokenizer.Default.CountTokens(text), document.Tokens.Length);
        }

        // A declared language wins, in every segment: declared French, the recognizer runs.
        var forced = pipeline.ProcessCompact(text, new DocumentOptions { Language = "fr" });
        Assert.Equal("fr", forced.Language);
        Assert.Empty(forced.Warnings);
        Assert.NotEmpty(forced.Entities);
    }

    [Fact]
    public void A_pipeline_of_tokens_only_is_processed_whole()
    {
        var text = string.Concat(Enumerable.Repeat("Un mot, puis un autre. ", 10_000));
        var pipeline = NewsPipeline.CreateBuilder().UseTokenizer().Build();
        var document = pipeline.Process(text);
        Assert.Equal(FrenchTokenizer.Default.CountTokens(text), document.Tokens.Length);
        Assert.Equal(document.Tokens.Length, pipeline.ProcessCompact(text).TokenCount);
    }

    /// <summary>The segment merger copies entities and events under new ids: it must copy every property.</summary>
    [Theory]
    [InlineData(typeof(Entity), "Id Type Canonical Mentions Roles Country Kind ActorCode Confidence")]
    [InlineData(typeof(MeetingEvent), "Id Type Subtype Status Participants Delegation Location Places Date Topics Trigger Evidence Confidence Cameo Plover")]
    public void The_merger_copies_every_property(Type type, string copied)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.True(
            copied.Split(' ').Order(StringComparer.Ordinal).SequenceEqual(properties),
            $"{type.Name} has properties [{string.Join(' ', properties)}]: copy the new ones in SegmentMerger.WithId (Entity) or MeetingEvent.Copy and list them here");
    }

    [Fact]
    public void The_merger_copies_keep_every_value()
    {
        var document = SampleArticle.Process();
        var meeting = document.Events[0];
        var copy = meeting.WithId("v9");
        Assert.Equal("v9", copy.Id);
        foreach (var property in typeof(MeetingEvent).GetProperties().Where(p => p.Name != nameof(MeetingEvent.Id)))
        {
            Assert.Equal(property.GetValue(meeting), property.GetValue(copy));
        }

        var entity = document.Entities[0];
        var entityCopy = SegmentMerger.WithId(entity, "e9");
        foreach (var property in typeof(Entity).GetProperties().Where(p => p.Name != nameof(Entity.Id)))
        {
            Assert.Equal(property.GetValue(entity), property.GetValue(entityCopy));
        }
    }
}
