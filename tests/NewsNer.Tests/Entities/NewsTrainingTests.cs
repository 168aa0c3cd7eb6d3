using NewsNer.Entities;
using NewsNer.Tokenization;
using NewsNer.Training;
using NewsNer.Training.News;

namespace NewsNer.Tests.Entities;

public class NewsProjectionTests
{
    private static string[] Tags(ProjectedDocument projected) => [.. projected.Labels.Select(NerLabels.Name)];

    private static string[] Words(ProjectedDocument projected) => [.. projected.Tokens.Select(t => t.Text)];

    [Fact]
    public void Every_occurrence_is_labelled_and_the_longest_form_wins()
    {
        const string text = "Emmanuel Macron a reçu Vladimir Poutine à Paris. Macron a salué Poutine.";
        var projected = NewsProjection.Project(text, [
            new NewsGoldEntity(EntityType.Person, ["Emmanuel Macron", "Macron"]),
            new NewsGoldEntity(EntityType.Person, ["Vladimir Poutine", "Poutine"]),
            new NewsGoldEntity(EntityType.Location, ["Paris"])]);
        Assert.Equal(["Emmanuel", "Macron", "a", "reçu", "Vladimir", "Poutine", "à", "Paris", ".", "Macron", "a", "salué", "Poutine", "."], Words(projected));
        Assert.Equal(["B-PER", "I-PER", "O", "O", "B-PER", "I-PER", "O", "B-LOC", "O", "B-PER", "O", "O", "B-PER", "O"], Tags(projected));
        Assert.Equal(5, projected.Stats.FormsFound);
        Assert.Equal(5, projected.Stats.Occurrences);
        Assert.Equal(2, projected.Stats.Overlapping); // "Macron" and "Poutine" inside the full names
    }

    [Fact]
    public void A_nested_name_is_labelled_only_outside_the_longer_one()
    {
        // The guide lists nested names separately (ONU and "Conseil de sécurité de l'ONU"): the longer one is labelled
        // where it occurs, the shorter one elsewhere.
        const string text = "Le Conseil de sécurité de l'ONU se réunit. L'ONU a publié un texte.";
        var projected = NewsProjection.Project(text, [
            new NewsGoldEntity(EntityType.Organization, ["ONU"]),
            new NewsGoldEntity(EntityType.Organization, ["Conseil de sécurité de l’ONU"])]);
        Assert.Equal(["Le", "Conseil", "de", "sécurité", "de", "l'", "ONU", "se", "réunit", ".", "L'", "ONU", "a", "publié", "un", "texte", "."], Words(projected));
        Assert.Equal(["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O", "O"], Tags(projected));
    }

    [Fact]
    public void Forms_match_on_token_boundaries_only_and_white_space_and_apostrophes_are_normalized()
    {
        // "Sall" is not inside "Salle"; the typographic apostrophe of the gold matches the straight one of the text; a
        // line break inside a name matches the gold's space (the scorer reads both as one space).
        const string text = "Macky Sall visite la Salle des fêtes de Côte d'Ivoire.\nLa Banque\nmondiale approuve.";
        var projected = NewsProjection.Project(text, [
            new NewsGoldEntity(EntityType.Person, ["Macky Sall", "Sall"]),
            new NewsGoldEntity(EntityType.Location, ["Côte d’Ivoire"]),
            new NewsGoldEntity(EntityType.Organization, ["Banque mondiale"])]);
        var tags = Tags(projected);
        var words = Words(projected);
        Assert.Equal("O", tags[Array.IndexOf(words, "Salle")]);
        Assert.Equal(["B-LOC", "I-LOC", "I-LOC"], tags[Array.IndexOf(words, "Côte")..(Array.IndexOf(words, "Côte") + 3)]);
        Assert.Equal(["B-ORG", "I-ORG"], tags[Array.IndexOf(words, "Banque")..(Array.IndexOf(words, "Banque") + 2)]);
        Assert.Equal(1, projected.Stats.NotOnTokenBoundaries);
    }

    [Fact]
    public void Case_is_kept_and_forms_that_cross_a_sentence_are_left_out()
    {
        const string text = "Le président Tebboune arrive.\n\nLE CAIRE reçoit le président. TEBBOUNE.";
        var projected = NewsProjection.Project(text, [
            new NewsGoldEntity(EntityType.Person, ["Tebboune"]),
            new NewsGoldEntity(EntityType.Location, ["LE CAIRE"]),
            new NewsGoldEntity(EntityType.Person, ["arrive. LE"])]);
        Assert.Equal(["O", "O", "B-PER", "O", "O", "B-LOC", "I-LOC", "O", "O", "O", "O", "O", "O"], Tags(projected));
        Assert.Equal(1, projected.Stats.CrossingSentences);
    }

