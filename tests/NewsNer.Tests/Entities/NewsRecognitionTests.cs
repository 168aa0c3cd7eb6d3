using NewsNer.Entities;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Entities;

public class OutletRulesTests
{
    private static readonly OutletRules s_rules = new(
        ["platform\tTwitter", "platform*\tX", "cue\tsur", "cue\tcompte"], ["com", "fr"], ["UZ", "CD"]);

    private static string[] Tag(string text)
    {
        var tokens = FrenchTokenizer.Default.TokenizeToArray(text);
        var labels = new int[tokens.Length];
        var confidence = new float[tokens.Length];
        s_rules.Apply(tokens, labels, confidence);
        return [.. tokens.Select((t, i) => $"{t.Text}/{NerLabels.Name(labels[i])}").Where(s => !s.EndsWith("/O", StringComparison.Ordinal))];
    }

    [Theory]
    [InlineData("Il a écrit sur son compte X et sur Twitter hier", "X/B-ORG|Twitter/B-ORG")]
    [InlineData("La lettre X figure au tableau", "")]
    [InlineData("Selon thediplomatinspain.com et podrobno.uz , puis POLITICO.CD", "thediplomatinspain.com/B-ORG|podrobno/B-ORG|./I-ORG|uz/I-ORG|POLITICO/B-ORG|./I-ORG|CD/I-ORG")]
    [InlineData("Voir www.aps.dz ou https://www.lemonde.fr/politique pour le détail", "")]
    [InlineData("Il est parti en Syrie.Il reviendra", "")]
    public void Platforms_after_a_cue_and_bare_web_addresses_are_organizations(string text, string expected)
    {
        Assert.Equal(expected, string.Join('|', Tag(text)));
    }

    [Fact]
    public void The_embedded_rules_load()
    {
        var tokens = FrenchTokenizer.Default.TokenizeToArray("Il a réagi sur Facebook .");
        var labels = new int[tokens.Length];
        OutletRules.Default.Apply(tokens, labels, new float[tokens.Length]);
        Assert.Equal(NerLabels.Begin(EntityType.Organization), labels[4]);
    }
}

public class NewsDecodingTests
{
    [Theory]
    [InlineData("l'", true)]
    [InlineData("L’", true)]
    [InlineData("qu'", true)]
    [InlineData("d'Ivoire", false)]
    [InlineData("'", false)]
    [InlineData("Elysée", false)]
    public void Elided_articles_are_recognized(string token, bool expected) =>
        Assert.Equal(expected, EntityRecognizer.IsElidedArticle(token));

    [Fact]
    public void Line_breaks_are_read_between_tokens()
    {
        var tokens = FrenchTokenizer.Default.TokenizeToArray("Jean Dupont\nAFP  \n\n Paris");
        Assert.Equal([false, false, true, true], tokens.Select(t => NerFeatureExtractor.BreakBefore(t)));
    }

    [Fact]
    public void Under_the_news_profile_no_name_runs_across_a_line_break()
    {
        // The tiny model tags "Jean Dupont" as one person; written on two lines, the news profile cuts it, the corpus
        // profile (no constraint) does not.
        var model = NewsAdaptationTests.Adapted;
        var tokens = FrenchTokenizer.Default.TokenizeToArray("Jean\nDupont habite à Paris .");
        var news = new int[tokens.Length];
        new EntityRecognizer(model, NerLexicons.Empty).Tag(tokens, news, default);
        var corpus = new int[tokens.Length];
        new EntityRecognizer(model, NerLexicons.Empty, options: new EntityRecognizerOptions { Profile = "wire" }).Tag(tokens, corpus, default);
        Assert.NotEqual(NerLabels.Inside(EntityType.Person), news[1]);
        Assert.Equal(NerLabels.Inside(EntityType.Person), corpus[1]);
    }
}

public class CompoundNamesTests
{
    private static string Split(string word, params (string Name, EntityType Type)[] mentionedAlone)
    {
        var token = FrenchTokenizer.Default.TokenizeToArray(word).Single();
        var alone = mentionedAlone.ToDictionary(m => m.Name, m => (EntityType?)m.Type, StringComparer.Ordinal);
        var parts = new List<(int Start, int End, EntityType Type)>();
        return CompoundNames.TrySplit(token, EntityType.Location, NerLexicons.Default, alone.GetValueOrDefault, parts)
            ? string.Join('|', parts.Select(p => $"{word[p.Start..p.End]}/{p.Type.ToLabel()}"))
            : "-";
    }

    [Theory]
    [InlineData("Séoul-Tokyo", "Séoul/LOC|Tokyo/LOC")]
    [InlineData("Canada-Royaume-Uni", "Canada/LOC|Royaume-Uni/LOC")]
    [InlineData("Guinée-Bissau", "-")]
    [InlineData("Port-Soudan", "-")]
    [InlineData("Jean-Pierre", "-")]
    [InlineData("Addis-Abeba", "-")]
    public void Names_written_together_split_only_when_both_sides_are_names(string word, string expected) =>
        Assert.Equal(expected, Split(word));

    [Fact]
    public void A_side_the_document_names_alone_counts_as_a_name()
    {
        Assert.Equal("Moon/PER|Kim/PER", Split("Moon-Kim", ("Moon", EntityType.Person), ("Kim", EntityType.Person)));
        Assert.Equal("-", Split("Moon-Kim", ("Moon", EntityType.Person)));
    }

    [Fact]
    public void A_chain_of_names_splits_up_to_the_caps_and_a_longer_one_is_left_whole()
    {
        // Nine places joined by eight hyphens split; one more hyphen, or a token past MaxLength, and the token is left
        // whole (a line of capitals joined by hyphens was cubic: 20,000 of them took hours).
        var chain = string.Join('-', Enumerable.Repeat("Paris", CompoundNames.MaxHyphens + 1));
        Assert.Equal(string.Join('|', Enumerable.Repeat("Paris/LOC", CompoundNames.MaxHyphens + 1)), Split(chain));
        Assert.Equal("-", Split(chain + "-Paris"));
        Assert.Equal("-", Split(string.Join('-', Enumerable.Repeat("PARIS", 20_000))));
        var longName = "Zyxw" + new string('v', CompoundNames.MaxLength);
        Assert.Equal("Paris/LOC|Zyxwv/PER", Split("Paris-Zyxwv", ("Zyxwv", EntityType.Person)));
        Assert.Equal("-", Split("Paris-" + longName, (longName, EntityType.Person)));
    }

    [Fact]
    public void The_news_pipeline_mentions_each_name_of_a_compound()
    {
        var doc = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().UseEntities(NewsModelFile()).UseLinking().Build()
            .Process("La ligne ferroviaire Séoul-Tokyo a été inaugurée mardi à Séoul.");
        var texts = doc.Entities.SelectMany(e => e.Mentions).Select(m => doc.GetText(m)).ToList();
        Assert.DoesNotContain("Séoul-Tokyo", texts);
        Assert.Contains("Tokyo", texts);
    }

    // The embedded model with a tiny news layer (the recognizer's news rules run under the news profile only).
    private static MemoryStream NewsModelFile()
    {
        var layer = new NerModelLayer("news", NerFeatureExtractor.Version, NerResources.Model.BaseTransitions, NerResources.Model.BaseStart, NerResources.Model.BaseEnd, [], [], [], [], "{}");
        var stream = new MemoryStream();
        NerResources.Model.WithoutLayer().WithLayer(layer).Write(stream); // uncompressed: quicker than the shipped gzip
        stream.Position = 0;
        return stream;
    }
}
