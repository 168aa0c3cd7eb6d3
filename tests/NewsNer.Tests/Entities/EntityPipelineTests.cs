using NewsNer.Entities;

namespace NewsNer.Tests.Entities;

public class EntityPipelineTests
{
    private static readonly string s_sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt"));

    private static HashSet<(EntityType, string)> Mentions(Document doc) =>
        doc.Entities.SelectMany(e => e.Mentions.Select(m => (m.Type, doc.Text[m.Start..m.End]))).ToHashSet();

    [Fact]
    public void Sample_article_yields_the_main_people_places_and_agency()
    {
        var mentions = Mentions(NewsPipeline.CreateDefault().Process(s_sample));
        Assert.Contains((EntityType.Person, "Vladimir Poutine"), mentions);
        Assert.Contains((EntityType.Person, "Ahmad al-Chaar"), mentions);
        Assert.Contains((EntityType.Person, "Bachar al-Assad"), mentions);
        Assert.Contains((EntityType.Location, "Moscou"), mentions);
        Assert.Contains((EntityType.Location, "Kremlin"), mentions);
        Assert.Contains((EntityType.Location, "Syrie"), mentions);
        Assert.Contains((EntityType.Location, "Russie"), mentions);
        Assert.Contains((EntityType.Organization, "Reuters"), mentions);
    }

    [Fact]
    public void Mentions_are_ordered_non_overlapping_or_nested_in_bounds_with_confidences_in_unit_interval()
    {
        var doc = NewsPipeline.CreateDefault().Process(s_sample);
        var mentions = doc.Entities.SelectMany(e => e.Mentions).OrderBy(m => m.Start).ToList();
        Assert.NotEmpty(mentions);
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            Assert.InRange(m.Confidence, 0f, 1f);
            // The characters lie in the token range (a name inside a hyphenated token covers part of it).
            Assert.InRange(m.Start, doc.Tokens[m.FirstToken].Start, doc.Tokens[m.FirstToken].End - 1);
            Assert.InRange(m.End, doc.Tokens[m.EndToken - 1].Start + 1, doc.Tokens[m.EndToken - 1].End);
            Assert.InRange(m.Sentence, 0, doc.Sentences.Length - 1);
            if (i > 0)
            {
                // Apart, or a name nested at the end of a longer one (Shanghai in Organisation de coopération de Shanghai).
                var previous = mentions[i - 1];
                Assert.True(previous.End <= m.Start || (m.Start >= previous.Start && m.End <= previous.End), $"{previous} overlaps {m}");
            }
        }
    }

    [Fact]
    public void User_names_take_precedence_over_the_model()
    {
        var pipeline = NewsPipeline.CreateBuilder().UseAll()
            .AddEntities(EntityType.Organization, ["Vladimir Poutine"])
            .AddEntities(EntityType.Misc, ["comité mixte", "Hmeimim"])
            .Build();
        var doc = pipeline.Process(s_sample);
        var mentions = Mentions(doc);
        Assert.Contains((EntityType.Organization, "Vladimir Poutine"), mentions);
        Assert.DoesNotContain((EntityType.Person, "Vladimir Poutine"), mentions);
        Assert.Contains((EntityType.Misc, "comité mixte"), mentions);
        Assert.Contains((EntityType.Misc, "Hmeimim"), mentions);
        var user = doc.Entities.SelectMany(e => e.Mentions).First(m => doc.Text[m.Start..m.End] == "comité mixte");
        Assert.Equal(1f, user.Confidence);
    }

    [Fact]
    public void User_names_match_either_apostrophe()
    {
        var pipeline = NewsPipeline.CreateBuilder().UseAll().AddEntities(EntityType.Location, ["Côte d'Ivoire"]).Build();
        var doc = pipeline.Process("Il est arrivé en Côte d’Ivoire hier.");
        Assert.Contains((EntityType.Location, "Côte d’Ivoire"), Mentions(doc));
    }

    [Fact]
    public void Add_entities_without_recognizer_names_the_fix()
    {
        var builder = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().AddEntities(EntityType.Person, ["Jean"]);
        var error = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("UseEntities", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => NewsPipeline.CreateBuilder().AddEntities(EntityType.Person, null!));
    }

    [Fact]
    public void Custom_model_stream_is_used()
    {
        using var stream = new MemoryStream();
        Training.NerTrainer.Save(NerTestData.TinyModel, stream);
        stream.Position = 0;
        var pipeline = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().UseEntities(stream).Build();
        Assert.Contains("entities", pipeline.StageNames);
        var doc = pipeline.Process("Selon Jean Dupont , la situation à Paris est calme .");
        Assert.NotNull(doc);
    }

    [Fact]
    public void Same_pipeline_in_parallel_gives_identical_results()
    {
        var pipeline = NewsPipeline.CreateDefault();
        var expected = Mentions(pipeline.Process(s_sample));
        Parallel.For(0, 16, _ => Assert.Equal(expected, Mentions(pipeline.Process(s_sample))));
    }

    [Theory]
    [InlineData("\u0000\u0001 \ud800 <p>Texte</p> M. \u200b")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Это текст на русском языке.")]
    public void Odd_input_gives_a_valid_document(string text)
    {
        var doc = NewsPipeline.CreateDefault().Process(text);
        Assert.All(doc.Entities.SelectMany(e => e.Mentions), m => Assert.InRange(m.End, m.Start + 1, text.Length));
    }
}
