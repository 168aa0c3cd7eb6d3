using System.Collections.Frozen;
using System.Globalization;
using NewsNer.Events.Lexicons;
using NewsNer.Internal.Phrases;

namespace NewsNer.Internal.Lexicons;

/// <summary>
/// The French language data of entity linking and event extraction, read once from the embedded resources
/// (<c>Resources/geo</c>, <c>Resources/fr/grammar</c>, <c>linking</c>, <c>events</c>, <c>dates</c>) and frozen: every
/// phrase list shares one <see cref="Vocabulary"/>, so a document's tokens are looked up once and every list is then
/// matched on word ids. Immutable and thread-safe.
/// </summary>
internal sealed class FrenchLexicons
{
    private static readonly Lazy<FrenchLexicons> s_default = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private FrenchLexicons()
    {
    }

    /// <summary>The embedded lexicons, loaded on first use.</summary>
    public static FrenchLexicons Default => s_default.Value;

    public Vocabulary Vocabulary { get; private set; } = null!;

    public PhraseTrie<WordClass> FunctionWords { get; private set; } = null!;

    public PhraseTrie<RoleEntry> Roles { get; private set; } = null!;

    public PhraseTrie<RoleModifier> RoleModifiers { get; private set; } = null!;

    /// <summary>Demonyms → ISO alpha-2, the preferred country first.</summary>
    public PhraseTrie<string> Demonyms { get; private set; } = null!;

    public PhraseTrie<PlaceEntry> Places { get; private set; } = null!;

    public PhraseTrie<OrganizationEntry> Organizations { get; private set; } = null!;

    public PhraseTrie<OrganizationHead> OrganizationHeads { get; private set; } = null!;

    /// <summary>Nouns heading a place name → kind of place.</summary>
    public PhraseTrie<string> PlaceHeads { get; private set; } = null!;

    public PhraseTrie<bool> Honorifics { get; private set; } = null!;

    /// <summary>
    /// Last words that give a foreign name its kind: <c>org</c> (<c>Authority</c>, <c>Corporation</c>, <c>Shimbun</c>) or
    /// <c>loc</c> (<c>Hotel</c>, <c>Ballroom</c>); the orgtail and loctail words of ner/name-words.fr.txt, which the
    /// recognizer's features read too (one list).
    /// </summary>
    public PhraseTrie<string> NameTails { get; private set; } = null!;

    /// <summary>Words news prints like names that never are one (currency codes, time zones): fr/linking/not-names.txt.</summary>
    public PhraseTrie<bool> NotNames { get; private set; } = null!;

    /// <summary>Nouns heading an event name (forum, sommet, festival): such names are MISC.</summary>
    public PhraseTrie<bool> EventHeads { get; private set; } = null!;

    /// <summary>Nouns before a name that make it an honour, a prize or an operation (l'ordre national du Lion): MISC.</summary>
    public PhraseTrie<bool> MiscContexts { get; private set; } = null!;

    /// <summary>Name particles (<c>al</c>, <c>de</c>, <c>van</c>), folded.</summary>
    public FrozenSet<string> NameParticles { get; private set; } = null!;

    /// <summary>The meeting triggers, cue words, date words and light verbs of the event layer.</summary>
    public EventLexicons Events { get; private set; } = null!;

    /// <summary>Name particles that introduce a father's name (<c>ben</c>, <c>ould</c>), folded: fr/linking/patronymic-particles.txt.</summary>
    public FrozenSet<string> PatronymicParticles { get; private set; } = null!;

    /// <summary>ISO alpha-2 → CAMEO country code (ISO alpha-3 for most).</summary>
    public FrozenDictionary<string, string> CountryCodes { get; private set; } = null!;

    /// <summary>ISO alpha-2 of a dependent territory → its sovereign country (YT → FR, GL → DK).</summary>
    public FrozenDictionary<string, string> Sovereigns { get; private set; } = null!;

    /// <summary>The country a place belongs to in the end: the sovereign of a territory, else the country itself.</summary>
    public string SovereignOf(string country) => Sovereigns.TryGetValue(country, out var sovereign) ? sovereign : country;

    /// <summary>ISO alpha-2 → usual French short name.</summary>
    public FrozenDictionary<string, string> CountryNames { get; private set; } = null!;

    /// <summary>Word classes of the longest function-word phrase at <paramref name="index"/> (and its length).</summary>
    public WordClass ClassAt(ReadOnlySpan<int> ids, int index, out int length)
    {
        length = FunctionWords.Longest(ids, index, out var values);
        var classes = WordClass.None;
        foreach (var value in values)
        {
            classes |= value;
        }

        return classes;
    }