    [Fact]
    public void Gold_files_are_read_with_every_surface_form()
    {
        const string json = """
            {"entities": [
              {"text": "Pedro Sanchez", "type": "PER", "canonical": "Pedro Sanchez", "mentions": ["Pedro Sanchez", "Sanchez"]},
              {"text": "Alger", "type": "LOC", "canonical": "Alger", "mentions": ["Alger"]},
              {"text": "Ordre du mérite", "type": "EVENT", "mentions": ["Ordre du mérite"]}],
             "events": []}
            """;
        var entities = NewsGold.ReadEntities(json);
        Assert.Equal(2, entities.Count);
        Assert.Equal(["Pedro Sanchez", "Sanchez"], entities[0].Mentions);
        Assert.Equal(EntityType.Location, entities[1].Type);
        Assert.Throws<FormatException>(() => NewsGold.ReadEntities("{\"events\": []}"));
        Assert.Throws<FormatException>(() => NewsGold.ReadEntities("not json"));
    }
}

public class NewsAdaptationTests
{
    // A convention the corpus model never saw: a news agency in capitals after "l'agence" is an organization.
    private static readonly string[] s_agencies = ["APS", "WAM", "MAP", "QNA", "SPA", "KUNA", "VNA", "AIP"];

    private static List<NewsArticle> Articles(int count, int seed)
    {
        var random = new Random(seed);
        var articles = new List<NewsArticle>();
        for (var a = 0; a < count; a++)
        {
            var agency = s_agencies[random.Next(s_agencies.Length)];
            var person = NerTestData.People[random.Next(NerTestData.People.Length)];
            var place = NerTestData.Places[random.Next(NerTestData.Places.Length)];
            var text = $"Visite officielle\n\n{person} est arrivé à {place} , selon l'agence {agency} .\nIl fait beau aujourd'hui .";
            articles.Add(new NewsArticle(a.ToString(System.Globalization.CultureInfo.InvariantCulture), text, [
                new NewsGoldEntity(EntityType.Person, [person]),
                new NewsGoldEntity(EntityType.Location, [place]),
                new NewsGoldEntity(EntityType.Organization, [agency])]));
        }

        return articles;
    }

    private static float[] Scores(NerModel model, Token[] tokens, int index)
    {
        var features = new ulong[tokens.Length * NerFeatureExtractor.MaxFeatures];
        var counts = new int[tokens.Length];
        new NerFeatureExtractor(NerLexicons.Empty).Extract(tokens, new NerFeatureExtractor.TokenInfo[tokens.Length], features, counts);
        var scores = new float[NerLabels.Count];
        model.Score(features.AsSpan(index * NerFeatureExtractor.MaxFeatures, counts[index]), scores);
        return scores;
    }

    private static string Tag(NerModel model, string text, string word)
    {
        var tokens = FrenchTokenizer.Default.TokenizeToArray(text);
        var labels = new int[tokens.Length];
        new EntityRecognizer(model, NerLexicons.Empty).Tag(tokens, labels, default);
        return NerLabels.Name(labels[Array.FindIndex(tokens, t => t.Text == word)]);
    }

    // A corpus model with two profiles (conventions), "wire" its default, and the same model with a news layer.
    private static readonly Lazy<NerModel> s_base = new(() =>
    {
        var wire = NerTestData.WriteTemp(NerTestData.Conll(150, seed: 1));
        var web = NerTestData.WriteTemp(NerTestData.Conll(150, seed: 2));
        try
        {
            return NerTrainer.TrainModel(new NerTrainingOptions
            {
                Sources = [new TrainingSource(wire, Domain: "wire"), new TrainingSource(web, Domain: "web")],
                DefaultProfile = "wire",
                MaxIterations = 40,
                MinFeatureCount = 1,
                Threads = 1,
            }, NerLexicons.Empty);
        }
        finally
        {
            File.Delete(wire);
            File.Delete(web);
        }
    });

    /// <summary>The tiny two-profile corpus model with a news layer (shared with other tests).</summary>
    internal static NerModel Adapted => s_adapted.Value;

