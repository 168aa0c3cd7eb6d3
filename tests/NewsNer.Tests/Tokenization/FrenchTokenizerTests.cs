using NewsNer.Tokenization;
using static NewsNer.Tests.Tokenization.TokenizerCases;

namespace NewsNer.Tests.Tokenization;

public class FrenchTokenizerTests
{
    [Theory]
    // Elisions, with every apostrophe form found in articles.
    [InlineData("l'agence", "l'|agence")]
    [InlineData("l’agence", "l’|agence")]
    [InlineData("d`Angola", "d`|Angola")]
    [InlineData("lʼagence", "lʼ|agence")]
    [InlineData("l‘agence", "l‘|agence")]
    [InlineData("d'al-Assad", "d'|al-Assad")]
    [InlineData("qu'al-Chaar", "qu'|al-Chaar")]
    [InlineData("jusqu'à", "jusqu'|à")]
    [InlineData("lorsqu'il", "lorsqu'|il")]
    [InlineData("puisqu'elle", "puisqu'|elle")]
    [InlineData("quoiqu'on", "quoiqu'|on")]
    [InlineData("presqu'aucun", "presqu'|aucun")]
    [InlineData("c'est", "c'|est")]
    [InlineData("ç'a été", "ç'|a|été")]
    [InlineData("n'a", "n'|a")]
    [InlineData("s'est", "s'|est")]
    [InlineData("j'ai", "j'|ai")]
    [InlineData("m'a", "m'|a")]
    [InlineData("t'inquiète", "t'|inquiète")]
    [InlineData("l'Élysée", "l'|Élysée")]
    [InlineData("L'Élysée", "L'|Élysée")]
    [InlineData("D'après", "D'|après")]
    [InlineData("Qu'il", "Qu'|il")]
    [InlineData("QU'IL", "QU'|IL")]
    [InlineData("JUSQU'À", "JUSQU'|À")]
    [InlineData("l'hôpital", "l'|hôpital")]
    [InlineData("l'Hôtel", "l'|Hôtel")]
    [InlineData("l'Yonne", "l'|Yonne")]
    [InlineData("l'œuvre", "l'|œuvre")]
    [InlineData("l'ONU", "l'|ONU")]
    [InlineData("d'aujourd'hui", "d'|aujourd'hui")]
    [InlineData("qu'il s'est", "qu'|il|s'|est")]
    [InlineData("n'y", "n'|y")]
    [InlineData("l'an 2000", "l'|an|2000")]
    [InlineData("Côte d'Ivoire", "Côte|d'|Ivoire")]
    // Lexical apostrophes stay whole.
    [InlineData("aujourd'hui", "aujourd'hui")]
    [InlineData("Aujourd’hui", "Aujourd’hui")]
    [InlineData("prud'hommes", "prud'hommes")]
    [InlineData("presqu'île", "presqu'île")]
    [InlineData("presqu’îles", "presqu’îles")]
    [InlineData("quelqu'un", "quelqu'un")]
    [InlineData("quelqu'une", "quelqu'une")]
    [InlineData("entr'ouvert", "entr'ouvert")]
    [InlineData("main-d'œuvre", "main-d'œuvre")]
    [InlineData("c'est-à-dire", "c'est-à-dire")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("N'Djamena", "N'Djamena")]
    [InlineData("à N’Djamena", "à|N’Djamena")]
    [InlineData("N'Diaye", "N'Diaye")]
    [InlineData("N'Golo Kanté", "N'Golo|Kanté")]
    [InlineData("M'Bappé", "M'Bappé")]
    [InlineData("M'Hamed", "M'Hamed")]
    [InlineData("Il n'a pas", "Il|n'|a|pas")]
    // Elision followed by a space (sloppy typing, text rebuilt from tokens).
    [InlineData("l' agence", "l'|agence")]
    [InlineData("qu’ il", "qu’|il")]
    [InlineData("S' il", "S'|il")]
    [InlineData("la lettre 'd' est", "la|lettre|'|d|'|est")]
    [InlineData("l' Kremlin", "l|'|Kremlin")]
    // Apostrophes used as quotes.
    [InlineData("'l'agence'", "'|l'|agence|'")]
    [InlineData("les parents' voix", "les|parents|'|voix")]
    public void Elisions_and_apostrophes(string text, string expected) => Assert.Equal(expected, Joined(text));