    internal static FrenchLexicons Load()
    {
        var accentSensitive = EmbeddedResources.ReadLines("fr/grammar/accent-sensitive.txt").ToFrozenSet(StringComparer.Ordinal);
        var vocabulary = new VocabularyBuilder(accentSensitive);
        var lexicons = new FrenchLexicons();

        lexicons.FunctionWords = LoadFunctionWords(vocabulary);
        lexicons.Roles = LoadRoles(vocabulary);
        lexicons.RoleModifiers = LexiconFiles.LoadSimple(vocabulary, "fr/linking/role-modifiers.tsv", cell => Enum.Parse<RoleModifier>(cell, ignoreCase: true));
        lexicons.Honorifics = LexiconFiles.LoadList(vocabulary, "fr/linking/honorifics.txt");
        lexicons.NotNames = LexiconFiles.LoadList(vocabulary, "fr/linking/not-names.txt");
        lexicons.NameTails = LoadNameTails(vocabulary);
        var eventHeads = EmbeddedResources.ReadLines("fr/linking/event-heads.txt").ToList();
        lexicons.EventHeads = LexiconFiles.LoadList(vocabulary, eventHeads.Where(l => l[0] != '@'));
        lexicons.MiscContexts = LexiconFiles.LoadList(vocabulary, eventHeads.Where(l => l[0] == '@').Select(l => l[1..]));
        lexicons.NameParticles = EmbeddedResources.ReadLines("fr/linking/name-particles.txt").Select(p => TextFolding.Fold(p)).ToFrozenSet(StringComparer.Ordinal);
        lexicons.PatronymicParticles = EmbeddedResources.ReadLines("fr/linking/patronymic-particles.txt").Select(p => TextFolding.Fold(p)).ToFrozenSet(StringComparer.Ordinal);
        lexicons.PlaceHeads = LexiconFiles.LoadSimple(vocabulary, "fr/linking/place-heads.tsv", cell => cell);
        lexicons.OrganizationHeads = LoadOrganizationHeads(vocabulary);
        lexicons.Organizations = LoadOrganizations(vocabulary);
        lexicons.Demonyms = LoadDemonyms(vocabulary);
        var (places, codes, names, sovereigns) = LoadPlaces(vocabulary);
        lexicons.Places = places;
        lexicons.CountryCodes = codes;
        lexicons.CountryNames = names;
        lexicons.Sovereigns = sovereigns;
        lexicons.Events = EventLexicons.Load(vocabulary);
        lexicons.Vocabulary = vocabulary.Build();
        return lexicons;
    }

    private static PhraseTrie<WordClass> LoadFunctionWords(VocabularyBuilder vocabulary)
    {
        var byPhrase = new Dictionary<string, WordClass>(StringComparer.Ordinal);
        foreach (var cells in LexiconFiles.ReadTsv("fr/grammar/function-words.tsv", 2))
        {
            var classes = WordClass.None;
            foreach (var name in cells[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                classes |= ParseWordClass(name);
            }

            byPhrase[cells[0]] = byPhrase.GetValueOrDefault(cells[0]) | classes;
        }

        var trie = new PhraseTrie<WordClass>.Builder();
        foreach (var (phrase, classes) in byPhrase)
        {
            trie.Add(vocabulary.AddPhrase(phrase), classes);
        }

        return trie.Build();
    }

    private static WordClass ParseWordClass(string name) => name switch
    {
        "det-def" => WordClass.DetDef,
        "det-indef" => WordClass.DetIndef,
        "det-poss" => WordClass.DetPoss,
        "det-dem" => WordClass.DetDem,
        "det-plural" => WordClass.DetPlural,
        "de" => WordClass.De,
        "a" => WordClass.A,
        "en" => WordClass.En,
        "dans" => WordClass.Dans,
        "chez" => WordClass.Chez,
        "par" => WordClass.Par,
        "avec" => WordClass.Avec,
        "entre" => WordClass.Entre,
        "sur" => WordClass.Sur,
        "pour" => WordClass.Pour,
        "vers" => WordClass.Vers,
        "depuis" => WordClass.Depuis,
        "devant" => WordClass.Devant,
        "locative" => WordClass.Locative,
        "coord" => WordClass.Coord,
        "relative" => WordClass.Relative,
        "subordinator" => WordClass.Subordinator,
        "source" => WordClass.Source,
        "neg-ne" => WordClass.NegNe,
        "neg-adv" => WordClass.NegAdv,
        "neg-det" => WordClass.NegDet,
        "without" => WordClass.Without,
        "reflexive" => WordClass.Reflexive,
        "subject-pronoun" => WordClass.SubjectPronoun,
        "aux-avoir" => WordClass.AuxAvoir,
        "aux-etre" => WordClass.AuxEtre,
        "aller" => WordClass.Aller,
        "t-present" => WordClass.TPresent,
        "t-imperfect" => WordClass.TImperfect,
        "t-future" => WordClass.TFuture,
        "t-conditional" => WordClass.TConditional,
        "t-simple-past" => WordClass.TSimplePast,
        "t-participle" => WordClass.TParticiple,
        "t-infinitive" => WordClass.TInfinitive,
        "adverb" => WordClass.Adverb,
        "pair" => WordClass.Pair,
        "enumeration" => WordClass.Enumeration,
        "time-preposition" => WordClass.TimePreposition,
        _ => throw new InvalidOperationException(ErrorMessages.BadLexicon("fr/grammar/function-words.tsv", $"unknown class '{name}'")),
    };

    private static PhraseTrie<RoleEntry> LoadRoles(VocabularyBuilder vocabulary)
    {
        var trie = new PhraseTrie<RoleEntry>.Builder();
        var rows = LexiconFiles.ReadTsv("fr/linking/roles.tsv", 5).ToList();

        // A plural role is labelled with the first singular role of the same function.
        var singular = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cells in rows)
        {
            if (!cells[4].Split(',', StringSplitOptions.TrimEntries).Contains("pl"))
            {
                singular.TryAdd(cells[1], cells[0]);
            }
        }

        foreach (var cells in rows)
        {
            var flags = cells[4].Split(',', StringSplitOptions.TrimEntries);
            var plural = flags.Contains("pl");
            var entry = new RoleEntry(
                cells[0],
                cells[1],
                LexiconFiles.NullIfDash(cells[2]),
                plural,
                flags.Contains("counterpart"),
                flags.Contains("generic"))
            {
                Singular = plural && singular.TryGetValue(cells[1], out var one) ? one : cells[0],
            };
            trie.Add(vocabulary.AddPhrase(cells[0]), entry);
        }

        return trie.Build();
    }

