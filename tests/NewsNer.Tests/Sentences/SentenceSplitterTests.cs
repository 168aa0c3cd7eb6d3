using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Sentences;

public class SentenceSplitterTests
{
    private static string[] Split(string text)
    {
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        return [.. SentenceSplitter.Default.Split(text, tokens.AsSpan()).Select(s => text[s.Start..s.End])];
    }

    private static string Joined(string text) => string.Join(" ‖ ", Split(text));

    [Theory]
    [InlineData("Il pleut. Il vente.", "Il pleut. ‖ Il vente.")]
    [InlineData("Il pleut ! Il vente ?", "Il pleut ! ‖ Il vente ?")]
    [InlineData("Vraiment ?! Oui.", "Vraiment ?! ‖ Oui.")]
    [InlineData("Non !!! Si.", "Non !!! ‖ Si.")]
    [InlineData("Il hésita… Puis il partit.", "Il hésita… ‖ Puis il partit.")]
    [InlineData("Il hésita... Puis il partit.", "Il hésita... ‖ Puis il partit.")]
    [InlineData("Il hésita… et partit.", "Il hésita… et partit.")]
    [InlineData("Il pleut.Il vente.", "Il pleut. ‖ Il vente.")]
    [InlineData("Il a 80 ans. Le 15 mars.", "Il a 80 ans. ‖ Le 15 mars.")]
    [InlineData("Il pleut. 3 morts.", "Il pleut. ‖ 3 morts.")]
    [InlineData("Il pleut. « Quelle pluie ! »", "Il pleut. ‖ « Quelle pluie ! »")]
    [InlineData("Il pleut. - Oui.", "Il pleut. ‖ - Oui.")]
    [InlineData("Une seule phrase sans point", "Une seule phrase sans point")]
    // Closing quotes and brackets stay with their sentence.
    [InlineData("Il a dit : « C'est la fin. » Puis il est parti.", "Il a dit : « C'est la fin. » ‖ Puis il est parti.")]
    [InlineData("Il a dit : « C'est la fin.\u202F» Puis il est parti.", "Il a dit : « C'est la fin.\u202F» ‖ Puis il est parti.")]
    [InlineData("Il a dit : \"C'est la fin.\" Puis il est parti.", "Il a dit : \"C'est la fin.\" ‖ Puis il est parti.")]
    [InlineData("Il a dit : “C'est la fin.” Puis il est parti.", "Il a dit : “C'est la fin.” ‖ Puis il est parti.")]
    [InlineData("(Il pleut.) Il vente.", "(Il pleut.) ‖ Il vente.")]
    [InlineData("« Quoi ? » dit-il.", "« Quoi ? » dit-il.")]
    [InlineData("« Assez ! » a-t-il crié. Puis rien.", "« Assez ! » a-t-il crié. ‖ Puis rien.")]
    [InlineData("Il a dit « non ». Le reste suit.", "Il a dit « non ». ‖ Le reste suit.")]
    [InlineData("« Fin ! ». Suite.", "« Fin ! ». ‖ Suite.")]
    // Abbreviations, initials, numbers.
    [InlineData("M. Macron a reçu Mme Merkel. Ils ont parlé.", "M. Macron a reçu Mme Merkel. ‖ Ils ont parlé.")]
    [InlineData("Le Dr. Martin et le Pr. Raoult sont là.", "Le Dr. Martin et le Pr. Raoult sont là.")]
    [InlineData("J. K. Rowling écrit.", "J. K. Rowling écrit.")]
    [InlineData("Selon J.-P. Raffarin, oui.", "Selon J.-P. Raffarin, oui.")]
    [InlineData("Des pommes, des poires, etc. Le marché ferme.", "Des pommes, des poires, etc. ‖ Le marché ferme.")]
    [InlineData("Des pommes, etc. et des poires.", "Des pommes, etc. et des poires.")]
    [InlineData("Il vit aux U.S.A. Il travaille.", "Il vit aux U.S.A. ‖ Il travaille.")]
    [InlineData("L'O.N.U. a voté.", "L'O.N.U. a voté.")]
    [InlineData("En 52 av. J.-C. César conquit la Gaule.", "En 52 av. J.-C. ‖ César conquit la Gaule.")]
    [InlineData("Le 3 janv. 2025, il a plu.", "Le 3 janv. 2025, il a plu.")]
    [InlineData("Voir p. 12 et cf. Annexe.", "Voir p. 12 et cf. Annexe.")]
    [InlineData("1. Introduction du texte", "1. Introduction du texte")]
    [InlineData("Voir https://www.lemonde.fr/a.html. Puis lire.", "Voir https://www.lemonde.fr/a.html. ‖ Puis lire.")]
    [InlineData("Écrire à contact@elysee.fr. Merci.", "Écrire à contact@elysee.fr. ‖ Merci.")]
    [InlineData("Le score est de 3.5 points.", "Le score est de 3.5 points.")]
    [InlineData("Lire la suite. https://www.lemonde.fr/a", "Lire la suite. ‖ https://www.lemonde.fr/a")]
    [InlineData("Bravo. #Syrie @Elysee", "Bravo. ‖ #Syrie @Elysee")]
    public void Punctuation_rules(string text, string expected) => Assert.Equal(expected, Joined(text));

