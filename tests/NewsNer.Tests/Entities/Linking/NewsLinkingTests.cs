using NewsNer.Entities;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.EntityLinking;

/// <summary>
/// Linking rules for the error classes of real news (docs/linking.md): name order and particles, fathers and sons,
/// official country names, acronyms, bodies of an organization. Sentences written for these tests, over the names a
/// perfect recognizer would tag.
/// </summary>
public class NewsLinkingTests
{
    private static Document Link(string text, string names) => TestPipelines.WithNames(names, events: false).Process(text);

    private static Entity Named(Document doc, string canonical) =>
        doc.Entities.SingleOrDefault(e => e.Canonical == canonical) ?? throw new Xunit.Sdk.XunitException($"no entity '{canonical}' in:\n{Dump.Entities(doc)}");

    private static string[] NameForms(Document doc, Entity entity) =>
        [.. entity.Mentions.Where(m => m.Kind == MentionKind.Name).Select(m => doc.GetText(m)).Distinct().Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("Le Premier ministre Anwar Ibrahim est arrivé. Anwar a salué ses hôtes.", "PER: Anwar Ibrahim | Anwar", "Anwar Ibrahim", "Anwar|Anwar Ibrahim")]
    [InlineData("Le président Moon Jae-in a reçu son hôte. Moon a insisté sur la paix.", "PER: Moon Jae-in | Moon", "Moon Jae-in", "Moon|Moon Jae-in")]
    [InlineData("Wang Yi est à Pékin. Wang a parlé.", "PER: Wang Yi | Wang; LOC: Pékin", "Wang Yi", "Wang|Wang Yi")]
    [InlineData("Luiz Inacio Lula da Silva a parlé. Lula a ensuite quitté Brasilia.", "PER: Luiz Inacio Lula da Silva | Lula; LOC: Brasilia", "Luiz Inacio Lula da Silva", "Lula|Luiz Inacio Lula da Silva")]
    [InlineData("Félix Antoine Tshisekedi Tshilombo a reçu le ministre. Félix Tshisekedi a promis une réponse.", "PER: Félix Antoine Tshisekedi Tshilombo | Félix Tshisekedi", "Félix Antoine Tshisekedi Tshilombo", "Félix Antoine Tshisekedi Tshilombo|Félix Tshisekedi")]
    [InlineData("Alassane Ouattara est à Abidjan. A. Ouattara a signé le décret.", "PER: Alassane Ouattara | A. Ouattara; LOC: Abidjan", "Alassane Ouattara", "A. Ouattara|Alassane Ouattara")]
    [InlineData("Bola Ahmed Tinubu préside la séance. Ahmed Bola Tinubu a pris la parole.", "PER: Bola Ahmed Tinubu | Ahmed Bola Tinubu", "Bola Ahmed Tinubu", "Ahmed Bola Tinubu|Bola Ahmed Tinubu")]
    [InlineData("Le Premier ministre Ariel Henry est à Genève. Ariel Heny y a rencontré la presse. Ariel a conclu.", "PER: Ariel Henry | Ariel Heny | Ariel; LOC: Genève", "Ariel Henry", "Ariel|Ariel Heny|Ariel Henry")]
    public void A_person_name_joins_the_fuller_name_it_is_compatible_with(string text, string names, string canonical, string forms)
    {
        var doc = Link(text, names);
        Assert.Equal(forms.Split('|').Order(StringComparer.Ordinal), NameForms(doc, Named(doc, canonical)));
    }

    [Fact]
    public void A_son_is_never_merged_with_his_father()
    {
        // "ben" introduces the father's name: Salmane alone is the king, not his son Mohamed ben Salmane, and the king's
        // full name is not the end of his son's.
        const string text = "Le prince héritier Mohamed ben Salmane ben Abdelaziz Al Saoud a reçu le ministre. "
            + "Le roi Salmane ben Abdelaziz Al Saoud était absent. Salmane a envoyé un message. Ben Salmane a remercié son hôte.";
        var doc = Link(text, "PER: Mohamed ben Salmane ben Abdelaziz Al Saoud | Salmane ben Abdelaziz Al Saoud | Salmane | Ben Salmane");
        var son = Named(doc, "Mohamed ben Salmane ben Abdelaziz Al Saoud");
        var father = Named(doc, "Salmane ben Abdelaziz Al Saoud");
        Assert.Equal(["Ben Salmane", "Mohamed ben Salmane ben Abdelaziz Al Saoud"], NameForms(doc, son));
        Assert.Equal(["Salmane", "Salmane ben Abdelaziz Al Saoud"], NameForms(doc, father));
    }