    [Theory]
    [InlineData("Al-Chaar", "Al-Chaar")]
    [InlineData("al-Shaybani", "al-Shaybani")]
    [InlineData("Jean-Yves Le Drian", "Jean-Yves|Le|Drian")]
    [InlineData("Saint-Pétersbourg", "Saint-Pétersbourg")]
    [InlineData("Guinée-Bissau", "Guinée-Bissau")]
    [InlineData("peut-être", "peut-être")]
    [InlineData("Sud-Sud", "Sud-Sud")]
    [InlineData("tête-à-tête", "tête-à-tête")]
    [InlineData("Trinité-et-Tobago", "Trinité-et-Tobago")]
    [InlineData("Saint-Germain-en-Laye", "Saint-Germain-en-Laye")]
    [InlineData("arc-en-ciel", "arc-en-ciel")]
    [InlineData("là-bas", "là-bas")]
    [InlineData("ci-dessus", "ci-dessus")]
    [InlineData("lui-même", "lui-même")]
    [InlineData("rendez-vous", "rendez-vous")]
    [InlineData("garde-à-vous", "garde-à-vous")]
    [InlineData("Villers-le-Bel", "Villers-le-Bel")]
    [InlineData("COVID-19", "COVID-19")]
    [InlineData("F-16", "F-16")]
    [InlineData("Su‑35", "Su‑35")]
    [InlineData("États‐Unis", "États‐Unis")]
    // Dashes as punctuation.
    [InlineData("-selon l'agence Reuters-", "-|selon|l'|agence|Reuters|-")]
    [InlineData("une source -selon l'agence Reuters- a déclaré", "une|source|-|selon|l'|agence|Reuters|-|a|déclaré")]
    [InlineData("Paris–Berlin", "Paris|–|Berlin")]
    [InlineData("Moscou — Damas", "Moscou|—|Damas")]
    [InlineData("mot -- mot", "mot|--|mot")]
    [InlineData("- Le président", "-|Le|président")]
    // Verb-pronoun inversion: French Treebank / Sequoia convention, the hyphen stays on the suffix.
    [InlineData("a-t-il", "a|-t-il")]
    [InlineData("a-t-elle", "a|-t-elle")]
    [InlineData("Y a-t-il", "Y|a|-t-il")]
    [InlineData("semble-t-il", "semble|-t-il")]
    [InlineData("va-t-on", "va|-t-on")]
    [InlineData("dit-elle", "dit|-elle")]
    [InlineData("Dit-elle", "Dit|-elle")]
    [InlineData("peut-on", "peut|-on")]
    [InlineData("est-ce", "est|-ce")]
    [InlineData("qu'est-ce que", "qu'|est|-ce|que")]
    [InlineData("puis-je", "puis|-je")]
    [InlineData("donne-le-moi", "donne|-le|-moi")]
    [InlineData("allons-y", "allons|-y")]
    [InlineData("celui-ci", "celui|-ci")]
    [InlineData("cette année-là", "cette|année|-là")]
    [InlineData("DIT-IL", "DIT|-IL")]
    [InlineData("a‑t‑il", "a|‑t‑il")]
    [InlineData("dit -elle", "dit|-elle")]
    [InlineData("a -t-il", "a|-t-il")]
    [InlineData("celui -ci", "celui|-ci")]
    [InlineData("une source -la même- a dit", "une|source|-|la|même|-|a|dit")]
    [InlineData("Reuters -il", "Reuters|-il")]
    [InlineData(". -il", ".|-|il")]
    public void Hyphens_and_dashes(string text, string expected) => Assert.Equal(expected, Joined(text));

