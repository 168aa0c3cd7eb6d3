using NewsNer.Entities;

namespace NewsNer.Tests.TestSupport;

/// <summary>
/// The sample article through tokens, sentences, the real linking and event stages, with the names a perfect
/// recognizer would tag (<see cref="NewsNer.Pipeline.NameListStage"/>): a realistic full document for output tests.
/// </summary>
internal static class SampleArticle
{
    private static readonly (string, EntityType)[] s_names =
    [
        ("Vladimir Poutine", EntityType.Person), ("Poutine", EntityType.Person), ("Ahmad al-Chaar", EntityType.Person),
        ("al-Chaar", EntityType.Person), ("Al-Chaar", EntityType.Person), ("Bachar al-Assad", EntityType.Person),
        ("al-Assad", EntityType.Person), ("Asaad al-Shaybani", EntityType.Person), ("Mourhaf Abu Qasra", EntityType.Person),
        ("Kremlin", EntityType.Location), ("Moscou", EntityType.Location), ("Russie", EntityType.Location), ("Syrie", EntityType.Location),
        ("Damas", EntityType.Location), ("Hmeimim", EntityType.Location), ("Lattaquié", EntityType.Location), ("Tartous", EntityType.Location),
        ("Reuters", EntityType.Organization), ("SadaNews", EntityType.Organization),
    ];

    public static Document Process()
    {
        var pipeline = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().Add(new NewsNer.Pipeline.NameListStage(s_names)).UseLinking().UseEvents().Build();
        var text = File.ReadAllText(RepoPaths.SampleArticle);
        return pipeline.Process(text, new DocumentOptions { PublicationDate = new DateOnly(2025, 10, 15), Source = "al-chaar-poutine.fr.txt", Metadata = new Dictionary<string, string> { ["title"] = "Al-Chaar discute avec Poutine au Kremlin" } });
    }
}
