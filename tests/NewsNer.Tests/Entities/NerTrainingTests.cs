using NewsNer.Entities;
using NewsNer.Training;
using NewsNer.Training.Conll;
using NewsNer.Training.Evaluation;

namespace NewsNer.Tests.Entities;

public class NerTrainingTests
{
    [Fact]
    public void Crf_learns_the_synthetic_task_and_generalizes_to_unseen_names()
    {
        // Unseen names in the same contexts: the model must rely on context and capitalization, not memory.
        var test = NerTestData.Conll(100, seed: 99, people: ["Karim Haddad", "Julie Roux"], places: ["Oslo", "Tunis"], companies: ["Peugeot", "Thales"]);
        var evaluator = new NerEvaluator(new EntityRecognizer(NerTestData.TinyModel, NerLexicons.Empty));
        var scores = evaluator.Evaluate(ConllReader.Read(new StringReader(test)));
        Assert.True(scores.Overall.F1 > 0.9, scores.Format());
    }

    [Fact]
    public void Untrained_features_give_no_entities()
    {
        var empty = NerTrainer.Export(EmptyTable(), new double[(9 * 9) + 18], 0, 0.001f, 0, "{}");
        var recognizer = new EntityRecognizer(empty, NerLexicons.Empty);
        var tokens = TrainingCorpus.MakeTokens(["Jean", "Dupont", "habite", "à", "Paris"]);
        var labels = new int[tokens.Length];
        recognizer.Tag(tokens, labels, default);
        Assert.All(labels, l => Assert.Equal(NerLabels.Outside, l));
    }

    [Fact]
    public void Model_round_trips_through_its_file_format()
    {
        var model = NerTestData.TinyModel;
        using var stream = new MemoryStream();
        NerTrainer.Save(model, stream);
        stream.Position = 0;
        var copy = NerModel.Read(stream);
        Assert.Equal(model.FeatureCount, copy.FeatureCount);
        Assert.Equal(model.Transitions, copy.Transitions);
        Assert.Equal(model.Metadata, copy.Metadata);

        var tokens = TrainingCorpus.MakeTokens(["Marie", "Curie", "travaille", "chez", "Renault", "."]);
        var features = new ulong[tokens.Length * NerFeatureExtractor.MaxFeatures];
        var counts = new int[tokens.Length];
        new NerFeatureExtractor(NerLexicons.Empty).Extract(tokens, new NerFeatureExtractor.TokenInfo[tokens.Length], features, counts);
        for (var i = 0; i < tokens.Length; i++)
        {
            var a = new float[NerLabels.Count];
            var b = new float[NerLabels.Count];
            model.Score(features.AsSpan(i * NerFeatureExtractor.MaxFeatures, counts[i]), a);
            copy.Score(features.AsSpan(i * NerFeatureExtractor.MaxFeatures, counts[i]), b);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Reading_garbage_throws_a_clear_error()
    {
        using var stream = new MemoryStream([(byte)'N', (byte)'N', (byte)'E', (byte)'R', 9, 0, 0, 0]);
        var error = Assert.Throws<InvalidDataException>(() => NerModel.Read(stream));
        Assert.Contains("newsner train", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var path = NerTestData.WriteTemp(NerTestData.Conll(60, seed: 5));
        try
        {
            var options = new NerTrainingOptions { Sources = [new TrainingSource(path)], MaxIterations = 15, MinFeatureCount = 1, Threads = 2 };
            using var a = new MemoryStream();
            using var b = new MemoryStream();
            NerTrainer.Save(NerTrainer.TrainModel(options, NerLexicons.Empty), a);
            NerTrainer.Save(NerTrainer.TrainModel(options with { Threads = 1 }, NerLexicons.Empty), b);
            Assert.Equal(a.ToArray(), b.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Partial_labels_do_not_teach_unannotated_types_as_outside()
    {
        // A corpus without MISC whose O tokens may be MISC: the constrained expectation lets MISC weights survive.
        var source = TrainingSource.Parse("x.conll@weight=0.5@unlabeled=MISC+ORG@max=10");
        Assert.Equal(0.5f, source.Weight);
        Assert.Equal([EntityType.Misc, EntityType.Organization], source.Unlabeled);
        Assert.Equal(10, source.MaxSentences);
        Assert.Throws<FormatException>(() => TrainingSource.Parse("x.conll@bogus=1"));
    }

    [Fact]
    public void Microsoft_ml_maxent_baseline_learns_the_synthetic_task()
    {
        var path = NerTestData.WriteTemp(NerTestData.Conll(200, seed: 3));
        try
        {
            var model = NerTrainer.TrainModel(new NerTrainingOptions { Sources = [new TrainingSource(path)], Learner = NerLearner.MaxEnt, MaxIterations = 50, MinFeatureCount = 1, Threads = 1 }, NerLexicons.Empty);
            var test = NerTestData.Conll(50, seed: 77);
            var scores = new NerEvaluator(new EntityRecognizer(model, NerLexicons.Empty)).Evaluate(ConllReader.Read(new StringReader(test)));
            Assert.True(scores.Overall.F1 > 0.9, scores.Format());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Training.Crf.FeatureTable EmptyTable()
    {
        var path = NerTestData.WriteTemp("a\tO\n\n");
        try
        {
            return Training.Crf.FeatureTable.Build(TrainingCorpus.Load(new TrainingSource(path)), new NerFeatureExtractor(NerLexicons.Empty), 5);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public class RetokenizationTests
{
    [Fact]
    public void Corpus_tokens_are_rejoined_retokenized_and_labels_projected()
    {
        // HIPE style: split abbreviation dot and elision; the title is inside the person span.
        string[] words = ["Le", "M", ".", "Dupont", "de", "l", "'", "association", "a", "1_000", "euros", "."];
        var labels = TrainingCorpus.NormalizeBio(["O", "B-PER", "I-PER", "I-PER", "O", "O", "O", "O", "O", "O", "O", "O"]);
        var result = TrainingCorpus.Retokenize(words, labels);
        Assert.NotNull(result);
        var (tokens, projected) = result.Value;
        Assert.Equal(["Le", "M.", "Dupont", "de", "l'", "association", "a", "1 000", "euros", "."], tokens.Select(t => t.Text));
        Assert.Equal(["O", "B-PER", "I-PER", "O", "O", "O", "O", "O", "O", "O"], projected.Select(NerLabels.Name));
    }

    [Fact]
    public void An_entity_never_starts_with_an_elided_article()
    {
        // WikiANN keeps elisions attached inside the span: "l'Élysée" LOC becomes l' (O) + Élysée (LOC).
        var result = TrainingCorpus.Retokenize(["à", "l'Élysée", "."], TrainingCorpus.NormalizeBio(["O", "B-LOC", "O"]));
        Assert.NotNull(result);
        Assert.Equal(["à", "l'", "Élysée", "."], result.Value.Tokens.Select(t => t.Text));
        Assert.Equal(["O", "O", "B-LOC", "O"], result.Value.Labels.Select(NerLabels.Name));
    }
}
