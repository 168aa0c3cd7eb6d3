using System.Text;
using NewsNer.Entities;
using NewsNer.Training;

namespace NewsNer.Tests.Entities;

/// <summary>Small synthetic CoNLL data and a tiny model trained on it once (a few seconds), shared by the tests.</summary>
internal static class NerTestData
{
    private static readonly Lazy<NerModel> s_model = new(TrainTiny);

    public static NerModel TinyModel => s_model.Value;

    public static readonly string[] People = ["Jean Dupont", "Marie Curie", "Paul Martin", "Sophie Bernard", "Luc Moreau", "Claire Petit", "Ahmed Benali", "Anna Schmidt"];
    public static readonly string[] Places = ["Paris", "Lyon", "Berlin", "Madrid", "Marseille", "Rome", "Dakar", "Genève"];
    public static readonly string[] Companies = ["Renault", "Airbus", "Danone", "Michelin", "Orange", "Carrefour"];

    private static readonly string[] s_templates =
    [
        "{PER} habite à {LOC} depuis longtemps .",
        "{PER} travaille chez {ORG} .",
        "Le groupe {ORG} s' installe à {LOC} .",
        "Selon {PER} , la situation à {LOC} est calme .",
        "Hier , {PER} a rencontré {PER} à {LOC} .",
        "Les salariés de {ORG} manifestent .",
        "Il fait beau aujourd' hui .",
    ];

    /// <summary>CoNLL text of <paramref name="count"/> sentences built from the templates with names drawn at random.</summary>
    public static string Conll(int count, int seed, string[]? people = null, string[]? places = null, string[]? companies = null)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        for (var s = 0; s < count; s++)
        {
            var template = s_templates[random.Next(s_templates.Length)];
            foreach (var slot in template.Split(' '))
            {
                var (names, type) = slot switch
                {
                    "{PER}" => (people ?? People, "PER"),
                    "{LOC}" => (places ?? Places, "LOC"),
                    "{ORG}" => (companies ?? Companies, "ORG"),
                    _ => ((string[]?)null, "O"),
                };
                if (names is null)
                {
                    sb.Append(slot).Append("\tO\n");
                    continue;
                }

                var words = names[random.Next(names.Length)].Split(' ');
                for (var k = 0; k < words.Length; k++)
                {
                    sb.Append(words[k]).Append('\t').Append(k == 0 ? "B-" : "I-").Append(type).Append('\n');
                }
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    public static string WriteTemp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "newsner-test-" + Guid.NewGuid().ToString("N") + ".conll");
        File.WriteAllText(path, content);
        return path;
    }

    private static NerModel TrainTiny()
    {
        var path = WriteTemp(Conll(300, seed: 1));
        try
        {
            return NerTrainer.TrainModel(new NerTrainingOptions { Sources = [new TrainingSource(path)], MaxIterations = 60, MinFeatureCount = 1, Threads = 1 }, NerLexicons.Empty);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
