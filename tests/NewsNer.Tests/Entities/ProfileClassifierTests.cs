using NewsNer.Entities;
using NewsNer.Training;
using NewsNer.Training.Conll;
using NewsNer.Training.Evaluation;

namespace NewsNer.Tests.Entities;

public class ProfileClassifierTests
{
    // A second "convention": the same sentences with every word but the names in capitals (like OCR'd mastheads).
    private static string Shouty(string conll) => string.Join('\n', conll.Split('\n').Select(line =>
        line.EndsWith("\tO", StringComparison.Ordinal) ? line[..^2].ToUpperInvariant() + "\tO" : line));

    private static string WithoutLabels(string conll) => string.Join('\n', conll.Split('\n').Select(line =>
        line.Contains('\t', StringComparison.Ordinal) ? line[..line.IndexOf('\t', StringComparison.Ordinal)] + "\tO" : line));

    [Fact]
    public void The_profile_of_a_file_is_identified_from_its_text_and_travels_with_the_model()
    {
        var modern = NerTestData.WriteTemp(NerTestData.Conll(150, seed: 11));
        var shouty = NerTestData.WriteTemp(Shouty(NerTestData.Conll(150, seed: 12)));
        var modelPath = Path.Combine(Path.GetTempPath(), "newsner-test-" + Guid.NewGuid().ToString("N") + ".nner"); // not created: no empty .conll left behind
        try
        {
            var options = new NerTrainingOptions
            {
                Sources = [new TrainingSource(modern, Domain: "modern"), new TrainingSource(shouty, Unlabeled: [EntityType.Organization], Domain: "shouty")],
                MaxIterations = 20,
                MinFeatureCount = 1,
                Threads = 1,
                DefaultProfile = "modern",
            };
            var model = NerTrainer.TrainModel(options, NerLexicons.Empty);
            Assert.NotNull(model.ProfileClassifier);
            Assert.Equal(["modern", "shouty"], model.ProfileClassifier!.Classes);
            using (var file = File.Create(modelPath))
            {
                NerTrainer.Save(model, file);
            }

            using (var file = File.OpenRead(modelPath))
            {
                var copy = NerModel.Read(file);
                Assert.Equal(model.ProfileClassifier.Classes, copy.ProfileClassifier!.Classes);
                Assert.Equal([EntityType.Person, EntityType.Location, EntityType.Misc], copy.ProfileClassifier.Types[1]);
            }

            // Held-out text, with its labels removed: the choice cannot depend on them.
            var heldOut = ConllReader.Read(new StringReader(WithoutLabels(Shouty(NerTestData.Conll(30, seed: 13)))));
            var (profile, types, explanation) = NerEvaluator.ChooseProfile(modelPath, NerEvaluator.AutoProfile, heldOut);
            Assert.Equal("shouty", profile);
            Assert.Equal([EntityType.Person, EntityType.Location, EntityType.Misc], types);
            Assert.Contains("shouty", explanation, StringComparison.Ordinal);

            var modernText = ConllReader.Read(new StringReader(WithoutLabels(NerTestData.Conll(30, seed: 14))));
            var (defaultProfile, allTypes, _) = NerEvaluator.ChooseProfile(modelPath, NerEvaluator.AutoProfile, modernText);
            Assert.Null(defaultProfile); // the model's default profile
            Assert.Null(allTypes);
        }
        finally
        {
            File.Delete(modern);
            File.Delete(shouty);
            File.Delete(modelPath);
        }
    }
}