    [Theory]
    [InlineData("M. Macron", "M.|Macron")]
    [InlineData("MM. Dupont et Durand", "MM.|Dupont|et|Durand")]
    [InlineData("Mme Dupont", "Mme|Dupont")]
    [InlineData("Mme. Dupont", "Mme.|Dupont")]
    [InlineData("Dr Martin", "Dr|Martin")]
    [InlineData("Dr. Martin", "Dr.|Martin")]
    [InlineData("Pr Raoult", "Pr|Raoult")]
    [InlineData("St. Louis", "St.|Louis")]
    [InlineData("en 52 av. J.-C.", "en|52|av.|J.-C.")]
    [InlineData("le 3 janv. 2025", "le|3|janv.|2025")]
    [InlineData("p. ex. le", "p.|ex.|le")]
    [InlineData("cf. supra", "cf.|supra")]
    [InlineData("Cf. le rapport", "Cf.|le|rapport")]
    [InlineData("c.-à-d. que", "c.-à-d.|que")]
    [InlineData("J. K. Rowling", "J.|K.|Rowling")]
    [InlineData("J.-P. Raffarin", "J.-P.|Raffarin")]
    [InlineData("les U.S.A.", "les|U.S.A.")]
    [InlineData("l'O.N.U. a dit", "l'|O.N.U.|a|dit")]
    [InlineData("M.Macron", "M.|Macron")]
    [InlineData("pommes, poires, etc.", "pommes|,|poires|,|etc.")]
    [InlineData("pommes, etc. Le lendemain", "pommes|,|etc.|Le|lendemain")]
    [InlineData("etc...", "etc|...")]
    [InlineData("(etc.)", "(|etc.|)")]
    [InlineData("en Syrie.", "en|Syrie|.")]
    [InlineData("en Syrie. Le", "en|Syrie|.|Le")]
    [InlineData("il y en a.", "il|y|en|a|.")]
    [InlineData("ils étaient sept.", "ils|étaient|sept|.")]
    [InlineData("ils étaient sept. Le", "ils|étaient|sept|.|Le")]
    [InlineData("le 3 sept. 2025", "le|3|sept.|2025")]
    [InlineData("art. 49.3", "art.|49.3")]
    [InlineData("l'art. Il", "l'|art|.|Il")]
    [InlineData("p. 12", "p.|12")]
    [InlineData("la vitamine C.", "la|vitamine|C.")]
    [InlineData("Syrie.Le", "Syrie|.|Le")]
    [InlineData("1er", "1er")]
    [InlineData("1re", "1re")]
    [InlineData("2e", "2e")]
    [InlineData("2nd", "2nd")]
    [InlineData("21e siècle", "21e|siècle")]
    [InlineData("XXIe siècle", "XXIe|siècle")]
    [InlineData("IIIe République", "IIIe|République")]
    [InlineData("Ve République", "Ve|République")]
    [InlineData("Le 1er mai", "Le|1er|mai")]
    public void Abbreviations_initials_ordinals(string text, string expected) => Assert.Equal(expected, Joined(text));

    [Theory]
    [InlineData("3,5", "3,5")]
    [InlineData("12 000", "12 000")]
    [InlineData("12\u00A0000", "12\u00A0000")]
    [InlineData("12\u202F000", "12\u202F000")]
    [InlineData("12\u2009000", "12\u2009000")]
    [InlineData("1 500 000 euros", "1 500 000|euros")]
    [InlineData("12 000,50", "12 000,50")]
    [InlineData("en 2015 200 personnes", "en|2015|200|personnes")]
    [InlineData("1 2345", "1|2345")]
    [InlineData("12  000", "12|000")]
    [InlineData("1.500", "1.500")]
    [InlineData("80", "80")]
    [InlineData("80 ans.", "80|ans|.")]
    [InlineData("19 %", "19|%")]
    [InlineData("19%", "19|%")]
    [InlineData("19\u00A0%", "19|%")]
    [InlineData("15/10/2025", "15/10/2025")]
    [InlineData("15.10.2025", "15.10.2025")]
    [InlineData("2025-10-15", "2025-10-15")]
    [InlineData("2014-2015", "2014|-|2015")]
    [InlineData("14h30", "14h30")]
    [InlineData("14H30", "14H30")]
    [InlineData("14 h 30", "14|h|30")]
    [InlineData("8h", "8h")]
    [InlineData("à 8h du matin", "à|8h|du|matin")]
    [InlineData("14:30", "14:30")]
    [InlineData("3,5 M€", "3,5|M€")]
    [InlineData("3,5M€", "3,5|M€")]
    [InlineData("10 $", "10|$")]
    [InlineData("10$", "10|$")]
    [InlineData("$10", "$|10")]
    [InlineData("10km", "10|km")]
    [InlineData("3,5Md", "3,5|Md")]
    [InlineData("5G", "5G")]
    [InlineData("la 3D", "la|3D")]
    [InlineData("G20", "G20")]
    [InlineData("MH17", "MH17")]
    [InlineData("-5", "-|5")]
    [InlineData("3.14", "3.14")]
    [InlineData("en 2015.", "en|2015|.")]
    [InlineData("1, 2, 3", "1|,|2|,|3")]
    [InlineData("12 000,50 300", "12 000,50|300")]
    [InlineData("348 319.864 345", "348 319.864|345")]
    [InlineData("20 °C", "20|°C")]
    [InlineData("20°F.", "20|°F|.")]
    [InlineData("90°", "90|°")]
    [InlineData("le n°2 du régime", "le|n°|2|du|régime")]
    [InlineData("N° 5", "N°|5")]
    [InlineData("nº 5", "nº|5")]
    public void Numbers(string text, string expected) => Assert.Equal(expected, Joined(text));

