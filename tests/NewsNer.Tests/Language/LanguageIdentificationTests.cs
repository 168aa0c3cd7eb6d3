using NewsNer.Language;
using NewsNer.Serialization;

namespace NewsNer.Tests.Language;

/// <summary>
/// Language identification in the pipeline: a text that is not French gets its language, a warning, tokens and
/// sentences, and no entities or events, unless the caller declares it French; French news quoting other languages,
/// and texts too short to tell, stay French.
/// </summary>
public class LanguageIdentificationTests
{
    // The case: an English wire story gave PER "Chinese", LOC "Wednesday", ORG "White House said".
    private const string English =
        "The White House said on Wednesday that the president would meet his Chinese counterpart next week in Washington, "
        + "as both governments try to ease tensions over trade and technology. Officials said the talks would focus on tariffs "
        + "and export controls, and that no agreement was expected before the end of the year.";

    private const string Arabic =
        "قال البيت الأبيض يوم الأربعاء إن الرئيس سيلتقي نظيره الصيني الأسبوع المقبل في واشنطن، في وقت تسعى فيه الحكومتان "
        + "إلى تخفيف التوترات بشأن التجارة والتكنولوجيا.";

    private const string FrenchQuotingEnglish =
        "Le président américain a reçu mercredi à la Maison Blanche le Premier ministre britannique. « We had a very good "
        + "meeting, a great meeting », a-t-il déclaré devant la presse à l'issue de l'entretien, avant d'ajouter que les deux "
        + "pays travailleraient ensemble sur l'Ukraine.";

    private static readonly NewsPipeline s_pipeline = NewsPipeline.CreateDefault();