    private static readonly Lazy<NerModel> s_adapted = new(() =>
        NewsAdaptation.TrainModel(s_base.Value, Articles(40, seed: 1), new NewsAdaptationOptions { MaxIterations = 40, Threads = 1 }, NerLexicons.Empty).Model);

    [Fact]
    public void The_news_layer_learns_the_news_convention_and_becomes_the_default_profile()
    {
        var adapted = s_adapted.Value;
        Assert.Equal("news", adapted.DefaultProfile);
        Assert.Equal(["news", "web", "wire"], adapted.Profiles);
        Assert.Equal("wire", adapted.BaseDefaultProfile);
        Assert.NotNull(adapted.Layer);
        Assert.True(adapted.Layer!.FeatureCount > 0);
        const string unseen = "Anna Schmidt est arrivée à Lyon , selon l'agence PANA .";
        Assert.Equal("B-ORG", Tag(adapted, unseen, "PANA"));
        Assert.NotEqual("B-ORG", Tag(s_base.Value, unseen, "PANA"));
        Assert.NotEqual("B-ORG", Tag(adapted.ForProfile("wire"), unseen, "PANA"));
    }

    [Fact]
    public void The_corpus_profiles_of_an_adapted_model_keep_the_corpus_weights_and_transitions_exactly()
    {
        var adapted = s_adapted.Value;
        var tokens = FrenchTokenizer.Default.TokenizeToArray("Selon l'agence APS , Jean Dupont travaille chez Renault à Paris .");
        foreach (var profile in new[] { "wire", "web" })
        {
            var before = s_base.Value.ForProfile(profile);
            var after = adapted.ForProfile(profile);
            for (var i = 0; i < tokens.Length; i++)
            {
                Assert.Equal(Scores(before, tokens, i), Scores(after, tokens, i));
            }

            Assert.Equal(before.Transitions, after.Transitions);
            Assert.Equal(before.End, after.End);
        }

        Assert.NotEqual(s_base.Value.Transitions, adapted.Transitions);
        Assert.Same(adapted, adapted.ForProfile(null));
        Assert.Same(adapted, adapted.ForProfile("news"));
        Assert.True(adapted.IsLiteralConvention("wire"));
        Assert.False(adapted.IsLiteralConvention("web"));
        Assert.Throws<ArgumentException>(() => adapted.ForProfile("historical"));
    }

    [Fact]
    public void A_layered_model_round_trips_and_training_from_it_starts_from_the_corpus_model()
    {
        var adapted = s_adapted.Value;
        using var file = new MemoryStream();
        NerTrainer.Save(adapted, file);
        file.Position = 0;
        var copy = NerModel.Read(file);
        Assert.Equal("news", copy.DefaultProfile);
        Assert.Equal(adapted.Layer!.FeatureCount, copy.Layer!.FeatureCount);
        var tokens = FrenchTokenizer.Default.TokenizeToArray("Paul Martin arrive à Rome , selon l'agence KUNA .");
        for (var i = 0; i < tokens.Length; i++)
        {
            Assert.Equal(Scores(adapted, tokens, i), Scores(copy, tokens, i));
            Assert.Equal(Scores(s_base.Value, tokens, i), Scores(copy.WithoutLayer(), tokens, i));
            Assert.Equal(Scores(s_base.Value.ForProfile("web"), tokens, i), Scores(copy.ForProfile("web"), tokens, i));
        }

        // Training again over the adapted model drops its layer first: the same data give the same model.
        var again = NewsAdaptation.TrainModel(copy, Articles(40, seed: 1), new NewsAdaptationOptions { MaxIterations = 40, Threads = 1 }, NerLexicons.Empty).Model;
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        NerTrainer.Save(adapted, a);
        NerTrainer.Save(again, b);
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void A_layer_that_does_not_fit_its_base_is_refused()
    {
        var weights = new NerModel.Weights[1];
        float[] transitions = new float[NerLabels.Count * NerLabels.Count], start = new float[NerLabels.Count], end = new float[NerLabels.Count];
        var layer = new NerModelLayer("news", NerFeatureExtractor.Version, transitions, start, end, [0x1234_5678_9ABC_DEF0UL], weights, [], [], "{}");
        Assert.Throws<InvalidDataException>(() => NerTestData.TinyModel.WithLayer(layer));
        Assert.Throws<InvalidOperationException>(() => s_adapted.Value.WithLayer(s_adapted.Value.Layer!));
    }
}