    [Theory]
    [InlineData("« Nous sommes prêts »", "«|Nous|sommes|prêts|»")]
    [InlineData("«\u00A0Nous\u00A0»", "«|Nous|»")]
    [InlineData("«\u202FNous\u202F»", "«|Nous|»")]
    [InlineData("«Nous»", "«|Nous|»")]
    [InlineData("“Nous”", "“|Nous|”")]
    [InlineData("\"Nous sommes prêts\".", "\"|Nous|sommes|prêts|\"|.")]
    [InlineData("(Reuters)", "(|Reuters|)")]
    [InlineData("[sic]", "[|sic|]")]
    [InlineData("mais...", "mais|...")]
    [InlineData("mais…", "mais|…")]
    [InlineData("Quoi ?!", "Quoi|?!")]
    [InlineData("Non !!!", "Non|!!!")]
    [InlineData("a, b; c: d", "a|,|b|;|c|:|d")]
    [InlineData("prêts\u202F!", "prêts|!")]
    public void Quotes_brackets_punctuation(string text, string expected) => Assert.Equal(expected, Joined(text));

    [Theory]
    [InlineData("voir https://www.lemonde.fr/international/article.html.", "voir|https://www.lemonde.fr/international/article.html|.")]
    [InlineData("(http://example.com/a_(b))", "(|http://example.com/a_(b)|)")]
    [InlineData("(http://example.com/a)", "(|http://example.com/a|)")]
    [InlineData("www.elysee.fr, dit-il", "www.elysee.fr|,|dit|-il")]
    [InlineData("sur lemonde.fr.", "sur|lemonde.fr|.")]
    [InlineData("francetvinfo.fr/politique", "francetvinfo.fr/politique")]
    [InlineData("écrire à contact@elysee.fr.", "écrire|à|contact@elysee.fr|.")]
    [InlineData("jean-pierre.dupont@exemple.com", "jean-pierre.dupont@exemple.com")]
    [InlineData("#Syrie", "#Syrie")]
    [InlineData("#MeToo2025 !", "#MeToo2025|!")]
    [InlineData("@EmmanuelMacron a écrit", "@EmmanuelMacron|a|écrit")]
    [InlineData("@le_monde", "@le_monde")]
    [InlineData("C# et F#", "C|#|et|F|#")]
    [InlineData("R&D", "R&D")]
    [InlineData("AT&T", "AT&T")]
    [InlineData("Procter & Gamble", "Procter|&|Gamble")]
    public void Urls_emails_hashtags_mentions(string text, string expected) => Assert.Equal(expected, Joined(text));

    [Theory]
    [InlineData("Al-Chaar 19 % l'a https://a.fr #S @m a@b.fr , « 😀", "Al-Chaar/Word 19/Number %/Symbol l'/Word a/Word https://a.fr/Url #S/Hashtag @m/Mention a@b.fr/Email ,/Punctuation «/Punctuation 😀/Symbol")]
    [InlineData("1er XXIe 14h30 15/10/2025 5G", "1er/Number XXIe/Number 14h30/Number 15/10/2025/Number 5G/Word")]
    [InlineData("dit-elle M. ...", "dit/Word -elle/Word M./Word .../Punctuation")]
    [InlineData("Le Me Ce", "Le/Word Me/Word Ce/Word")]
    [InlineData("€ $ + = < >", "€/Symbol $/Symbol +/Symbol =/Symbol </Symbol >/Symbol")]
    public void Kinds(string text, string expected) => Assert.Equal(expected, WithKinds(text));

    [Theory]
    // Mixed scripts, emoji and surrogates.
    [InlineData("Москва и Пекин", "Москва|и|Пекин")]
    [InlineData("الشرع في موسكو", "الشرع|في|موسكو")]
    [InlineData("北京欢迎你 Pékin", "北京欢迎你|Pékin")]
    [InlineData("bravo 👍🏽!", "bravo|👍🏽|!")]
    [InlineData("🇫🇷🇷🇺", "🇫🇷|🇷🇺")]
    [InlineData("👨‍👩‍👧 famille", "👨‍👩‍👧|famille")]
    [InlineData("𝐀𝐁𝐂 test", "𝐀𝐁𝐂|test")]
    [InlineData("e\u0301te\u0301", "e\u0301te\u0301")]
    [InlineData("<p>Bonjour</p>", "<|p|>|Bonjour|<|/|p|>")]
    [InlineData("a\u0000b", "a|b")]
    [InlineData("a\u200Bb", "a|b")]
    [InlineData("\uFEFFTitre", "Titre")]
    public void Scripts_emoji_markup(string text, string expected) => Assert.Equal(expected, Joined(text));