    [Theory]
    // Blank lines always end a sentence.
    [InlineData("Premier paragraphe sans point\n\nDeuxième paragraphe", "Premier paragraphe sans point ‖ Deuxième paragraphe")]
    [InlineData("Premier paragraphe sans point\r\n\r\nDeuxième paragraphe", "Premier paragraphe sans point ‖ Deuxième paragraphe")]
    [InlineData("Coupé au milieu de\n\nla phrase", "Coupé au milieu de ‖ la phrase")]
    [InlineData("Un\u2029Deux", "Un ‖ Deux")]
    // Headlines, datelines and headings on their own line.
    [InlineData("Al-Chaar discute avec Poutine au Kremlin\nDernières actualités\n\nLe texte.", "Al-Chaar discute avec Poutine au Kremlin ‖ Dernières actualités ‖ Le texte.")]
    [InlineData("Objectifs de la visite\nLe Kremlin a déclaré que Poutine viendra.", "Objectifs de la visite ‖ Le Kremlin a déclaré que Poutine viendra.")]
    [InlineData("PARIS (Reuters)\nLe président a parlé.", "PARIS (Reuters) ‖ Le président a parlé.")]
    // A single line break inside a sentence is not a boundary.
    [InlineData("Le président a déclaré que\nla Syrie est prête.", "Le président a déclaré que\nla Syrie est prête.")]
    [InlineData("Le président a rencontré son homologue de\nSyrie hier.", "Le président a rencontré son homologue de\nSyrie hier.")]
    [InlineData("Il a dit :\n« Nous sommes prêts. »", "Il a dit :\n« Nous sommes prêts. »")]
    [InlineData("Selon l'agence,\nPoutine a parlé.", "Selon l'agence,\nPoutine a parlé.")]
    [InlineData("Il pleut.\nIl vente.", "Il pleut. ‖ Il vente.")]
    public void Line_rules(string text, string expected) => Assert.Equal(expected, Joined(text));

    [Fact]
    public void Text_wrapped_at_a_fixed_width_is_not_split_at_each_line()
    {
        const string text =
            "Le président russe Vladimir Poutine a accueilli aujourd'hui son homologue\n" +
            "syrien Ahmad al-Chaar au Kremlin, où ils ont eu des discussions portant sur\n" +
            "plusieurs dossiers, lors d'une visite qui est la première du genre pour\n" +
            "Al-Chaar à Moscou, où réside le président déchu Bachar al-Assad après sa\n" +
            "fuite. Lors de la rencontre, Poutine a déclaré que la coopération entre la\n" +
            "Russie et la Syrie apporterait de bons résultats pour les deux pays.\n" +
            "Définition des relations\n" +
            "De son côté, le président syrien a déclaré que son pays travaille.";
        var sentences = Split(text);
        Assert.Equal(4, sentences.Length);
        Assert.StartsWith("Le président russe", sentences[0], StringComparison.Ordinal);
        Assert.EndsWith("sa\nfuite.", sentences[0], StringComparison.Ordinal);
        Assert.Equal("Définition des relations", sentences[2]);
    }

    [Fact]
    public void Sentences_cover_the_tokens_and_their_ranges()
    {
        const string text = "  Il pleut.  Il vente !  ";
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        var sentences = SentenceSplitter.Default.Split(text, tokens.AsSpan());
        Assert.Equal([new Sentence(2, 11, 0, 3), new Sentence(13, 23, 3, 3)], sentences);
    }

    [Fact]
    public void No_tokens_gives_no_sentence() => Assert.Empty(SentenceSplitter.Default.Split("   ", []));

    [Fact]
    public void Null_text_throws() => Assert.Throws<ArgumentNullException>(() => SentenceSplitter.Default.Split(null!, []));

    [Fact]
    public void Tokens_of_another_text_are_rejected()
    {
        var tokens = FrenchTokenizer.Default.Tokenize("Un texte bien plus long que l'autre.");
        Assert.Throws<ArgumentException>(() => SentenceSplitter.Default.Split("Court.", tokens.AsSpan()));
    }
}
