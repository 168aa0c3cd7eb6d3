using System.Globalization;
using NewsNer.Internal;
using NewsNer.Internal.Lexicons;
using NewsNer.Internal.Phrases;

namespace NewsNer.Events.Lexicons;

/// <summary>
/// The French data of the event layer, read once from the embedded resources (<c>Resources/fr/events</c>,
/// <c>Resources/fr/dates</c>) into the vocabulary the linking lexicons share (<see cref="FrenchLexicons"/>), so a
/// document's tokens are looked up once: meeting triggers (verb forms conjugated from their models, and nouns), cue
/// words, date words and the light verbs that carry a meeting noun. Immutable and thread-safe.
/// </summary>
internal sealed class EventLexicons
{
    private EventLexicons()
    {
    }

    public PhraseTrie<Trigger> Triggers { get; private set; } = null!;

    public PhraseTrie<CueClass> Cues { get; private set; } = null!;

    /// <summary>For each word id, the cue classes of the cues starting with that word (one bit per class).</summary>
    public uint[] CueClassesByFirstWord { get; private set; } = [];

    public PhraseTrie<DateWord> Dates { get; private set; } = null!;

    /// <summary>Forms of the verbs that carry a meeting noun (effectuer une visite), with their tense.</summary>
    public PhraseTrie<LightVerbForm> LightVerbs { get; private set; } = null!;

    /// <summary>Whether a cue of one of <paramref name="classes"/> (a bit mask) may start with the word.</summary>
    public bool CueMayStart(int wordId, int classes) =>
        (uint)wordId < (uint)CueClassesByFirstWord.Length && (CueClassesByFirstWord[wordId] & classes) != 0;

    /// <summary>Reads the event data into <paramref name="vocabulary"/> (built by the caller once every list is in).</summary>
    internal static EventLexicons Load(VocabularyBuilder vocabulary)
    {
        var models = VerbModels();
        var lexicons = new EventLexicons { Triggers = LoadTriggers(vocabulary, models), Dates = LoadDates(vocabulary), LightVerbs = LoadLightVerbs(vocabulary, models) };
        (lexicons.Cues, lexicons.CueClassesByFirstWord) = LoadCues(vocabulary, models);
        return lexicons;
    }

    private static PhraseTrie<Trigger> LoadTriggers(VocabularyBuilder vocabulary, Dictionary<string, List<(VerbTense Tense, string[] Forms)>> models)
    {
        const string VerbsPath = "fr/events/verbs.tsv";
        var trie = new PhraseTrie<Trigger>.Builder();
        foreach (var cells in LexiconFiles.ReadTsv(VerbsPath, 7))
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
        foreach (var cells in LexiconFiles.ReadTsv(NounsPath, 4))
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

        foreach (var cells in LexiconFiles.ReadTsv(Path, 2))
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
        foreach (var cells in LexiconFiles.ReadTsv(Path, 4))
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
        foreach (var cells in LexiconFiles.ReadTsv(Path, 3))
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

    internal static Dictionary<string, List<(VerbTense Tense, string[] Forms)>> VerbModels()
    {
        const string Path = "fr/events/verb-models.tsv";
        var models = new Dictionary<string, List<(VerbTense, string[])>>(StringComparer.Ordinal);
        foreach (var cells in LexiconFiles.ReadTsv(Path, 3))
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
}