    [Fact]
    public void English_news_is_english_with_a_warning_and_no_entities()
    {
        var document = s_pipeline.Process(English);
        Assert.Equal("en", document.Language);
        Assert.Empty(document.Entities);
        Assert.Empty(document.Events);
        Assert.NotEmpty(document.Tokens);
        Assert.NotEmpty(document.Sentences);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(DocumentWarning.NotFrench, warning.Code);
        Assert.Contains("English (en", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arabic_news_is_arabic_with_a_warning_and_no_entities()
    {
        var document = s_pipeline.Process(Arabic);
        Assert.Equal("ar", document.Language);
        Assert.Empty(document.Entities);
        Assert.Contains("Arabic", Assert.Single(document.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declaring_french_processes_any_text_as_french()
    {
        var document = s_pipeline.Process(English, new DocumentOptions { Language = "FR" });
        Assert.Equal(Document.French, document.Language);
        Assert.Empty(document.Warnings);
        Assert.NotEmpty(document.Entities);
    }

    [Fact]
    public void Declaring_another_language_skips_entities_even_on_french_text()
    {
        var document = s_pipeline.Process(FrenchQuotingEnglish, new DocumentOptions { Language = "en" });
        Assert.Equal("en", document.Language);
        Assert.Empty(document.Entities);
        Assert.Equal(DocumentWarning.NotFrench, Assert.Single(document.Warnings).Code);
    }

    [Theory]
    [InlineData("fr-CA", "fr")]
    [InlineData("en_GB", "en")]
    [InlineData(" AR ", "ar")]
    public void A_declared_language_tag_keeps_its_primary_subtag(string declared, string expected) =>
        Assert.Equal(expected, s_pipeline.Process("Texte.", new DocumentOptions { Language = declared }).Language);

    [Theory]
    [InlineData("")]
    [InlineData("français")]
    [InlineData("f")]
    public void A_declared_language_that_is_no_code_is_refused(string declared)
    {
        var error = Assert.Throws<ArgumentException>(() => s_pipeline.Process("Texte.", new DocumentOptions { Language = declared }));
        Assert.Contains("not a language code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void French_news_quoting_english_stays_french()
    {
        var document = s_pipeline.Process(FrenchQuotingEnglish);
        Assert.Equal(Document.French, document.Language);
        Assert.Empty(document.Warnings);
        Assert.Contains(document.Entities, e => e.Canonical == "Ukraine");
    }

    [Theory]
    [InlineData("")]
    [InlineData("OK.")]
    [InlineData("Breaking news")]
    [InlineData("12 345 678 — 2025-10-15 14:30")]
    [InlineData("Donald Trump, Xi Jinping, Vladimir Poutine, Emmanuel Macron, Olaf Scholz, Giorgia Meloni, Pedro Sánchez")]
    public void Texts_too_short_or_without_words_are_taken_as_french(string text)
    {
        var document = s_pipeline.Process(text);
        Assert.Equal(Document.French, document.Language);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void French_text_in_capitals_is_french_and_english_in_capitals_is_english()
    {
        Assert.Equal(Document.French, LanguageIdentifier.Default.Identify(FrenchQuotingEnglish.ToUpperInvariant()).Code);
        Assert.Equal("en", LanguageIdentifier.Default.Identify(English.ToUpperInvariant()).Code);
    }

    [Theory]
    [InlineData("Das Weiße Haus teilte am Mittwoch mit, dass sich der Präsident in der kommenden Woche mit seinem chinesischen Amtskollegen treffen werde, um über den Handel und die Zölle zu sprechen, die beide Länder seit Monaten belasten.", "de")]
    [InlineData("La Casa Blanca anunció el miércoles que el presidente se reunirá la próxima semana con su homólogo chino para hablar del comercio y de los aranceles que pesan desde hace meses sobre las relaciones entre los dos países.", "es")]
    [InlineData("La Casa Bianca ha annunciato mercoledì che il presidente incontrerà la prossima settimana il suo omologo cinese per discutere del commercio e dei dazi che da mesi pesano sulle relazioni tra i due paesi.", "it")]
    [InlineData("Белый дом заявил в среду, что президент встретится на следующей неделе со своим китайским коллегой, чтобы обсудить торговлю и пошлины, которые уже несколько месяцев осложняют отношения между двумя странами.", "ru")]
    [InlineData("美国白宫周三表示，总统将于下周在华盛顿会见中国国家主席，双方将讨论贸易和关税问题，这些问题数月来一直困扰着两国关系。", "zh")]
    [InlineData("ホワイトハウスは水曜日、大統領が来週ワシントンで中国の国家主席と会談し、貿易と関税について話し合うと発表した。", "ja")]
    public void Other_languages_are_named(string text, string expected) => Assert.Equal(expected, LanguageIdentifier.Default.Identify(text).Code);

    [Fact]
    public void Language_and_warnings_round_trip_through_json_and_old_json_reads_as_french()
    {
        var document = s_pipeline.Process(English);
        var json = NewsJson.Serialize(document);
        Assert.Contains("\"language\":\"en\",\"warnings\":[{\"code\":\"not_french\",\"message\":", json, StringComparison.Ordinal);
        var again = NewsJson.Deserialize(json);
        Assert.Equal("en", again.Language);
        Assert.Equal(document.Warnings.ToArray(), again.Warnings.ToArray());
        Assert.Equal(json, NewsJson.Serialize(again));

        var old = NewsJson.Deserialize("{\"schema\":\"newsner/1\",\"source\":null,\"text\":\"Bonjour.\",\"sentences\":[],\"entities\":[],\"events\":[]}");
        Assert.Equal(Document.French, old.Language);
        Assert.Empty(old.Warnings);
    }

    [Fact]
    public void A_pipeline_without_language_detection_takes_text_as_french()
    {
        var pipeline = NewsPipeline.CreateBuilder().UseTokenizer().UseSentences().Build();
        Assert.Equal(Document.French, pipeline.Process(English).Language);
        Assert.Equal("en", pipeline.Process(English, new DocumentOptions { Language = "en" }).Language);
        Assert.Equal("language", NewsPipeline.CreateDefault().StageNames[0]);
    }

    [Fact]
    public void A_long_text_on_one_line_is_identified_in_bounded_chunks()
    {
        // 8 MB without a line end: one chunk would overflow the scores; chunks end at a word after 5,000 letters.
        var english = string.Concat(Enumerable.Repeat(English + " ", 8_000_000 / (English.Length + 1)));
        Assert.Equal("en", LanguageIdentifier.Default.Identify(english).Code);
        var french = string.Concat(Enumerable.Repeat(FrenchQuotingEnglish + " ", 8_000_000 / (FrenchQuotingEnglish.Length + 1)));
        Assert.Equal(Document.French, LanguageIdentifier.Default.Identify(french).Code);
    }

    [Fact]
    public void Identification_reads_a_long_text_in_bounded_chunks()
    {
        // 2 MB of mixed lines: identified without scoring every chunk, and French wins when it is most of the text.
        var text = string.Concat(Enumerable.Repeat(FrenchQuotingEnglish + "\n" + FrenchQuotingEnglish + "\n" + English + "\n", 2_000_000 / 900));
        var guess = LanguageIdentifier.Default.Identify(text);
        Assert.Equal(Document.French, guess.Code);
        Assert.InRange(guess.Confidence, 0.5f, 0.8f);
    }
}