    private static PhraseTrie<string> LoadDemonyms(VocabularyBuilder vocabulary)
    {
        var rows = LexiconFiles.ReadTsv("geo/demonyms.tsv", 3).ToList();
        var trie = new PhraseTrie<string>.Builder();

        // Preferred rows first, so that the first value of a form is the country to use.
        foreach (var cells in rows.OrderByDescending(c => c[2] == "1"))
        {
            trie.Add(vocabulary.AddPhrase(cells[0]), cells[1]);
        }

        foreach (var cells in LexiconFiles.ReadTsv("fr/linking/demonyms-extra.tsv", 2))
        {
            trie.Add(vocabulary.AddPhrase(cells[0]), cells[1]);
        }

        return trie.Build();
    }

    private static (PhraseTrie<PlaceEntry> Places, FrozenDictionary<string, string> Codes, FrozenDictionary<string, string> Names, FrozenDictionary<string, string> Sovereigns) LoadPlaces(VocabularyBuilder vocabulary)
    {
        var trie = new PhraseTrie<PlaceEntry>.Builder();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var sovereigns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cells in LexiconFiles.ReadTsv("geo/countries.tsv", 5))
        {
            codes[cells[0]] = cells[1];
            if (LexiconFiles.NullIfDash(cells[4]) is { } sovereign)
            {
                sovereigns[cells[0]] = sovereign;
            }

            var entry = new PlaceEntry("country", cells[0], cells[1]);
            var all = cells[3].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            names[cells[0]] = all[0];
            foreach (var name in all)
            {
                trie.Add(vocabulary.AddPhrase(name), entry);
            }
        }

        foreach (var cells in LexiconFiles.ReadTsv("fr/linking/places.tsv", 4))
        {
            var country = LexiconFiles.NullIfDash(cells[2]);
            trie.Add(vocabulary.AddPhrase(cells[0]), new PlaceEntry(cells[1], country, LexiconFiles.NullIfDash(cells[3])));
        }

        foreach (var cells in LexiconFiles.ReadTsv("geo/cities.tsv", 4))
        {
            trie.Add(vocabulary.AddPhrase(cells[0]), new PlaceEntry(LexiconFiles.NullIfDash(cells[2]), cells[1], null, cells[3] == "1"));
        }

        return (trie.Build(), codes.ToFrozenDictionary(StringComparer.Ordinal), names.ToFrozenDictionary(StringComparer.Ordinal), sovereigns.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static PhraseTrie<OrganizationEntry> LoadOrganizations(VocabularyBuilder vocabulary)
    {
        var trie = new PhraseTrie<OrganizationEntry>.Builder();
        foreach (var cells in LexiconFiles.ReadTsv("fr/linking/organizations.tsv", 5))
        {
            trie.Add(vocabulary.AddPhrase(cells[1]), new OrganizationEntry(cells[0], cells[2], LexiconFiles.NullIfDash(cells[3]), LexiconFiles.NullIfDash(cells[4])));
        }

        return trie.Build();
    }

    private static PhraseTrie<OrganizationHead> LoadOrganizationHeads(VocabularyBuilder vocabulary)
    {
        var trie = new PhraseTrie<OrganizationHead>.Builder();
        foreach (var cells in LexiconFiles.ReadTsv("fr/linking/organization-heads.tsv", 3))
        {
            trie.Add(vocabulary.AddPhrase(cells[0]), new OrganizationHead(cells[1], LexiconFiles.NullIfDash(cells[2])));
        }

        return trie.Build();
    }

    private static PhraseTrie<string> LoadNameTails(VocabularyBuilder vocabulary)
    {
        var trie = new PhraseTrie<string>.Builder();
        foreach (var cells in LexiconFiles.ReadTsv("ner/name-words.fr.txt", 2))
        {
            var classes = cells[1].Split(',', StringSplitOptions.TrimEntries);
            var kind = classes.Contains("orgtail") ? "org" : classes.Contains("loctail") ? "loc" : null;
            if (kind is not null)
            {
                trie.Add(vocabulary.AddPhrase(cells[0]), kind);
            }
        }

        return trie.Build();
    }
}