    [Fact]
    public void A_lone_part_shared_by_two_people_joins_neither()
    {
        var doc = Link("Kim Jong-un et Kim Yo-jong sont à Pyongyang. Kim a parlé.", "PER: Kim Jong-un | Kim Yo-jong | Kim; LOC: Pyongyang");
        Assert.Equal(["Kim Jong-un"], NameForms(doc, Named(doc, "Kim Jong-un")));
        Assert.Equal(["Kim Yo-jong"], NameForms(doc, Named(doc, "Kim Yo-jong")));
    }

    [Theory]
    [InlineData("La Fédération de Russie a répondu. La Russie refuse.", "LOC: Fédération de Russie | Russie", "Fédération de Russie", "Fédération de Russie|Russie")]
    [InlineData("La République française salue l'accord. La France signera.", "LOC: République française | France", "République française", "France|République française")]
    [InlineData("Les Etats-Unis ont voté. Les États-Unis ont rappelé leur ambassadeur.", "LOC: Etats-Unis | États-Unis", "Etats-Unis", "Etats-Unis|États-Unis")]
    public void Official_and_usual_names_of_a_country_and_unaccented_spellings_join(string text, string names, string canonical, string forms)
    {
        var doc = Link(text, names);
        Assert.Equal(forms.Split('|').Order(StringComparer.Ordinal), NameForms(doc, Named(doc, canonical)));
    }

    [Fact]
    public void A_building_named_after_a_town_is_another_place_but_a_known_building_is_itself()
    {
        var doc = Link("Le sommet se tient au palais de Carthage, près de Carthage. Au palais de l'Élysée, l'Élysée a confirmé.",
            "LOC: palais de Carthage | Carthage | palais de l'Élysée | Élysée");
        Assert.Equal(["palais de Carthage"], NameForms(doc, Named(doc, "palais de Carthage")));
        Assert.Equal(["palais de l'Élysée", "Élysée"], NameForms(doc, Named(doc, "palais de l'Élysée")));
    }

    [Fact]
    public void A_body_of_an_organization_is_another_entity()
    {
        // The guide lists them apart: UA and "Commission de l'UA"; the party and its central committee.
        const string text = "La Commission de l'Union africaine a salué l'Union africaine. Le Comité central du Parti communiste chinois (PCC) s'est réuni ; le PCC a publié un texte.";
        var doc = Link(text, "ORG: Commission de l'Union africaine | Union africaine | Comité central du Parti communiste chinois | PCC");
        Assert.Equal(["Commission de l'Union africaine"], NameForms(doc, Named(doc, "Commission de l'Union africaine")));
        Assert.Equal(["Union africaine"], NameForms(doc, Named(doc, "Union africaine")));
        Assert.Equal(["Comité central du Parti communiste chinois"], NameForms(doc, Named(doc, "Comité central du Parti communiste chinois")));
        Assert.Equal(["PCC"], NameForms(doc, Named(doc, "PCC")));
    }

    [Theory]
    [InlineData("La Communauté économique des États de l'Afrique de l'Ouest se réunit. La Cédéao a pris des sanctions.", "ORG: Communauté économique des États de l'Afrique de l'Ouest | Cédéao", "Communauté économique des États de l'Afrique de l'Ouest", "Cédéao|Communauté économique des États de l'Afrique de l'Ouest")]
    [InlineData("Les Forces armées révolutionnaires de Colombie ont signé. Les Farc ont rendu les armes.", "ORG: Forces armées révolutionnaires de Colombie | Farc", "Forces armées révolutionnaires de Colombie", "Farc|Forces armées révolutionnaires de Colombie")]
    [InlineData("La Commission européenne a proposé un texte. La Commission le défendra.", "ORG: Commission européenne | Commission", "Commission européenne", "Commission|Commission européenne")]
    public void Acronyms_written_as_words_and_head_words_join_the_one_name_they_fit(string text, string names, string canonical, string forms)
    {
        var doc = Link(text, names);
        Assert.Equal(forms.Split('|').Order(StringComparer.Ordinal), NameForms(doc, Named(doc, canonical)));
    }

    [Fact]
    public void A_head_word_that_two_organizations_start_with_joins_neither()
    {
        var doc = Link("La Commission européenne et la Commission électorale ont parlé. La Commission a conclu.",
            "ORG: Commission européenne | Commission électorale | Commission");
        Assert.Equal(["Commission européenne"], NameForms(doc, Named(doc, "Commission européenne")));
        Assert.Equal(["Commission électorale"], NameForms(doc, Named(doc, "Commission électorale")));
    }
}

public class NewsMentionRepairTests
{
    private static Document Link(string text, string names) => TestPipelines.WithNames(names, events: false).Process(text);