    [Fact]
    public void Null_throws() => Assert.Throws<ArgumentNullException>(() => FrenchTokenizer.Default.Tokenize(null!));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n\t\r\n \u00A0\u202F\u2009\u3000")]
    [InlineData("\u0000\u0001\u001F\u007F")]
    [InlineData("\u200B\uFEFF")]
    public void Empty_or_whitespace_gives_no_token(string text) => Assert.Empty(FrenchTokenizer.Default.Tokenize(text));

    // Built in code: attribute strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
    public static TheoryData<string> LoneSurrogateTexts() =>
    [
        new string((char)0xD800, 1),
        new string((char)0xDC00, 1),
        "a" + (char)0xD800 + "b",
        "a" + (char)0xDC00 + (char)0xD800 + "b",
        "Poutine" + (char)0xD83D + " a dit",
    ];

    [Theory]
    [MemberData(nameof(LoneSurrogateTexts), DisableDiscoveryEnumeration = true)]
    public void Lone_surrogates_become_symbol_tokens(string text)
    {
        Assert.Contains(text, char.IsSurrogate);
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        var surrogateTokens = tokens.Where(t => char.IsSurrogate(t.Span[0])).ToList();
        Assert.NotEmpty(surrogateTokens);
        Assert.All(surrogateTokens, t => Assert.Equal(TokenKind.Symbol, t.Kind));
        Assert.Equal(text.Count(c => !char.IsWhiteSpace(c)), tokens.Sum(t => t.Length));
    }

    [Fact]
    public void Surrogate_pairs_are_never_split()
    {
        var text = "a😀b 😀😀 x😀.😀";
        foreach (var token in FrenchTokenizer.Default.Tokenize(text))
        {
            Assert.False(char.IsLowSurrogate(text[token.Start]) && char.IsHighSurrogate(text[token.Start - 1]));
            Assert.False(char.IsHighSurrogate(text[token.End - 1]) && token.End < text.Length && char.IsLowSurrogate(text[token.End]));
        }
    }

    [Fact]
    public void Norm_reads_typographic_forms_as_ascii_lower_case()
    {
        var tokens = FrenchTokenizer.Default.Tokenize("L’Élysée AUJOURD’HUI");
        Assert.Equal(["l'", "élysée", "aujourd'hui"], tokens.Select(t => t.Norm));
    }

    [Fact]
    public void Offsets_are_exact_in_a_sentence()
    {
        const string text = "SadaNews - Le président russe Vladimir Poutine a accueilli aujourd'hui son homologue.";
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        Assert.Equal("SadaNews", text[tokens[0].Start..tokens[0].End]);
        Assert.Equal(0, tokens[0].Start);
        Assert.Equal(text.Length, tokens[^1].End);
        Assert.All(tokens, t => Assert.Equal(text.Substring(t.Start, t.Length), t.Text));
    }

    [Fact]
    public void Enumerate_tokens_streams_the_same_tokens()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt"));
        var streamed = new List<Token>();
        foreach (var token in FrenchTokenizer.Default.EnumerateTokens(text))
        {
            streamed.Add(token);
        }

        Assert.Equal(FrenchTokenizer.Default.Tokenize(text), streamed);
        Assert.False(default(TokenEnumerator).MoveNext());
        Assert.Throws<ArgumentNullException>(() => FrenchTokenizer.Default.EnumerateTokens(null!));
    }

    [Fact]
    public void A_token_takes_sixteen_bytes_and_keeps_its_fields()
    {
        Assert.Equal(16, System.Runtime.CompilerServices.Unsafe.SizeOf<Token>());
        var text = new string('a', 100);
        var token = new Token(text, 7, 100, TokenKind.Mention);
        Assert.Equal((7, 100, TokenKind.Mention, 93), (token.Start, token.End, token.Kind, token.Length));
        Assert.Equal(token, new Token(text, 7, 100, TokenKind.Mention));
        Assert.NotEqual(token, new Token(text, 7, 100, TokenKind.Url));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Token(text, 0, 101, TokenKind.Word));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Token(text, 0, 1, (TokenKind)16));
    }

    [Fact]
    public void Count_tokens_matches_tokenize()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt"));
        Assert.Equal(FrenchTokenizer.Default.Tokenize(text).Length, FrenchTokenizer.Default.CountTokens(text));
    }
}
