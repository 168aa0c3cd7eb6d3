using System.Collections.Frozen;
using System.Globalization;
using NewsNer.Events;
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

    /// <summary>Name particles that introduce a father's name (<c>ben</c>, <c>ould</c>), folded: fr/linking/patronymic-particles.txt.</summary>
    public FrozenSet<string> PatronymicParticles { get; private set; } = null!;

    public PhraseTrie<Trigger> Triggers { get; private set; } = null!;

    public PhraseTrie<CueClass> Cues { get; private set; } = null!;

    /// <summary>For each word id, the cue classes of the cues starting with that word (one bit per class).</summary>
    public uint[] CueClassesByFirstWord { get; private set; } = [];

    /// <summary>Whether a cue of one of <paramref name="classes"/> (a bit mask) may start with the word.</summary>
    public bool CueMayStart(int wordId, int classes) =>
        (uint)wordId < (uint)CueClassesByFirstWord.Length && (CueClassesByFirstWord[wordId] & classes) != 0;

    public PhraseTrie<DateWord> Dates { get; private set; } = null!;

    /// <summary>Forms of the verbs that carry a meeting noun (effectuer une visite), with their tense.</summary>
    public PhraseTrie<LightVerbForm> LightVerbs { get; private set; } = null!;

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
        var models = LoadVerbModels();

        lexicons.FunctionWords = LoadFunctionWords(vocabulary);
        lexicons.Roles = LoadRoles(vocabulary);
        lexicons.RoleModifiers = LoadSimple(vocabulary, "fr/linking/role-modifiers.tsv", cell => Enum.Parse<RoleModifier>(cell, ignoreCase: true));
        lexicons.Honorifics = LoadList(vocabulary, "fr/linking/honorifics.txt");
        lexicons.NotNames = LoadList(vocabulary, "fr/linking/not-names.txt");
        lexicons.NameTails = LoadNameTails(vocabulary);
        var eventHeads = EmbeddedResources.ReadLines("fr/linking/event-heads.txt").ToList();
        lexicons.EventHeads = LoadList(vocabulary, eventHeads.Where(l => l[0] != '@'));
        lexicons.MiscContexts = LoadList(vocabulary, eventHeads.Where(l => l[0] == '@').Select(l => l[1..]));
        lexicons.NameParticles = EmbeddedResources.ReadLines("fr/linking/name-particles.txt").Select(p => TextFolding.Fold(p)).ToFrozenSet(StringComparer.Ordinal);
        lexicons.PatronymicParticles = EmbeddedResources.ReadLines("fr/linking/patronymic-particles.txt").Select(p => TextFolding.Fold(p)).ToFrozenSet(StringComparer.Ordinal);
        lexicons.PlaceHeads = LoadSimple(vocabulary, "fr/linking/place-heads.tsv", cell => cell);
        lexicons.OrganizationHeads = LoadOrganizationHeads(vocabulary);
        lexicons.Organizations = LoadOrganizations(vocabulary);
        lexicons.Demonyms = LoadDemonyms(vocabulary);
        var (places, codes, names, sovereigns) = LoadPlaces(vocabulary);
        lexicons.Places = places;
        lexicons.CountryCodes = codes;
        lexicons.CountryNames = names;
        lexicons.Sovereigns = sovereigns;
        lexicons.Triggers = LoadTriggers(vocabulary, models);
        (lexicons.Cues, lexicons.CueClassesByFirstWord) = LoadCues(vocabulary, models);
        lexicons.Dates = LoadDates(vocabulary);
        lexicons.LightVerbs = LoadLightVerbs(vocabulary, models);
        lexicons.Vocabulary = vocabulary.Build();
        return lexicons;
    }

    private static PhraseTrie<WordClass> LoadFunctionWords(VocabularyBuilder vocabulary)
    {
        var byPhrase = new Dictionary<string, WordClass>(StringComparer.Ordinal);
        foreach (var cells in ReadTsv("fr/grammar/function-words.tsv", 2))
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
        var rows = ReadTsv("fr/linking/roles.tsv", 5).ToList();

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
                NullIfDash(cells[2]),
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
        var rows = ReadTsv("geo/demonyms.tsv", 3).ToList();
        var trie = new PhraseTrie<string>.Builder();

        // Preferred rows first, so that the first value of a form is the country to use.
        foreach (var cells in rows.OrderByDescending(c => c[2] == "1"))
        {
            trie.Add(vocabulary.AddPhrase(cells[0]), cells[1]);
        }

        foreach (var cells in ReadTsv("fr/linking/demonyms-extra.tsv", 2))
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
        foreach (var cells in ReadTsv("geo/countries.tsv", 5))
        {
            codes[cells[0]] = cells[1];
            if (NullIfDash(cells[4]) is { } sovereign)
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

        foreach (var cells in ReadTsv("fr/linking/places.tsv", 4))
        {
            var country = NullIfDash(cells[2]);
            trie.Add(vocabulary.AddPhrase(cells[0]), new PlaceEntry(cells[1], country, NullIfDash(cells[3])));
        }

        foreach (var cells in ReadTsv("geo/cities.tsv", 4))
        {
            trie.Add(vocabulary.AddPhrase(cells[0]), new PlaceEntry(cells[2], cells[1], null, cells[3] == "1"));
        }

        return (trie.Build(), codes.ToFrozenDictionary(StringComparer.Ordinal), names.ToFrozenDictionary(StringComparer.Ordinal), sovereigns.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static PhraseTrie<OrganizationEntry> LoadOrganizations(VocabularyBuilder vocabulary)
    {
        var trie = new PhraseTrie<OrganizationEntry>.Builder();
        foreach (var cells in ReadTsv("fr/linking/organizations.tsv", 5))
        {
            trie.Add(vocabulary.AddPhrase(cells[1]), new OrganizationEntry(cells[0], cells[2], NullIfDash(cells[3]), NullIfDash(cells[4])));
        }

        return trie.Build();
    }

    private static PhraseTrie<OrganizationHead> LoadOrganizationHeads(VocabularyBuilder vocabulary)
    {
        var trie = new PhraseTrie<OrganizationHead>.Builder();
        foreach (var cells in ReadTsv("fr/linking/organization-heads.tsv", 3))
        {
            trie.Add(vocabulary.AddPhrase(cells[0]), new OrganizationHead(cells[1], NullIfDash(cells[2])));
        }

        return trie.Build();
    }

    private static PhraseTrie<Trigger> LoadTriggers(VocabularyBuilder vocabulary, Dictionary<string, List<(VerbTense Tense, string[] Forms)>> models)
    {
        const string VerbsPath = "fr/events/verbs.tsv";
        var trie = new PhraseTrie<Trigger>.Builder();
        foreach (var cells in ReadTsv(VerbsPath, 7))
        {
            var subtype = ParseSubtype(cells[3], VerbsPath);
            var frame = cells[4] switch
            {
                "meet" => VerbFrame.Meet,
                "host" => VerbFrame.Host,
                "visit" => VerbFrame.Visit,
                "call" => VerbFrame.Call,
                "gather" => VerbFrame.Gather,
                _ => throw new InvalidOperationException(ErrorMessages.BadLexicon(VerbsPath, $"unknown frame '{cells[4]}'")),
            };
            var strength = ParseStrength(cells[5], VerbsPath);
            var flags = VerbFlags.None;
            foreach (var flag in cells[6].Split(',', StringSplitOptions.TrimEntries))
            {
                flags |= flag switch
                {
                    "reflexive" => VerbFlags.Reflexive,
                    "no-reflexive" => VerbFlags.NoReflexive,
                    "person-object" => VerbFlags.PersonObject,
                    "destination" => VerbFlags.Destination,
                    "avec" => VerbFlags.Avec,
                    "prospective" => VerbFlags.Prospective,
                    "-" or "" => VerbFlags.None,
                    _ => throw new InvalidOperationException(ErrorMessages.BadLexicon(VerbsPath, $"unknown flag '{flag}'")),
                };
            }

            foreach (var (form, tense) in Conjugate(models, cells[1], cells[2].Split('|'), VerbsPath, thirdPersonOnly: true))
            {
                trie.Add(vocabulary.AddPhrase(form), new Trigger(cells[0], true, subtype, strength, frame, flags, tense, NounFlags.None) { Form = form });
            }
        }

        const string NounsPath = "fr/events/nouns.tsv";
        foreach (var cells in ReadTsv(NounsPath, 4))
        {
            var flags = NounFlags.None;
            foreach (var flag in cells[3].Split(',', StringSplitOptions.TrimEntries))
            {
                flags |= flag switch
                {
                    "count" => NounFlags.Count,
                    "plural" => NounFlags.Plural,
                    "talks" => NounFlags.Talks,
                    "phone" => NounFlags.Phone,
                    "summit" => NounFlags.Summit,
                    "visit" => NounFlags.Visit,
                    "-" or "" => NounFlags.None,
                    _ => throw new InvalidOperationException(ErrorMessages.BadLexicon(NounsPath, $"unknown flag '{flag}'")),
                };
            }

            trie.Add(
                vocabulary.AddPhrase(cells[0]),
                new Trigger(cells[0], false, ParseSubtype(cells[1], NounsPath), ParseStrength(cells[2], NounsPath), VerbFrame.Meet, VerbFlags.None, VerbTense.Present, flags) { Form = cells[0] });
        }

        return trie.Build();
    }

    private static (PhraseTrie<CueClass>, uint[]) LoadCues(VocabularyBuilder vocabulary, Dictionary<string, List<(VerbTense Tense, string[] Forms)>> models)
    {
        const string Path = "fr/events/cues.tsv";
        var trie = new PhraseTrie<CueClass>.Builder();
        var firstWords = new Dictionary<int, uint>();
        void Add(int[] phrase, CueClass cue)
        {
            trie.Add(phrase, cue);
            if (phrase.Length > 0)
            {
                firstWords[phrase[0]] = firstWords.GetValueOrDefault(phrase[0]) | (1u << (int)cue);
            }
        }

        foreach (var cells in ReadTsv(Path, 2))
        {
            var cue = cells[1] switch
            {
                "planned" => CueClass.Planned,
                "past" => CueClass.Past,
                "cancel" => CueClass.Cancel,
                "topic" => CueClass.Topic,
                "topic-np" => CueClass.TopicNounPhrase,
                "topic-de" => CueClass.TopicDe,
                "delegation" => CueClass.Delegation,
                "mediator" => CueClass.Mediator,
                "invitation" => CueClass.Invitation,
                "interview" => CueClass.Interview,
                "margin" => CueClass.Margin,
                "summit-verb" => CueClass.SummitVerb,
                "phone" => CueClass.Phone,
                "vague" => CueClass.Vague,
                "field" => CueClass.Field,
                "again" => CueClass.Again,
                "party-group" => CueClass.PartyGroup,
                _ => throw new InvalidOperationException(ErrorMessages.BadLexicon(Path, $"unknown class '{cells[1]}'")),
            };

            if (cells[0].StartsWith('@'))
            {
                // "@model:stems rest": every form of the verb, followed by the rest of the phrase.
                var space = cells[0].IndexOf(' ', StringComparison.Ordinal);
                var head = space < 0 ? cells[0][1..] : cells[0][1..space];
                var rest = space < 0 ? string.Empty : cells[0][space..];
                var colon = head.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    throw new InvalidOperationException(ErrorMessages.BadLexicon(Path, $"'{cells[0]}' is not @model:stems"));
                }

                foreach (var (form, _) in Conjugate(models, head[..colon], head[(colon + 1)..].Split('|'), Path))
                {
                    Add(vocabulary.AddPhrase(form + rest), cue);
                }
            }
            else
            {
                Add(vocabulary.AddPhrase(cells[0]), cue);
            }
        }

        var table = new uint[firstWords.Count == 0 ? 0 : firstWords.Keys.Max() + 1];
        foreach (var (word, classes) in firstWords)
        {
            table[word] = classes;
        }

        return (trie.Build(), table);
    }

    private static PhraseTrie<LightVerbForm> LoadLightVerbs(VocabularyBuilder vocabulary, Dictionary<string, List<(VerbTense Tense, string[] Forms)>> models)
    {
        const string Path = "fr/events/light-verbs.tsv";
        var trie = new PhraseTrie<LightVerbForm>.Builder();
        foreach (var cells in ReadTsv(Path, 4))
        {
            var hosts = cells[3] switch
            {
                "host" => true,
                "party" => false,
                _ => throw new InvalidOperationException(ErrorMessages.BadLexicon(Path, $"unknown role '{cells[3]}'")),
            };
            foreach (var (form, tense) in Conjugate(models, cells[1], cells[2].Split('|'), Path))
            {
                trie.Add(vocabulary.AddPhrase(form), new LightVerbForm(cells[0], tense, hosts, form));
            }
        }

        return trie.Build();
    }

    private static PhraseTrie<DateWord> LoadDates(VocabularyBuilder vocabulary)
    {
        const string Path = "fr/dates/dates.tsv";
        var trie = new PhraseTrie<DateWord>.Builder();
        foreach (var cells in ReadTsv(Path, 3))
        {
            var kind = cells[1] switch
            {
                "weekday" => DateWordKind.Weekday,
                "month" => DateWordKind.Month,
                "rel-day" => DateWordKind.RelativeDay,
                "rel-week" => DateWordKind.RelativeWeek,
                "rel-month" => DateWordKind.RelativeMonth,
                "rel-year" => DateWordKind.RelativeYear,
                "next" => DateWordKind.Next,
                "last" => DateWordKind.Last,
                "part-of-day" => DateWordKind.PartOfDay,
                "month-part" => DateWordKind.MonthPart,
                "vague-future" => DateWordKind.VagueFuture,
                "vague-past" => DateWordKind.VaguePast,
                "ago" => DateWordKind.Ago,
                "unit-day" => DateWordKind.UnitDay,
                "unit-week" => DateWordKind.UnitWeek,
                "unit-month" => DateWordKind.UnitMonth,
                "unit-year" => DateWordKind.UnitYear,
                "number" => DateWordKind.Number,
                "rel-event" => DateWordKind.RelativeToEvent,
                _ => throw new InvalidOperationException(ErrorMessages.BadLexicon(Path, $"unknown kind '{cells[1]}'")),
            };
            trie.Add(vocabulary.AddPhrase(cells[0]), new DateWord(kind, int.Parse(cells[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)));
        }

        return trie.Build();
    }

    private static Dictionary<string, List<(VerbTense Tense, string[] Forms)>> LoadVerbModels()
    {
        const string Path = "fr/events/verb-models.tsv";
        var models = new Dictionary<string, List<(VerbTense, string[])>>(StringComparer.Ordinal);
        foreach (var cells in ReadTsv(Path, 3))
        {
            var tense = cells[1] switch
            {
                "present" => VerbTense.Present,
                "imperfect" => VerbTense.Imperfect,
                "simple-past" => VerbTense.SimplePast,
                "future" => VerbTense.Future,
                "conditional" => VerbTense.Conditional,
                "subjunctive" => VerbTense.Subjunctive,
                "past-participle" => VerbTense.PastParticiple,
                "present-participle" => VerbTense.PresentParticiple,
                "infinitive" => VerbTense.Infinitive,
                _ => throw new InvalidOperationException(ErrorMessages.BadLexicon(Path, $"unknown tense '{cells[1]}'")),
            };
            if (!models.TryGetValue(cells[0], out var list))
            {
                models[cells[0]] = list = [];
            }

            list.Add((tense, cells[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        return models;
    }

    /// <summary>Every form of a verb with its tense, from its conjugation model and stems.</summary>
    /// <remarks>
    /// With <paramref name="thirdPersonOnly"/>, finite forms of the first and second persons are left out: news states
    /// meetings in the third person, and "rencontres" (tu) would otherwise read the noun as a verb.
    /// </remarks>
    internal static IEnumerable<(string Form, VerbTense Tense)> Conjugate(
        Dictionary<string, List<(VerbTense Tense, string[] Forms)>> models, string model, string[] stems, string path, bool thirdPersonOnly = false)
    {
        if (!models.TryGetValue(model, out var tenses))
        {
            throw new InvalidOperationException(ErrorMessages.BadLexicon(path, $"unknown conjugation model '{model}'"));
        }

        // A form may belong to several tenses (fait: present and past participle): each pair is kept.
        var seen = new HashSet<(string, VerbTense)>();
        foreach (var (tense, forms) in tenses)
        {
            for (var person = 0; person < forms.Length; person++)
            {
                var pattern = forms[person];
                if (thirdPersonOnly && forms.Length == 6 && person is not (2 or 5))
                {
                    continue;
                }

                var colon = pattern.IndexOf(':', StringComparison.Ordinal);
                var stem = int.Parse(pattern.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture);
                if (stem >= stems.Length)
                {
                    throw new InvalidOperationException(ErrorMessages.BadLexicon(path, $"model '{model}' needs {stem + 1} stems"));
                }

                var form = (stems[stem] == "-" ? string.Empty : stems[stem]) + pattern[(colon + 1)..];
                if (seen.Add((form, tense)))
                {
                    yield return (form, tense);
                }
            }
        }
    }

    /// <summary>The verb conjugation models, for tests and tools.</summary>
    internal static Dictionary<string, List<(VerbTense Tense, string[] Forms)>> VerbModels() => LoadVerbModels();

    private static MeetingSubtype ParseSubtype(string cell, string path) => cell switch
    {
        "meet" => MeetingSubtype.Meet,
        "host_visit" => MeetingSubtype.HostVisit,
        "make_visit" => MeetingSubtype.MakeVisit,
        "third_location" => MeetingSubtype.ThirdLocation,
        "phone_call" => MeetingSubtype.PhoneCall,
        "summit" => MeetingSubtype.Summit,
        "negotiation" => MeetingSubtype.Negotiation,
        _ => throw new InvalidOperationException(ErrorMessages.BadLexicon(path, $"unknown subtype '{cell}'")),
    };

    private static TriggerStrength ParseStrength(string cell, string path) => cell switch
    {
        "strong" => TriggerStrength.Strong,
        "medium" => TriggerStrength.Medium,
        "weak" => TriggerStrength.Weak,
        _ => throw new InvalidOperationException(ErrorMessages.BadLexicon(path, $"unknown strength '{cell}'")),
    };

    private static PhraseTrie<T> LoadSimple<T>(VocabularyBuilder vocabulary, string path, Func<string, T> parse)
    {
        var trie = new PhraseTrie<T>.Builder();
        foreach (var cells in ReadTsv(path, 2))
        {
            trie.Add(vocabulary.AddPhrase(cells[0]), parse(cells[1]));
        }

        return trie.Build();
    }

    private static PhraseTrie<string> LoadNameTails(VocabularyBuilder vocabulary)
    {
        var trie = new PhraseTrie<string>.Builder();
        foreach (var cells in ReadTsv("ner/name-words.fr.txt", 2))
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

    private static PhraseTrie<bool> LoadList(VocabularyBuilder vocabulary, string path) => LoadList(vocabulary, EmbeddedResources.ReadLines(path));

    private static PhraseTrie<bool> LoadList(VocabularyBuilder vocabulary, IEnumerable<string> phrases)
    {
        var trie = new PhraseTrie<bool>.Builder();
        foreach (var phrase in phrases)
        {
            trie.Add(vocabulary.AddPhrase(phrase), true);
        }

        return trie.Build();
    }

    private static IEnumerable<string[]> ReadTsv(string path, int columns)
    {
        foreach (var line in EmbeddedResources.ReadLines(path))
        {
            var cells = line.Split('\t');
            if (cells.Length < columns)
            {
                throw new InvalidOperationException(ErrorMessages.BadLexicon(path, $"line '{line}' has {cells.Length} columns, {columns} expected"));
            }

            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = cells[i].Trim();
            }

            yield return cells;
        }
    }

    private static string? NullIfDash(string cell) => cell is "-" or "" ? null : cell;
}
