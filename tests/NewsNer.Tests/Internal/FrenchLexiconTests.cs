using NewsNer.Internal.Lexicons;
using NewsNer.Internal.Phrases;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Internal;

/// <summary>The embedded French lexicons of linking and events: they load, conjugate, and agree with their sources.</summary>
public class FrenchLexiconTests
{
    private static readonly FrenchLexicons s_lexicons = FrenchLexicons.Default;

    [Theory]
    [InlineData("rencontrer", "rencontré", "PastParticiple")]
    [InlineData("rencontrer", "rencontrera", "Future")]
    [InlineData("rencontrer", "rencontrerait", "Conditional")]
    [InlineData("rencontrer", "rencontrent", "Present")]
    [InlineData("recevoir", "reçu", "PastParticiple")]
    [InlineData("recevoir", "reçoit", "Present")]
    [InlineData("recevoir", "recevra", "Future")]
    [InlineData("recevoir", "recevrait", "Conditional")]
    [InlineData("accueillir", "accueilli", "PastParticiple")]
    [InlineData("accueillir", "accueillera", "Future")]
    [InlineData("entretenir", "entretenu", "PastParticiple")]
    [InlineData("entretenir", "entretiendra", "Future")]
    [InlineData("entretenir", "entretiennent", "Present")]
    [InlineData("rendre", "rendu", "PastParticiple")]
    [InlineData("rendre", "rendra", "Future")]
    [InlineData("réunir", "réunissent", "Present")]
    [InlineData("appeler", "appelle", "Present")]
    [InlineData("appeler", "appellera", "Future")]
    [InlineData("échanger", "échangeait", "Imperfect")]
    public void Meeting_verbs_are_conjugated_from_their_model(string lemma, string form, string tense)
    {
        var view = Views.Of(form);
        s_lexicons.Events.Triggers.Longest(view.Ids, 0, out var triggers);
        Assert.Contains(triggers, t => t.Lemma == lemma && t.Form == form && t.Tense.ToString() == tense);
    }

    [Theory]
    [InlineData("rencontres")]
    [InlineData("rencontrons")]
    [InlineData("reçois")]
    public void First_and_second_person_forms_are_not_triggers(string form)
    {
        var view = Views.Of(form);
        s_lexicons.Events.Triggers.Longest(view.Ids, 0, out var triggers);
        Assert.DoesNotContain(triggers, t => t.IsVerb && t.Form == form);
    }

    [Theory]
    [InlineData("État", "etat")]
    [InlineData("Élysée", "elysee")]
    [InlineData("l’Élysée", "l'elysee")]
    [InlineData("Côte d'Ivoire", "cote d'ivoire")]
    public void Folding_ignores_case_accents_and_apostrophe_styles(string text, string folded) => Assert.Equal(folded, TextFolding.Fold(text));

    [Fact]
    public void Accents_that_tell_words_apart_are_kept()
    {
        var view = Views.Of("a à ou où");
        Assert.NotEqual(view.Ids[0], view.Ids[1]);
        Assert.NotEqual(view.Ids[2], view.Ids[3]);
        Assert.True(view.Is(1, WordClass.Locative));
        Assert.True(view.Is(3, WordClass.Relative));
        Assert.False(view.Is(2, WordClass.Relative));
        Assert.False(view.Is(0, WordClass.Locative));
    }

    [Theory]
    [InlineData("président", "head_of_state", "GOV")]
    [InlineData("chef de l'État", "head_of_state", "GOV")]
    [InlineData("Premier ministre", "head_of_government", "GOV")]
    [InlineData("chef de la diplomatie", "foreign_minister", "GOV")]
    [InlineData("ministre de la Défense", "defense_minister", "GOVMIL")]
    [InlineData("chef d'état-major", "military_chief", "MIL")]
    [InlineData("porte-parole", "spokesperson", "GOV")]
    public void Roles_carry_a_function_and_a_sector(string phrase, string function, string sector)
    {
        var view = Views.Of(phrase);
        Assert.Equal(view.Count, s_lexicons.Roles.Longest(view.Ids, 0, out var roles));
        Assert.Equal(function, roles[0].Function);
        Assert.Equal(sector, roles[0].Sector);
    }

    [Theory]
    [InlineData("syrien", "SY")]
    [InlineData("syriennes", "SY")]
    [InlineData("biélorusse", "BY")]
    [InlineData("congolais", "CD")]
    [InlineData("qatari", "QA")]
    public void Demonyms_give_the_preferred_country(string form, string iso2)
    {
        var view = Views.Of(form);
        Assert.Equal(1, s_lexicons.Demonyms.Longest(view.Ids, 0, out var countries));
        Assert.Equal(iso2, countries[0]);
    }

    [SharedDataFact("data/gazetteers/actors/agents.tsv")]
    public void Role_sectors_agree_with_the_phoenix_agents_dictionary()
    {
        // The sectors of roles.tsv are copied from agents.tsv through the agent_en column; checked when the shared
        // gazetteers are beside the clone (CI), where a divergence fails; reported skipped without them.
        var agents = Path.Combine(RepoPaths.Shared, "data", "gazetteers", "actors", "agents.tsv");
        var codes = File.ReadLines(agents).Skip(1).Select(l => l.Split('\t')).GroupBy(c => c[0]).ToDictionary(g => g.Key, g => g.Select(c => c[2]).ToHashSet());
        var rows = File.ReadLines(Path.Combine(RepoPaths.Root, "src", "NewsNer", "Resources", "fr", "linking", "roles.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).Where(c => c[3] != "-").ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.True(codes.TryGetValue(row[3], out var sectors), $"agent '{row[3]}' of role '{row[0]}' is not in agents.tsv");
            Assert.True(sectors.Contains(row[2]), $"role '{row[0]}': sector {row[2]}, agents.tsv has {string.Join("/", sectors)} for '{row[3]}'");
        }
    }

    [SharedDataFact("data/gazetteers/actors/igos.tsv", "data/gazetteers/actors/actors.tsv")]
    public void Organization_codes_exist_in_the_phoenix_dictionaries()
    {
        var igos = Path.Combine(RepoPaths.Shared, "data", "gazetteers", "actors", "igos.tsv");
        var actors = Path.Combine(RepoPaths.Shared, "data", "gazetteers", "actors", "actors.tsv");
        var known = File.ReadLines(igos).Skip(1).Select(l => l.Split('\t')[0])
            .Concat(File.ReadLines(actors).Skip(1).Select(l => l.Split('\t')[2])).ToHashSet(StringComparer.Ordinal);
        var rows = File.ReadLines(Path.Combine(RepoPaths.Root, "src", "NewsNer", "Resources", "fr", "linking", "organizations.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).ToList();
        foreach (var row in rows.Where(r => r[2] is "igo" or "armed_group" && r[4] != "-"))
        {
            Assert.True(known.Contains(row[4]), $"{row[1]}: code {row[4]} is in neither igos.tsv nor actors.tsv");
        }
    }

    [SharedDataFact("data/gazetteers/countries.fr.tsv")]
    public void Compiled_geography_matches_its_sources()
    {
        var countries = Path.Combine(RepoPaths.Shared, "data", "gazetteers", "countries.fr.tsv");
        // tools/build-geo-lexicons.cs writes one row per country; rerun it when the sources change.
        var source = File.ReadLines(countries).Skip(1).Count(l => l.Length > 0);
        var compiled = File.ReadLines(Path.Combine(RepoPaths.Root, "src", "NewsNer", "Resources", "geo", "countries.tsv")).Count(l => l.Length > 0 && l[0] != '#');
        Assert.Equal(source, compiled);
    }
}