    private static string[] Mentions(Document doc, EntityType? type = null) =>
        [.. doc.Entities.Where(e => type is null || e.Type == type).SelectMany(e => e.Mentions).Where(m => m.Kind == MentionKind.Name).Select(m => doc.GetText(m)).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("L'émir a reçu SEM Ali Sherif Al-Amadi à Doha.", "PER: SEM Ali Sherif Al-Amadi; LOC: Doha", "Ali Sherif Al-Amadi")]
    [InlineData("Son Altesse Sheikh Tamim Bin Hamad Al-Thani a reçu le ministre.", "PER: Son Altesse Sheikh Tamim Bin Hamad Al-Thani", "Tamim Bin Hamad Al-Thani")]
    [InlineData("Il a rencontré le Haut Représentant de l'Union européenne.", "ORG: Haut Représentant de l'Union européenne", "Union européenne")]
    public void Titles_at_the_start_of_a_mention_are_left_out_of_the_name(string text, string names, string expected)
    {
        var doc = Link(text, names);
        Assert.Contains(expected, Mentions(doc));
        Assert.DoesNotContain(Mentions(doc), m => m.StartsWith("SEM", StringComparison.Ordinal) || m.StartsWith("Son", StringComparison.Ordinal) || m.StartsWith("Haut", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mention_that_is_only_a_title_is_not_a_name()
    {
        var doc = Link("Le Général a parlé à Moscou.", "PER: Général; LOC: Moscou");
        Assert.Equal(["Moscou"], Mentions(doc));
    }

    [Fact]
    public void A_title_before_an_organization_does_not_cut_it()
    {
        // "président du Conseil" is a role, but "Conseil de la nation" is the council's name: it stays whole.
        var doc = Link("Il a été accueilli par le président du Conseil de la nation, Salah Goudjil.", "ORG: Conseil de la nation; PER: Salah Goudjil");
        Assert.Contains("Conseil de la nation", Mentions(doc, EntityType.Organization));
    }

    [Theory]
    [InlineData("Le président de la République du Sénégal est arrivé.", "LOC: Sénégal", "République du Sénégal")]
    [InlineData("Le drapeau de la République Gabonaise flotte.", "PER: Gabonaise", "République Gabonaise")]
    [InlineData("La Corée du Sud a protesté.", "LOC: Corée", "Corée du Sud")]
    public void A_mention_inside_a_country_name_becomes_that_name_a_place(string text, string names, string expected)
    {
        var doc = Link(text, names);
        Assert.Equal([expected], Mentions(doc, EntityType.Location));
    }

    [Fact]
    public void Currency_codes_and_time_zones_are_not_names()
    {
        var doc = Link("Le prêt de 50 millions USD sera signé à 10 h GMT à Dakar.", "ORG: USD | GMT; LOC: Dakar");
        Assert.Equal(["Dakar"], Mentions(doc));
    }

    [Fact]
    public void A_foreign_name_ending_with_its_kind_is_typed_by_it()
    {
        // The recognizer's type is one vote; "Authority" and "Hotel" are clues as strong as a lexicon's.
        var doc = TestPipelines.WithNames("LOC: Qatar Investment Authority; ORG: The New York Palace Hotel", events: false)
            .Process("Le fonds Qatar Investment Authority a investi. La réunion a eu lieu au The New York Palace Hotel.");
        Assert.Equal(EntityType.Organization, doc.Entities.Single(e => e.Canonical == "Qatar Investment Authority").Type);
        Assert.Equal(EntityType.Location, doc.Entities.Single(e => e.Canonical == "The New York Palace Hotel").Type);
    }
}

public class NestedNameTests
{
    private static Document Link(string text, string names) => TestPipelines.WithNames(names, events: false).Process(text);

    [Fact]
    public void A_known_place_or_organization_at_the_end_of_a_longer_name_is_an_entity_too()
    {
        var doc = Link("Le sommet de l'Organisation de coopération de Shanghai s'est ouvert.", "ORG: Organisation de coopération de Shanghai");
        var shanghai = Assert.Single(doc.Entities, e => e.Canonical == "Shanghai");
        Assert.Equal(EntityType.Location, shanghai.Type);
        var outer = Assert.Single(doc.Entities, e => e.Canonical == "Organisation de coopération de Shanghai");
        Assert.InRange(shanghai.Mentions[0].Start, outer.Mentions[0].Start, outer.Mentions[0].End);
        Assert.Equal("e2", shanghai.Id);
    }

    [Fact]
    public void A_nested_name_joins_the_entity_named_alone()
    {
        var doc = Link("Le Conseil de sécurité des Nations unies se réunit. Les Nations unies demandent une trêve.", "ORG: Conseil de sécurité des Nations unies | Nations unies");
        var un = Assert.Single(doc.Entities, e => e.Canonical == "Nations unies");
        Assert.Equal(2, un.Mentions.Length);
        Assert.Equal(2, doc.Entities.Length);
    }

    [Fact]
    public void A_country_s_official_name_and_unknown_complements_have_no_nested_name()
    {
        var doc = Link("La République du Sénégal et la Banque centrale de Moukoundi ont signé.", "LOC: République du Sénégal; ORG: Banque centrale de Moukoundi");
        Assert.Equal(2, doc.Entities.Length);
    }
}
