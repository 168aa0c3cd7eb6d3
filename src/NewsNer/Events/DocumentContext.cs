using NewsNer.Entities;
using NewsNer.Entities.Linking;
using NewsNer.Internal.Lexicons;
using NewsNer.Tokenization;
using NewsNer.Events.Lexicons;

namespace NewsNer.Events;

/// <summary>
/// One document as the meeting rules read it: referents, date expressions, clause boundaries and cue words, with the
/// small syntactic questions the rules ask (who is the subject of this verb, is it passive, negated ...). One instance
/// per document; not shared between threads.
/// </summary>
internal sealed class DocumentContext
{
    private readonly FrenchLexicons _lexicons;
    private readonly bool[] _boundary;
    private readonly CueClass[] _cue;
    private readonly byte[] _cueLength;
    private readonly bool[] _insideCue;
    private readonly uint[] _cueMask;
    private readonly bool[] _prepared;
    private readonly List<(int Length, CueClass Value)> _matches = [];
    private readonly CueClass[] _coveringCue;
    private readonly bool[] _covered;
    private readonly Dictionary<int, HashSet<string>> _functions = [];
    private readonly int[] _dateAt;
    private MeetingMention? _lastMention;
    private List<Referent> _lastSubjects = [];
    private int _lastSubjectSentence = -10;

    public DocumentContext(LinkingResult linking, FrenchLexicons lexicons)
    {
        _lexicons = lexicons;
        Linking = linking;
        View = linking.View;
        Entities = linking.Entities;
        (Referents, ReferentAt) = Referent.Build(linking);
        _boundary = new bool[View.Count];
        _cue = new CueClass[View.Count];
        _cueLength = new byte[View.Count];
        _insideCue = new bool[View.Count];
        _cueMask = new uint[View.Count];
        _prepared = new bool[View.Sentences.Length];
        _coveringCue = new CueClass[View.Count];
        _covered = new bool[View.Count];
        Dates = DateFinder.FindAll(View);
        _dateAt = Enumerable.Repeat(-1, View.Count).ToArray();
        for (var d = 0; d < Dates.Count; d++)
        {
            for (var t = Dates[d].StartToken; t < Dates[d].EndToken; t++)
            {
                _dateAt[t] = d;
            }
        }

        foreach (var role in linking.Roles)
        {
            var entity = role.Mention >= 0 ? linking.MentionEntity[role.Mention] : -1;
            if (entity >= 0 && !role.Former)
            {
                if (!_functions.TryGetValue(entity, out var set))
                {
                    _functions[entity] = set = [];
                }

                set.Add(role.Function);
            }
        }

        FindDateline();
    }

    public LinkingResult Linking { get; }

    public LexicalView View { get; }

    public List<Entity> Entities { get; }

    public List<Referent> Referents { get; }

    /// <summary>Referent index covering each token, or -1.</summary>
    public int[] ReferentAt { get; }

    public List<DateExpression> Dates { get; }

    /// <summary>The date expressions of one sentence (dates are in text order: a binary search finds them).</summary>
    public IEnumerable<DateExpression> DatesOfSentence(int sentence)
    {
        var first = View.Sentences[sentence].FirstToken;
        var lo = 0;
        var hi = Dates.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Dates[mid].StartToken < first)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var d = lo; d < Dates.Count && View.SentenceOf[Dates[d].StartToken] == sentence; d++)
        {
            yield return Dates[d];
        }
    }

    /// <summary>The place of a dateline ("Dakar, le 24 octobre 2022 - ..."), or null.</summary>
    public Referent? DatelinePlace { get; private set; }

    /// <summary>The date of a dateline, or null.</summary>
    public DateExpression? DatelineDate { get; private set; }

    /// <summary>The last summit named (<c>sommet des BRICS</c>), for "ce sommet" later on.</summary>
    public Referent? LastSummitName { get; set; }

    /// <summary>Summits named only as the occasion of another meeting ("en marge du sommet des BRICS"): name entity and sentence.</summary>
    public List<(int Entity, int Sentence)> MarginSummits { get; } = [];

    /// <summary>Every mention of the document once they are all read.</summary>
    public List<MeetingMention>? AllMentions { get; set; }

    /// <summary>The last mention kept, with parties.</summary>
    public MeetingMention? LastMention => _lastMention;

    /// <summary>Computes clause boundaries and cue words of a sentence before its triggers are read.</summary>
    public void PrepareSentence(int s)
    {
        _prepared[s] = true;
        var sentence = View.Sentences[s];
        var end = Math.Min(sentence.EndToken, View.Count);
        for (var k = sentence.FirstToken; k < end; k++)
        {
            var length = View.ClassLengths[k];
            if (length > 0 && (View.Classes[k] & (WordClass.Relative | WordClass.Subordinator)) != 0 && (View.Classes[k] & WordClass.Coord) == 0)
            {
                _boundary[k] = true;
            }
            else if (View.IsClauseBreak(k) || IsDash(k))
            {
                _boundary[k] = true;
            }

            if (_lexicons.Events.Cues.CanStartWith(View.Ids[k]))
            {
                // Every class of every cue starting here, so that later questions are one bit test.
                _matches.Clear();
                _lexicons.Events.Cues.AllMatches(View.Ids, k, _matches);
                foreach (var (_, value) in _matches)
                {
                    _cueMask[k] |= 1u << (int)value;
                }

                var cueLength = _lexicons.Events.Cues.Longest(View.Ids, k, out var cues);
                if (cueLength > 0)
                {
                    _cue[k] = cues[0];
                    _cueLength[k] = (byte)Math.Min(cueLength, byte.MaxValue);

                    for (var inside = k + 1; inside < k + cueLength && inside < end; inside++)
                    {
                        if (!_covered[inside])
                        {
                            _covered[inside] = true;
                            _coveringCue[inside] = cues[0];
                        }
                    }

                    // "sous la médiation de", "en marge du sommet": the meeting noun inside belongs to the cue.
                    if (cues[0] is CueClass.Mediator or CueClass.Delegation or CueClass.Invitation or CueClass.Interview)
                    {
                        for (var inside = k + 1; inside < k + cueLength && inside < end; inside++)
                        {
                            _insideCue[inside] = true;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Notes a mention as the discourse's latest meeting (for "ils", "les deux présidents").</summary>
    public void Remember(MeetingMention mention)
    {
        if (mention.Dropped is null && mention.Parties.Count > 0)
        {
            _lastMention = mention;
        }
    }

    public int SentenceStart(int k) => View.Sentences[View.SentenceOf[k]].FirstToken;

    /// <summary>The clause around <c>[start, end)</c>: from the last boundary before to the next boundary after, within the sentence.</summary>
    public (int Start, int End) Clause(int start, int end)
    {
        var sentence = View.Sentences[View.SentenceOf[start]];
        var clauseStart = sentence.FirstToken;
        for (var k = start - 1; k >= sentence.FirstToken; k--)
        {
            if (_boundary[k] && ReferentAt[k] < 0)
            {
                clauseStart = k + Math.Max(1, (int)View.ClassLengths[k]);
                break;
            }
        }

        var clauseEnd = Math.Min(sentence.EndToken, View.Count);
        for (var k = end; k < clauseEnd; k++)
        {
            if (_boundary[k] && ReferentAt[k] < 0 && _dateAt[k] < 0)
            {
                clauseEnd = k;
                break;
            }
        }

        return (Math.Min(clauseStart, start), clauseEnd);
    }

    /// <summary>Classes of the function-word phrase that ends just before <paramref name="index"/>.</summary>
    public WordClass ClassesEndingAt(int index)
    {
        // The longest phrase wins: "à l'" before "l'", "de la" before "la".
        for (var back = 3; back >= 1; back--)
        {
            var k = index - back;
            if (k < 0)
            {
                continue;
            }

            if (View.ClassLengths[k] == back)
            {
                return View.Classes[k];
            }
        }

        return WordClass.None;
    }

    /// <summary>Whether a token of [start, end) belongs to one of the classes (a phone cue such as "au téléphone" excepted).</summary>
    public bool HasWordClassIn(int start, int end, WordClass classes)
    {
        for (var k = start; k < end && k < View.Count; k++)
        {
            if (CueAt(k, out var length) == CueClass.Phone && length > 0)
            {
                k += length - 1;
                continue;
            }

            if (View.ClassLengths[k] > 0 && (View.Classes[k] & classes) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool CommaBetween(int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (View.IsComma(k))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether [start, end) names a summit as the occasion of something else: "en marge du sommet X", "lors du sommet
    /// du G20", "à l'occasion d'un sommet".
    /// </summary>
    public bool SummitOccasionIn(int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (_lexicons.Events.Triggers.CanStartWith(View.Ids[k]) && _lexicons.Events.Triggers.Longest(View.Ids, k, t => t.NounFlags.HasFlag(NounFlags.Summit), out _) > 0
                && (HasCueEndingNear(k, 3, CueClass.Margin) || (ClassesEndingAt(k) & WordClass.TimePreposition) != 0
                    || (k >= 1 && (ClassesEndingAt(k - 1) & WordClass.TimePreposition) != 0)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The country of a seat of government the clause places the meeting in ("au Quai d'Orsay", "à l'Élysée", "au
    /// Kremlin": a building or ministry with a government actor code after a locative preposition), or null.
    /// </summary>
    public string? SeatOfGovernmentCountry(int start, int end)
    {
        for (var k = start; k < end && k < View.Count; k++)
        {
            var r = ReferentAt[k];
            if (r < 0)
            {
                continue;
            }

            var referent = Referents[r];
            k = referent.End - 1;
            if (referent.Entity >= 0 && Entities[referent.Entity] is { Kind: "building" or "ministry", ActorCode: { } actor, Country: { } country }
                && actor.EndsWith("GOV", StringComparison.Ordinal) && (ClassesEndingAt(referent.Start) & WordClass.Locative) != 0)
            {
                return country;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the direct object after a verb is a common noun phrase with no referent ("a reçu jeudi à l'Élysée les
    /// lettres de créance"): dates, places and adverbs before it are skipped.
    /// </summary>
    public bool ThingObjectAfter(int start, int end)
    {
        for (var k = start; k < end && k < View.Count; k++)
        {
            if (_dateAt[k] >= 0)
            {
                k = Dates[_dateAt[k]].EndToken - 1;
                continue;
            }

            if (ReferentAt[k] >= 0)
            {
                var referent = Referents[ReferentAt[k]];
                if (referent.Type != EntityType.Location)
                {
                    return false;
                }

                k = referent.End - 1;
                continue;
            }

            if (View.IsComma(k) || IsMentAdverb(k))
            {
                continue;
            }

            var length = View.ClassLengths[k];
            if (length == 0)
            {
                return false;
            }

            var classes = View.Classes[k];
            if ((classes & WordClass.Locative) != 0)
            {
                k += length - 1;
                continue;
            }

            if ((classes & WordClass.Adverb) != 0)
            {
                continue;
            }

            if ((classes & WordClass.Determiner) != 0)
            {
                var noun = k + length;
                return noun < end && ReferentAt[noun] < 0 && View.ClassLengths[noun] == 0 && View.Tokens[noun].Kind == TokenKind.Word && !View.IsCapitalized(noun);
            }

            return false;
        }

        return false;
    }

    /// <summary>
    /// Whether the "des" before <paramref name="start"/> is the plural indefinite article of a subject, not "de les": it
    /// opens the clause or follows a comma ("Sous l'égide de l'UA, des représentants de ... se sont retrouvés").
    /// </summary>
    private bool IndefiniteArticleOpening(int start, int clauseStart)
    {
        var article = PhraseStartEndingAt(start);
        if (article == start || (View.Classes[article] & WordClass.DetIndef) == 0)
        {
            return false;
        }

        return article == clauseStart || View.IsComma(article - 1);
    }

    /// <summary>Whether a relative pronoun opens the clause starting at <paramref name="clauseStart"/> (où, qui, que, lequel).</summary>
    public bool RelativeClauseAt(int clauseStart)
    {
        var phrase = PhraseStartEndingAt(clauseStart);
        return (phrase < clauseStart && (View.Classes[phrase] & WordClass.Relative) != 0)
            || (clauseStart < View.Count && View.ClassLengths[clauseStart] > 0 && (View.Classes[clauseStart] & WordClass.Relative) != 0);
    }

    /// <summary>Whether the word before the adverb ending at <paramref name="index"/> is a common noun ("un sommet [très] attendu").</summary>
    public bool NounPhraseBefore(int index)
    {
        var adverb = PhraseStartEndingAt(index);
        var k = adverb - 1;
        return adverb < index && k >= 0 && ReferentAt[k] < 0 && View.ClassLengths[k] == 0 && !View.IsCapitalized(k)
            && View.Tokens[k].Kind == Tokenization.TokenKind.Word && !IsVerbForm(k);
    }

    /// <summary>Start of the function-word phrase that ends just before <paramref name="index"/>, or <paramref name="index"/>.</summary>
    private int PhraseStartEndingAt(int index)
    {
        for (var back = 3; back >= 1; back--)
        {
            var k = index - back;
            if (k >= 0 && View.ClassLengths[k] == back)
            {
                return k;
            }
        }

        return index;
    }

    /// <summary>Whether a reflexive clitic governs the verb at <paramref name="verb"/> (s'est entretenu, se sont rencontrés, va se rendre).</summary>
    public bool ReflexiveBefore(int verb, int clauseStart)
    {
        var k = verb;
        for (var steps = 0; steps < 5 && k > clauseStart; steps++)
        {
            if (IsMentAdverb(k - 1))
            {
                k--;
                continue;
            }

            var classes = ClassesEndingAt(k);
            if ((classes & WordClass.Reflexive) != 0 && (classes & WordClass.SubjectPronoun) == 0)
            {
                return true;
            }

            if ((classes & (WordClass.Auxiliary | WordClass.Aller | WordClass.Adverb | WordClass.NegNe | WordClass.NegAdv)) == 0 && !IsModalCue(PhraseStartEndingAt(k)))
            {
                // "nous"/"vous" are both subject and reflexive: "ils se sont", "nous nous sommes"
                if ((classes & WordClass.Reflexive) != 0)
                {
                    return true;
                }

                return false;
            }

            k = PhraseStartEndingAt(k);
        }

        return false;
    }

    private bool IsModalCue(int k) => (uint)k < (uint)View.Count && _cueLength[k] > 0 && _cue[k] == CueClass.Planned;

    /// <summary>A past participle in the passive: "a été reçu", "est reçu", or alone ("reçu par le président").</summary>
    public bool IsPassive(int participle, int clauseStart)
    {
        var k = participle;
        for (var steps = 0; steps < 4 && k > clauseStart; steps++)
        {
            if (IsMentAdverb(k - 1))
            {
                k--;
                continue;
            }

            var classes = ClassesEndingAt(k);
            if ((classes & WordClass.AuxEtre) != 0)
            {
                // "été" after an auxiliary, or être alone without a reflexive clitic.
                return (classes & WordClass.TParticiple) != 0 || !ReflexiveBefore(PhraseStartEndingAt(k), clauseStart);
            }

            if ((classes & WordClass.AuxAvoir) != 0)
            {
                return false;
            }

            if ((classes & (WordClass.Adverb | WordClass.NegAdv | WordClass.NegNe)) == 0)
            {
                break;
            }

            k = PhraseStartEndingAt(k);
        }

        // No auxiliary: a reduced passive ("João Lourenço, reçu avec les honneurs par le président Sall").
        return true;
    }

    /// <summary>
    /// The subject of a verb (or of the light verb carrying a noun): the first referent of the clause that no
    /// preposition introduces, with the names coordinated to it; else a subject pronoun resolved to the parties of
    /// the latest meeting (ils) or the latest subject (il); else the antecedent of "qui".
    /// </summary>
    public List<Referent> Subject(int verb, int clauseStart, int clauseEnd, List<MeetingMention> earlier, out bool pronounPlural)
    {
        pronounPlural = false;
        _ = clauseEnd;
        _ = earlier;
        var result = new List<Referent>();
        for (var k = clauseStart; k < verb; k++)
        {
            // "Selon le quotidien Haaretz, X a rencontré ...": the source is no subject.
            if ((View.Classes[k] & WordClass.Source) != 0 && ReferentAt[k] < 0)
            {
                var comma = k;
                while (comma < verb && !View.IsComma(comma))
                {
                    comma++;
                }

                if (comma < verb)
                {
                    k = comma;
                    continue;
                }
            }

            var r = ReferentAt[k];
            if (r < 0 && _cueLength[k] > 0 && _cue[k] == CueClass.PartyGroup)
            {
                // "Des délégations du Hamas et d'Israël ont repris ...": the parties the group acts for are the subject.
                var groupEnd = PartiesOfGroup(k + _cueLength[k], verb, result);
                if (result.Any(p => p.Entity >= 0))
                {
                    return result;
                }

                result.Clear();

                k = groupEnd - 1;
                continue;
            }

            if (r < 0)
            {
                // Skip a cue span that introduces non-subjects ("accompagné de X", "selon X").
                if (_cueLength[k] > 0 && _cue[k] is CueClass.Delegation or CueClass.Mediator or CueClass.Invitation)
                {
                    var listEnd = SkipList(k + _cueLength[k], verb);
                    if (k <= clauseStart + 1)
                    {
                        // A fronted phrase ends at its comma: "Sous l'égide de l'UA, des représentants de X et de Y ...".
                        for (var c = k + _cueLength[k]; c < listEnd; c++)
                        {
                            if (View.IsComma(c) && ReferentAt[c] < 0)
                            {
                                listEnd = c + 1;
                                break;
                            }
                        }
                    }

                    k = listEnd - 1;
                }

                continue;
            }

            var referent = Referents[r];
            if (referent.Start < clauseStart)
            {
                k = referent.End - 1;
                continue;
            }

            if (((ClassesEndingAt(referent.Start) & WordClass.Preposition) != 0 && !IndefiniteArticleOpening(referent.Start, clauseStart)) || InParentheses(referent.Start))
            {
                k = referent.End - 1;
                continue;
            }

            if (referent.Kind == ReferentKind.Pair)
            {
                pronounPlural = true;
                return PartiesOfLast(referent.Sentence);
            }

            // A country named as the subject acts as a state ("Le Hamas et Israël ont entamé des négociations"),
            // unless a comma sets it apart as a fronted place.
            var state = referent.IsState && !CommaBetween(referent.End, verb);
            if (!referent.CanParticipate && !state)
            {
                // "En marge du sommet de l'OTAN à La Haye, X a ...": a place inside a fronted phrase is no subject.
                if (CommaBetween(referent.End, verb))
                {
                    k = referent.End - 1;
                    continue;
                }

                // A place or a news outlet as subject ("Moscou a accueilli", "le Kremlin a déclaré"): no person.
                return result;
            }

            result.Add(referent);
            var end = referent.End;
            while (end < verb)
            {
                var next = end;
                if (View.IsComma(next) || View.Is(next, WordClass.Coord))
                {
                    next += Math.Max(1, (int)View.ClassLengths[next]);
                }
                else
                {
                    break;
                }

                if (next < verb && ReferentAt[next] >= 0 && Referents[ReferentAt[next]].Start == next
                    && (Referents[ReferentAt[next]].CanParticipate || Referents[ReferentAt[next]].IsState)
                    && (ClassesEndingAt(next) & WordClass.Preposition) == 0)
                {
                    var coordinated = Referents[ReferentAt[next]];
                    result.Add(coordinated);
                    end = coordinated.End;
                }
                else
                {
                    break;
                }
            }

            RememberSubjects(result);
            return result;
        }

        // Subject pronouns: "il a reçu", "ils ont eu des discussions", "a-t-il rencontré".
        for (var k = verb - 1; k >= clauseStart && k >= verb - 6; k--)
        {
            if (View.Is(k, WordClass.SubjectPronoun) && View.ClassLengths[k] == 1)
            {
                var pronoun = TokenNormalizer.Normalize(View.Tokens[k].Span).TrimStart('-').Replace("t-", string.Empty, StringComparison.Ordinal);
                if (pronoun is "ils" or "elles")
                {
                    pronounPlural = true;
                    return PartiesOfLast(View.SentenceOf[k]);
                }

                if (pronoun is "il" or "elle")
                {
                    if (View.SentenceOf[k] - _lastSubjectSentence <= 2 && _lastSubjects.Count == 1)
                    {
                        return [.. _lastSubjects];
                    }

                    // The subject of the previous sentence: "Poutine a signé un décret. Il avait rencontré ...".
                    if (PreviousSentenceSubject(View.SentenceOf[k]) is { } previous)
                    {
                        return [previous];
                    }
                }

                return result;
            }
        }

        // "X, qui a rencontré Y": the antecedent of the relative pronoun.
        if (clauseStart > 0 && View.Is(clauseStart - 1, WordClass.Relative) && View.ClassLengths[clauseStart - 1] == 1)
        {
            var before = clauseStart - 2;
            if (View.IsComma(before))
            {
                before--;
            }

            if (before >= 0 && ReferentAt[before] >= 0 && Referents[ReferentAt[before]].CanParticipate)
            {
                result.Add(Referents[ReferentAt[before]]);
            }
        }

        return result;
    }

    /// <summary>
    /// The subject of the main clause after a fronted phrase: "Lors de sa prochaine visite à Tokyo, le président Yoon ...".
    /// </summary>
    public List<Referent> SubjectAfterFrontedPhrase(int trigger, int clauseEnd)
    {
        var k = trigger;
        while (k < clauseEnd && !View.IsComma(k))
        {
            k++;
        }

        for (k++; k < clauseEnd; k++)
        {
            var r = ReferentAt[k];
            if (r < 0)
            {
                if (View.Tokens[k].Kind == TokenKind.Word && View.ClassLengths[k] == 0 && _dateAt[k] < 0)
                {
                    break; // a verb or a noun before any referent: no subject here
                }

                continue;
            }

            var referent = Referents[r];
            if ((ClassesEndingAt(referent.Start) & WordClass.Preposition) != 0 || !referent.CanParticipate)
            {
                break;
            }

            var subjects = new List<Referent> { referent };
            AddCoordinated(referent.End, clauseEnd, subjects);
            return subjects;
        }

        return [];
    }

    private Referent? PreviousSentenceSubject(int sentence)
    {
        if (sentence == 0)
        {
            return null;
        }

        var previous = View.Sentences[sentence - 1];
        for (var k = previous.FirstToken; k < previous.EndToken && k < View.Count; k++)
        {
            var r = ReferentAt[k];
            if (r < 0)
            {
                continue;
            }

            var referent = Referents[r];
            if ((ClassesEndingAt(referent.Start) & WordClass.Preposition) != 0)
            {
                k = referent.End - 1;
                continue;
            }

            return referent.Type == EntityType.Person && referent.Entity >= 0 ? referent : null;
        }

        return null;
    }

    private void RememberSubjects(List<Referent> subjects)
    {
        if (subjects.Count > 0 && subjects[0].Type == EntityType.Person)
        {
            _lastSubjects = [.. subjects];
            _lastSubjectSentence = subjects[0].Sentence;
        }
    }

    private List<Referent> PartiesOfLast(int sentence)
    {
        if (_lastMention is null || sentence - _lastMention.Sentence > 3)
        {
            return [];
        }

        return [.. _lastMention.Parties.Keys.Select(e => new Referent { Entity = e, Kind = ReferentKind.Name, Type = Entities[e].Type, CanParticipate = true, Sentence = sentence })];
    }

    /// <summary>Whether the subject of the clause holding <paramref name="verb"/> is the parties already named ("ils", "les deux présidents").</summary>
    public bool SubjectIsPair(int verb, int sentenceStart)
    {
        var (clauseStart, clauseEnd) = Clause(verb, verb + 1);
        _ = sentenceStart;
        var subjects = Subject(verb, clauseStart, clauseEnd, [], out var plural);
        if (plural)
        {
            return true;
        }

        return _lastMention is not null && subjects.Count >= 1 && subjects.All(s => s.Entity >= 0 && _lastMention.Parties.ContainsKey(s.Entity));
    }

    /// <summary>Objects of a verb: direct ones (and avec/à-complements), agents (par), hosts (chez, rendre visite à).</summary>
    public (List<Referent> Direct, List<Referent> Agents, List<Referent> Hosts) Objects(MeetingMention mention, bool passive)
    {
        var direct = new List<Referent>();
        var agents = new List<Referent>();
        var hosts = new List<Referent>();
        var frame = mention.Trigger.Frame;
        for (var k = mention.TriggerEnd; k < mention.ClauseEnd; k++)
        {
            if (_cueLength[k] > 0)
            {
                if (_cue[k] is CueClass.Delegation or CueClass.Mediator or CueClass.Invitation)
                {
                    k = SkipList(k + _cueLength[k], mention.ClauseEnd) - 1;
                    continue;
                }

                if (_cue[k] is CueClass.Topic or CueClass.TopicDe or CueClass.TopicNounPhrase && k > mention.TriggerEnd)
                {
                    break;
                }
            }

            var r = ReferentAt[k];
            if (r < 0)
            {
                continue;
            }

            var referent = Referents[r];
            k = referent.End - 1;
            if (referent.Start < mention.TriggerEnd || !referent.CanParticipate || InParentheses(referent.Start))
            {
                continue;
            }

            var preposition = ClassesEndingAt(referent.Start);
            List<Referent>? target = null;
            if ((preposition & WordClass.Par) != 0)
            {
                target = passive ? agents : null;
            }
            else if ((preposition & WordClass.Chez) != 0)
            {
                target = hosts;
            }
            else if ((preposition & WordClass.Avec) != 0)
            {
                target = frame is VerbFrame.Meet or VerbFrame.Call or VerbFrame.Gather ? direct : null;
            }
            else if ((preposition & WordClass.A) != 0)
            {
                target = frame == VerbFrame.Call ? direct : frame == VerbFrame.Visit && referent.Type == EntityType.Person ? hosts : null;
            }
            else if ((preposition & WordClass.Preposition) == 0)
            {
                target = frame is VerbFrame.Visit ? (referent.Type == EntityType.Person ? hosts : null) : passive && frame == VerbFrame.Host ? null : direct;
            }

            if (target is null)
            {
                continue;
            }

            target.Add(referent);
            AddCoordinated(referent.End, mention.ClauseEnd, target);
            if (target == direct && frame != VerbFrame.Visit)
            {
                // One direct object (with its coordinated names); later names belong to other phrases.
                if (frame is VerbFrame.Host or VerbFrame.Meet && !passive)
                {
                    break;
                }
            }
        }

        return (direct, agents, hosts);
    }

    /// <summary>Complements of a meeting noun: "de X" (whose), "avec X", "entre X et Y", "à/chez X" (the host of a visit).</summary>
    public (List<Referent> Of, List<Referent> With, List<Referent> Between, List<Referent> Hosts, int End) NounComplements(MeetingMention mention)
    {
        var of = new List<Referent>();
        var with = new List<Referent>();
        var between = new List<Referent>();
        var hosts = new List<Referent>();
        var k = mention.TriggerEnd;

        // Adjectives right after the noun: "rencontre bilatérale", "visite officielle".
        for (var skip = 0; skip < 2 && k < mention.ClauseEnd && ReferentAt[k] < 0 && View.ClassLengths[k] == 0
            && View.Tokens[k].Kind == TokenKind.Word && !View.IsCapitalized(k) && _cueLength[k] == 0; skip++)
        {
            k++;
        }

        for (var guard = 0; guard < 4 && k < mention.ClauseEnd; guard++)
        {
            var classes = View.Classes[k];
            var length = View.ClassLengths[k];
            if (length == 0)
            {
                break;
            }

            var next = k + length;
            var r = next < View.Count ? ReferentAt[next] : -1;
            if (r < 0 && ReferentAt[k] >= 0)
            {
                // The determiner of the referent belongs to it ("du ministre ..."): the referent covers k.
                r = ReferentAt[k];
                next = k;
            }

            if (r < 0 && (classes & (WordClass.Entre | WordClass.Avec)) != 0 && NameAfterArticle(next) is { } named)
            {
                // "entre l'Union européenne et le Mercosur": the article before an organization's name.
                r = ReferentAt[named];
                next = named;
            }

            if (r < 0)
            {
                // "à Moscou", "en Russie", a date: keep looking for complements after them.
                if ((classes & (WordClass.Locative | WordClass.TimePreposition)) != 0 || _dateAt[next < View.Count ? next : k] >= 0)
                {
                    k = SkipPhrase(next, mention.ClauseEnd);
                    continue;
                }

                break;
            }

            var referent = Referents[r];
            var betweenParties = (classes & WordClass.Entre) != 0;
            if (!referent.CanParticipate && !(betweenParties && referent.IsState))
            {
                if (referent.Type == EntityType.Location)
                {
                    k = referent.End;
                    continue;
                }

                break;
            }

            List<Referent> target;
            if ((classes & WordClass.Entre) != 0)
            {
                target = between;
            }
            else if ((classes & WordClass.Avec) != 0)
            {
                target = with;
            }
            else if ((classes & (WordClass.Chez | WordClass.A)) != 0 && (mention.Trigger.NounFlags.HasFlag(NounFlags.Visit) || mention.Trigger.Subtype == MeetingSubtype.HostVisit))
            {
                target = hosts;
            }
            else if ((classes & (WordClass.De | WordClass.Par)) != 0)
            {
                target = of;
            }
            else
            {
                break;
            }

            target.Add(referent);
            k = AddCoordinated(referent.End, mention.ClauseEnd, target, states: betweenParties);
        }

        return (of, with, between, hosts, k);
    }

    /// <summary>The token after "avec X", "entre X et Y", dates and adverbs that follow a verb.</summary>
    public int SkipPeers(int k, int end)
    {
        while (k < end)
        {
            if (ReferentAt[k] >= 0)
            {
                k = Referents[ReferentAt[k]].End;
            }
            else if (_dateAt[k] >= 0)
            {
                k = Dates[_dateAt[k]].EndToken;
            }
            else if ((View.Classes[k] & (WordClass.Avec | WordClass.Entre | WordClass.Coord | WordClass.Adverb)) != 0 && View.ClassLengths[k] > 0)
            {
                k += View.ClassLengths[k];
            }
            else if (View.IsComma(k) || IsMentAdverb(k))
            {
                k++;
            }
            else
            {
                break;
            }
        }

        return k;
    }

    private int SkipPhrase(int k, int end)
    {
        // A place or date referent, or one word.
        if (k < end && ReferentAt[k] >= 0)
        {
            return Referents[ReferentAt[k]].End;
        }

        if (k < end && _dateAt[k] >= 0)
        {
            return Dates[_dateAt[k]].EndToken;
        }

        return k + 1;
    }

    /// <summary>The start of a named referent right after a bare article at <paramref name="k"/> (le, la, l', les), or null.</summary>
    private int? NameAfterArticle(int k)
    {
        if ((uint)k >= (uint)View.Count || View.ClassLengths[k] == 0 || (View.Classes[k] & WordClass.DetDef) == 0 || (View.Classes[k] & WordClass.Preposition) != 0)
        {
            return null;
        }

        var after = k + View.ClassLengths[k];
        return after < View.Count && ReferentAt[after] >= 0 && Referents[ReferentAt[after]].Start == after && Referents[ReferentAt[after]].Entity >= 0 ? after : null;
    }

    private int AddCoordinated(int end, int limit, List<Referent> target, bool states = false)
    {
        while (end < limit)
        {
            var next = end;
            if (View.IsComma(next) || View.Is(next, WordClass.Coord))
            {
                next += Math.Max(1, (int)View.ClassLengths[next]);
                if (View.Is(next, WordClass.Coord))
                {
                    next += Math.Max(1, (int)View.ClassLengths[next]);
                }
            }
            else
            {
                break;
            }

            if (next < limit && ReferentAt[next] < 0 && NameAfterArticle(next) is { } named)
            {
                next = named; // "et le Mercosur"
            }

            if (next < limit && ReferentAt[next] >= 0 && Referents[ReferentAt[next]].Start == next
                && (Referents[ReferentAt[next]].CanParticipate || (states && Referents[ReferentAt[next]].IsState)))
            {
                var coordinated = Referents[ReferentAt[next]];
                target.Add(coordinated);
                end = coordinated.End;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    /// <summary>
    /// The parties a group noun acts for, from <paramref name="start"/> (after the noun): "du Hamas et d'Israël", "du
    /// gouvernement soudanais et des Forces de soutien rapide (FSR)". Each member is introduced by de/du/des/d'; a
    /// description naming no one ("du gouvernement soudanais") is passed over; a demonym ("russe et ukrainienne")
    /// names nobody. Returns where the group ends.
    /// </summary>
    private int PartiesOfGroup(int start, int limit, List<Referent> parties)
    {
        var k = start;
        while (k < limit && View.ClassLengths[k] > 0 && (View.Classes[k] & WordClass.De) != 0)
        {
            k += View.ClassLengths[k];
            if (k < limit && ReferentAt[k] < 0 && NameAfterArticle(k) is { } named && named < limit)
            {
                k = named;
            }

            if (k < limit && ReferentAt[k] >= 0 && Referents[ReferentAt[k]].Start == k)
            {
                var member = Referents[ReferentAt[k]];
                if (member.CanParticipate || member.IsState)
                {
                    parties.Add(member);
                }

                k = member.End;
            }
            else
            {
                // An unnamed description: a few lower-case words ("gouvernement soudanais"), an unnamed party.
                var words = 0;
                var described = k;
                while (k < limit && words < 3 && ReferentAt[k] < 0 && View.Tokens[k].Kind == TokenKind.Word && View.ClassLengths[k] == 0
                    && !View.IsCapitalized(k) && _cueLength[k] == 0 && _dateAt[k] < 0)
                {
                    k++;
                    words++;
                }

                if (words == 0)
                {
                    break;
                }

                parties.Add(new Referent
                {
                    Start = described,
                    End = k,
                    Kind = ReferentKind.Unnamed,
                    Type = EntityType.Organization,
                    Plural = true,
                    Sentence = View.SentenceOf[described],
                    CanParticipate = true,
                });
            }

            // "(FSR)": an acronym in parentheses after the name.
            if (k < limit && View.IsChar(k, '('))
            {
                var close = k + 1;
                while (close < limit && close <= k + 6 && !View.IsChar(close, ')'))
                {
                    close++;
                }

                if (close < limit && View.IsChar(close, ')'))
                {
                    k = close + 1;
                }
            }

            if (k < limit && View.ClassLengths[k] > 0 && View.Is(k, WordClass.Coord))
            {
                var after = k + View.ClassLengths[k];
                if (after < limit && View.ClassLengths[after] > 0 && (View.Classes[after] & WordClass.De) != 0)
                {
                    k = after;
                    continue;
                }
            }

            break;
        }

        return k;
    }

    /// <summary>The referents of a list right after <paramref name="start"/>: "X, du ministre Y et de Z".</summary>
    public List<Referent> ListAfter(int start, int end)
    {
        var list = new List<Referent>();
        var k = start;
        if (k > 0 && k < View.Count && ReferentAt[k] < 0 && ReferentAt[k - 1] >= 0 && Referents[ReferentAt[k - 1]].End > k - 1)
        {
            // The cue swallowed the referent's determiner ("accompagné du ministre ...").
            k--;
        }

        while (k < end)
        {
            var r = ReferentAt[k];
            if (r < 0)
            {
                // Determiners, prepositions and list punctuation between members.
                if (View.ClassLengths[k] > 0 && (View.Classes[k] & (WordClass.Determiner | WordClass.De | WordClass.Coord | WordClass.A)) != 0)
                {
                    k += View.ClassLengths[k];
                    continue;
                }

                if (View.IsComma(k))
                {
                    // A list goes on after a comma with "du ministre Y" or a bare name, not with "le président Y" (a new clause).
                    var next = k + 1;
                    var continues = next < end && ((View.Classes[next] & (WordClass.De | WordClass.Coord)) != 0
                        || (ReferentAt[next] >= 0 && Referents[ReferentAt[next]].Start == next && Referents[ReferentAt[next]].Kind == ReferentKind.Name
                            && (View.Classes[next] & WordClass.Determiner) == 0));
                    if (!continues)
                    {
                        break;
                    }

                    k++;
                    continue;
                }

                break;
            }

            list.Add(Referents[r]);
            k = Referents[r].End;
        }

        return list;
    }

    private int SkipList(int start, int end)
    {
        var k = start;
        var members = ListAfter(start, end);
        if (members.Count > 0)
        {
            k = Math.Max(k, members[^1].End);
        }

        return Math.Min(Math.Max(k, start), end);
    }

    /// <summary>Whether a referent is introduced by a locative preposition (à, au, en, dans) or stands in apposition to a place.</summary>
    public bool IsLocative(int start, MeetingMention mention)
    {
        // "au palais de X" where only X is a name: the preposition stands before the place noun.
        if ((ClassesEndingAt(start) & WordClass.De) != 0 && View.ClassLengths[start - 1] == 1)
        {
            for (var back = 2; back <= 3 && start - back >= 0; back++)
            {
                if (_lexicons.PlaceHeads.Longest(View.Ids, start - back, out _) == back - 1)
                {
                    start -= back;
                    break;
                }
            }
        }

        if ((ClassesEndingAt(start) & WordClass.Locative) == 0)
        {
            // "à La Haye", "au Caire" read as "à la" + "Haye": the locative phrase overlaps the name's article.
            if (start < 1 || View.ClassLengths[start - 1] < 2 || (View.Classes[start - 1] & WordClass.Locative) == 0)
            {
                return false;
            }

            return true;
        }

        // "la guerre en Ukraine", "les bases russes en Syrie": a place inside another noun phrase is not where the
        // meeting is; after the trigger, a name, a date, a verb or punctuation it is.
        var preposition = PhraseStartEndingAt(start);
        var before = preposition - 1;
        // A name the recognizer missed counts as one ("le sommet du G20 à Johannesburg").
        if (before < 0 || before == mention.TriggerEnd - 1 || ReferentAt[before] >= 0 || _dateAt[before] >= 0 || View.IsCapitalized(before)
            || View.ClassLengths[before] > 0 || View.Tokens[before].Kind != TokenKind.Word || _cueLength[before] > 0 || _covered[before] || IsMentAdverb(before))
        {
            return true;
        }

        // A verb of the lexicons (reçu, arrivé, accueilli, effectue ...), or an adjective right after the trigger noun.
        return _lexicons.Events.Triggers.CanStartWith(View.Ids[before]) || _lexicons.Events.LightVerbs.Longest(View.Ids, before, out _) == 1
            || (!mention.Trigger.IsVerb && before - mention.TriggerEnd <= 1 && before >= mention.TriggerEnd);
    }

    private bool InParentheses(int start) => start > 0 && View.IsChar(start - 1, '(');

    /// <summary>Whether the light verb or auxiliary that carries a noun makes the clause subject a party ("X a eu une conversation", "X a effectué une visite").</summary>
    public bool CarriedBySubject(MeetingMention mention, out bool hosts)
    {
        hosts = false;
        var k = mention.TriggerStart;
        for (var steps = 0; steps < 8 && k > mention.ClauseStart; steps++)
        {
            var classes = ClassesEndingAt(k);
            if ((classes & (WordClass.Determiner | WordClass.De)) != 0)
            {
                k = PhraseStartEndingAt(k);
                continue;
            }

            // "X est en visite à Paris", "X était en séjour au Sénégal".
            if ((classes & WordClass.En) != 0 && (ClassesEndingAt(PhraseStartEndingAt(k)) & WordClass.AuxEtre) != 0)
            {
                return true;
            }

            var previous = k - 1;
            if (previous < 0)
            {
                break;
            }

            if (_lexicons.Events.LightVerbs.Longest(View.Ids, previous, out var light) == 1)
            {
                hosts = light[0].Hosts;
                return true;
            }

            if ((classes & WordClass.AuxAvoir) != 0)
            {
                return true;
            }

            if (_dateAt[previous] >= 0)
            {
                // "effectue depuis dimanche une visite", "a eu, samedi, une conversation".
                k = Dates[_dateAt[previous]].StartToken;
                if (View.IsComma(k - 1))
                {
                    k--;
                }

                if ((ClassesEndingAt(k) & (WordClass.Preposition | WordClass.Determiner)) != 0)
                {
                    k = PhraseStartEndingAt(k);
                }

                continue;
            }

            if (ReferentAt[previous] >= 0 && Referents[ReferentAt[previous]].Type == EntityType.Location)
            {
                // "ont repris jeudi à Doha des négociations": a place between the verb and its noun.
                k = Referents[ReferentAt[previous]].Start;
                if ((ClassesEndingAt(k) & WordClass.Locative) != 0)
                {
                    k = PhraseStartEndingAt(k);
                }

                continue;
            }

            if (View.IsComma(previous) || (View.Classes[previous] & WordClass.Adverb) != 0 || (View.Tokens[previous].Kind == TokenKind.Word && !View.IsCapitalized(previous) && ReferentAt[previous] < 0 && View.ClassLengths[previous] == 0 && steps < 2))
            {
                // an adjective (une longue conversation) or an adverb
                k = previous;
                continue;
            }

            break;
        }

        return false;
    }

    /// <summary>Whether the noun at <paramref name="k"/> is the purpose of a trip: "pour des entretiens", "en vue d'une rencontre".</summary>
    public bool PurposeBefore(int k)
    {
        var classes = ClassesEndingAt(k);
        var start = k;
        if ((classes & WordClass.Determiner) != 0)
        {
            start = PhraseStartEndingAt(k);
            classes = ClassesEndingAt(start);
        }

        return (classes & WordClass.Pour) != 0 || HasCueEndingNear(start, 0, CueClass.Planned);
    }

    /// <summary>Whether a summit noun stands in <c>[start, end)</c>.</summary>
    public bool SummitNounIn(int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (_lexicons.Events.Triggers.CanStartWith(View.Ids[k]) && _lexicons.Events.Triggers.Longest(View.Ids, k, t => t.NounFlags.HasFlag(NounFlags.Summit), out _) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the direct object of a verb is a meeting noun: "a accueilli (vendredi à Istanbul) une rencontre".</summary>
    public bool ObjectIsMeetingNoun(MeetingMention mention)
    {
        var k = mention.TriggerEnd;
        for (var steps = 0; steps < 8 && k < mention.ClauseEnd; steps++)
        {
            if (_dateAt[k] >= 0)
            {
                k = Dates[_dateAt[k]].EndToken;
                continue;
            }

            if (ReferentAt[k] >= 0 && Referents[ReferentAt[k]].Type == EntityType.Location)
            {
                k = Referents[ReferentAt[k]].End;
                continue;
            }

            if (View.ClassLengths[k] > 0 && (View.Classes[k] & (WordClass.Determiner | WordClass.Locative | WordClass.Adverb)) != 0)
            {
                k += View.ClassLengths[k];
                continue;
            }

            if (View.IsComma(k) || IsMentAdverb(k))
            {
                k++;
                continue;
            }

            return (ClassesEndingAt(k) & WordClass.Determiner) != 0 && _lexicons.Events.Triggers.Longest(View.Ids, k, t => !t.IsVerb, out _) > 0;
        }

        return false;
    }

    /// <summary>Whether the token is a form of a meeting verb or of a verb that carries a meeting noun.</summary>
    public bool IsVerbForm(int k) =>
        (uint)k < (uint)View.Count && ReferentAt[k] < 0
        && (_lexicons.Events.Triggers.Longest(View.Ids, k, t => t.IsVerb, out _) == 1 || _lexicons.Events.LightVerbs.Longest(View.Ids, k, out _) == 1);

    /// <summary>The organization or place a summit is named after: "sommet des BRICS", "sommet de l'Union africaine".</summary>
    public Referent? SummitNameAfter(int end)
    {
        if (end >= View.Count || (View.Classes[end] & WordClass.De) == 0)
        {
            return null;
        }

        var next = end + View.ClassLengths[end];
        var r = next < View.Count ? ReferentAt[next] : -1;
        if (r < 0 && ReferentAt[end] >= 0)
        {
            r = ReferentAt[end];
        }

        return r >= 0 && Referents[r].Type is EntityType.Organization or EntityType.Location ? Referents[r] : null;
    }

    /// <summary>Whether a person holds a leading office (head of state or government, minister, leader).</summary>
    public bool IsLeader(Referent referent)
    {
        if (referent.Function is { } function && IsLeading(function))
        {
            return true;
        }

        return referent.Entity >= 0 && _functions.TryGetValue(referent.Entity, out var functions) && functions.Any(IsLeading);

        static bool IsLeading(string function) =>
            function is "head_of_state" or "head_of_government" or "leader" or "crown_prince" or "vice_president" or "head_of_organization" or "secretary_general"
            || function.EndsWith("minister", StringComparison.Ordinal);
    }

    public bool HasNegationNear(int start)
    {
        for (var k = Math.Max(0, start - 4); k < start; k++)
        {
            if ((View.Classes[k] & (WordClass.NegNe | WordClass.Without)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a token lies inside a mediator, delegation, invitation or interview phrase.</summary>
    public bool InsideCue(int k) => _insideCue[k];

    /// <summary>The longest cue at a token (prepared sentences only).</summary>
    public CueClass CueAt(int k, out int length)
    {
        length = _cueLength[k];
        return _cue[k];
    }

    public bool HasCue(int start, int end, CueClass cue)
    {
        for (var k = Math.Max(0, start); k < end && k < View.Count; k++)
        {
            if (CueStartsAt(k, cue))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a cue of this class (not only the longest one) starts at the token.</summary>
    private bool CueStartsAt(int k, CueClass cue) =>
        _prepared[View.SentenceOf[k]]
            ? (_cueMask[k] & (1u << (int)cue)) != 0
            : _lexicons.Events.Cues.CanStartWith(View.Ids[k]) && LongestCue(k, cue) > 0;

    /// <summary>Length of the longest cue of this class starting at the token.</summary>
    private int LongestCue(int k, CueClass cue)
    {
        _matches.Clear();
        _lexicons.Events.Cues.AllMatches(View.Ids, k, _matches);
        var length = 0;
        foreach (var (matchLength, value) in _matches)
        {
            if (value == cue && matchLength > length)
            {
                length = matchLength;
            }
        }

        return length;
    }

    /// <summary>A cue that ends at most <paramref name="window"/> tokens before <paramref name="k"/>.</summary>
    public bool HasCueEndingNear(int k, int window, CueClass cue)
    {
        for (var start = Math.Max(0, k - window - 4); start < k; start++)
        {
            if (!CueStartsAt(start, cue))
            {
                continue;
            }

            _matches.Clear();
            _lexicons.Events.Cues.AllMatches(View.Ids, start, _matches);
            foreach (var (length, value) in _matches)
            {
                if (value == cue && start + length <= k && k - (start + length) <= window)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A cue starting within <paramref name="window"/> units before the trigger (a name or a date counts as one unit).</summary>
    public bool HasCueBefore(int trigger, int clauseStart, int window, CueClass cue)
    {
        var k = trigger;
        for (var units = 0; units < window && k > clauseStart; units++)
        {
            k--;
            if (ReferentAt[k] >= 0)
            {
                k = Math.Max(clauseStart, Referents[ReferentAt[k]].Start);
            }
            else if (_dateAt[k] >= 0)
            {
                k = Math.Max(clauseStart, Dates[_dateAt[k]].StartToken);
            }

            var length = OtherCueCovers(k, cue) || !CueStartsAt(k, cue) ? 0 : LongestCue(k, cue);
            if (length > 0 && k + length <= trigger + 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A cue starting within <paramref name="window"/> units after <paramref name="end"/> (a name or a date counts as one unit).</summary>
    public bool HasCueAfter(int end, int clauseEnd, int window, CueClass cue)
    {
        var k = end;
        for (var units = 0; units < window && k < clauseEnd; units++)
        {
            if (!OtherCueCovers(k, cue) && CueStartsAt(k, cue))
            {
                return true;
            }

            k = ReferentAt[k] >= 0 ? Math.Max(k + 1, Referents[ReferentAt[k]].End) : _dateAt[k] >= 0 ? Math.Max(k + 1, Dates[_dateAt[k]].EndToken) : k + 1;
        }

        return false;
    }

    /// <summary>Whether a longer cue of another class covers the token ("invitation" inside "à l'invitation de").</summary>
    private bool OtherCueCovers(int k, CueClass cue) => _covered[k] && _coveringCue[k] != cue;

    /// <summary>A French adverb in -ment (longuement, brièvement) that may stand inside a verb group.</summary>
    public bool IsMentAdverb(int k)
    {
        if ((uint)k >= (uint)View.Count || ReferentAt[k] >= 0 || View.Tokens[k].Kind != TokenKind.Word || View.IsCapitalized(k))
        {
            return false;
        }

        var span = View.Tokens[k].Span;
        return span.Length > 5 && span.EndsWith("ment", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether only names, places, dates, function words, cue words and punctuation stand between two tokens: a
    /// phrase after them still describes the noun at <paramref name="from"/> ("Un entretien ... a eu lieu jeudi à
    /// Djeddah, portant sur ...").
    /// </summary>
    public bool OnlyCircumstancesBetween(int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (ReferentAt[k] >= 0)
            {
                k = Referents[ReferentAt[k]].End - 1;
                continue;
            }

            if (_dateAt[k] >= 0)
            {
                k = Dates[_dateAt[k]].EndToken - 1;
                continue;
            }

            if (_cueLength[k] > 0)
            {
                k += _cueLength[k] - 1;
                continue;
            }

            if (View.ClassLengths[k] > 0)
            {
                k += View.ClassLengths[k] - 1;
                continue;
            }

            if (View.Tokens[k].Kind is TokenKind.Punctuation || IsMentAdverb(k))
            {
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>Whether the clause of a mention is the que-clause of a denial ("a démenti que", "exclut que").</summary>
    public bool GovernedByDenial(MeetingMention mention)
    {
        var start = mention.ClauseStart;
        var que = start - 1;
        if (que < 0 || (View.Classes[que] & WordClass.Subordinator) == 0)
        {
            var phrase = PhraseStartEndingAt(start);
            if (phrase == start || (View.Classes[phrase] & WordClass.Subordinator) == 0)
            {
                // "les informations selon lesquelles X aurait rencontré Y", qualified as false: the relative clause is
                // the content of the report a denial governs.
                if (phrase == start || (View.Classes[phrase] & WordClass.Relative) == 0 || (ClassesEndingAt(phrase) & WordClass.Source) == 0)
                {
                    return false;
                }

                phrase = PhraseStartEndingAt(phrase);
            }

            que = phrase;
        }

        var sentenceStart = View.Sentences[mention.Sentence].FirstToken;
        return HasCueBefore(que, sentenceStart, 5, CueClass.Cancel);
    }

    /// <summary>Whether a noun opens its clause as its subject ("La visite du président ..., a été reportée").</summary>
    public bool IsSubjectNoun(MeetingMention mention)
    {
        var start = PhraseStartEndingAt(mention.TriggerStart);
        if ((ClassesEndingAt(mention.TriggerStart) & WordClass.Preposition) != 0)
        {
            return false;
        }

        // "Selon l'agence X, une rencontre entre ... n'aura pas lieu": the source phrase fronted before the subject.
        return start == mention.ClauseStart
            || (start > mention.ClauseStart && View.IsComma(start - 1) && (View.Classes[mention.ClauseStart] & WordClass.Source) != 0 && !HasCommaBetween(mention.ClauseStart, start - 1));
    }


    private bool HasCommaBetween(int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (View.IsComma(k))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the noun phrase at <paramref name="start"/> (after a comma) continues a list: it opens with a determiner
    /// and a later item is coordinated by "et" with its own determiner, before any clause break or meeting verb.
    /// </summary>
    private bool IsNounPhraseList(int start, int limit)
    {
        if ((View.Classes[start] & WordClass.Determiner) == 0 || View.ClassLengths[start] == 0)
        {
            return false;
        }

        for (var t = start + 1; t < limit - 1; t++)
        {
            if (View.IsClauseBreak(t) || IsDash(t) || (View.Classes[t] & (WordClass.Subordinator | WordClass.Relative | WordClass.Source)) != 0)
            {
                return false;
            }

            if (ReferentAt[t] < 0 && _lexicons.Events.Triggers.CanStartWith(View.Ids[t]) && _lexicons.Events.Triggers.Longest(View.Ids, t, tr => tr.IsVerb, out _) > 0)
            {
                return false;
            }

            if ((View.Classes[t] & WordClass.Coord) != 0 && View.ClassLengths[t] == 1)
            {
                return (View.Classes[t + 1] & WordClass.Determiner) != 0 && View.ClassLengths[t + 1] > 0;
            }
        }

        return false;
    }

    /// <summary>A number just before a plural noun: "sept rencontres", "deux visites".</summary>
    public bool NumberBefore(int k)
    {
        for (var back = 1; back <= 2 && k - back >= 0; back++)
        {
            var token = View.Tokens[k - back];
            if (token.Kind == TokenKind.Number || _lexicons.Events.Dates.Longest(View.Ids, k - back, w => w.Kind == DateWordKind.Number, out _) == 1)
            {
                return (View.Classes[k - back] & WordClass.Pair) == 0 && (ClassesEndingAt(k - back + 1) & WordClass.Pair) == 0;
            }
        }

        return false;
    }

    /// <summary>
    /// The topic after a cue: a noun phrase up to the end of the clause, or to a comma that does not continue it
    /// (", à savoir", ", notamment" continue it).
    /// </summary>
    public (int Start, int End)? TopicSpan(int start, bool skipPreposition, bool requirePreposition = false)
    {
        if (start >= View.Count)
        {
            return null;
        }

        var sentence = View.Sentences[View.SentenceOf[start]];
        var k = start;
        if (skipPreposition || requirePreposition)
        {
            if ((View.Classes[k] & WordClass.De) != 0 && View.ClassLengths[k] > 0)
            {
                // "du sort de ..." -> "sort de ...", "de la paix" -> "la paix", "d'une base" -> "une base".
                k++;
                if (k < View.Count && View.Tokens[k].Kind == TokenKind.Punctuation && View.Tokens[k].Span is "'" or "’" or "`")
                {
                    k++;
                }
            }
            else if (requirePreposition)
            {
                return null;
            }
        }

        var end = k;
        var inList = false;
        var limit = Math.Min(Math.Min(sentence.EndToken, View.Count), k + 45);
        for (var t = k; t < limit; t++)
        {
            if (View.IsClauseBreak(t) || IsDash(t))
            {
                break;
            }

            if (View.IsComma(t))
            {
                // ", à savoir ...", ", notamment ...", and every comma of a list opened by "tels que", "comme" ...
                var next = t + 1;
                if (next < limit && ((View.Classes[next] & WordClass.Enumeration) != 0 || inList))
                {
                    continue;
                }

                // "sur la dette, les infrastructures ... et la coopération ...": a list of noun phrases closed by "et".
                if (next < limit && IsNounPhraseList(next, limit))
                {
                    inList = true;
                    continue;
                }

                break;
            }

            if ((View.Classes[t] & WordClass.Enumeration) != 0 && View.ClassLengths[t] > 0)
            {
                inList = true;
            }

            if (t > k && (View.Classes[t] & (WordClass.Subordinator | WordClass.Source)) != 0 && (View.Classes[t] & (WordClass.Relative | WordClass.Enumeration)) == 0)
            {
                break;
            }

            // "Les négociations entre X et Y sur le barrage ont repris mardi": an auxiliary not after a determiner
            // ("dans l'est du pays") starts the clause's verb, after the topic.
            if (t > k && ReferentAt[t] < 0 && (View.Classes[t] & WordClass.Auxiliary) != 0 && View.ClassLengths[t] == 1
                && (ClassesEndingAt(t) & WordClass.Determiner) == 0)
            {
                break;
            }

            if (t > k && ReferentAt[t] < 0 && _lexicons.Events.Triggers.CanStartWith(View.Ids[t]) && _lexicons.Events.Triggers.Longest(View.Ids, t, tr => tr.IsVerb, out _) > 0
                && (ClassesEndingAt(t) & WordClass.Determiner) == 0)
            {
                break;
            }

            if (View.Tokens[t].Kind is not (TokenKind.Punctuation or TokenKind.Symbol) || View.Tokens[t].Span is "\"" or "«" or "»" or "’" or "'" or "(" or ")" or "-")
            {
                end = t + 1;
            }
        }

        // Trailing quotes or brackets belong to the sentence, not the topic.
        while (end > k && View.Tokens[end - 1].Kind == TokenKind.Punctuation && View.Tokens[end - 1].Span is "\"" or "«" or "»" or "(" or "-")
        {
            end--;
        }

        // A topic is a noun phrase: a lone punctuation mark or function word is none.
        if (end <= k || (end - k == 1 && (View.Tokens[k].Kind == TokenKind.Punctuation || View.ClassLengths[k] > 0)))
        {
            return null;
        }

        return (View.Tokens[k].Start, View.Tokens[end - 1].End);
    }

    public int TokenAtOrAfterChar(int position)
    {
        var lo = 0;
        var hi = View.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (View.Tokens[mid].Start < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The date of a mention: the nearest date expression in its clause, else in its sentence near the trigger.</summary>
    public DateExpression? DateFor(MeetingMention mention)
    {
        DateExpression? best = null;
        var bestDistance = int.MaxValue;
        foreach (var date in DatesOfSentence(mention.Sentence))
        {
            if (date.EndToken <= mention.ClauseStart - 12 || date.StartToken >= mention.ClauseEnd + 12)
            {
                continue;
            }

            if (ReferenceEquals(date, DatelineDate))
            {
                continue;
            }

            var inClause = date.StartToken >= mention.ClauseStart && date.EndToken <= mention.ClauseEnd;
            var sameSentence = View.SentenceOf[date.StartToken] == mention.Sentence;
            if (!sameSentence)
            {
                continue;
            }

            var distance = date.EndToken <= mention.TriggerStart ? mention.TriggerStart - date.EndToken : date.StartToken - mention.TriggerEnd;
            if (!inClause)
            {
                distance += 20;
                if (distance > 30)
                {
                    continue;
                }
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = date;
            }
        }

        return best;
    }

    /// <summary>
    /// Negation of the statement: "n'a pas rencontré", "ne se rendra pas", "sans rencontrer", "aucune rencontre",
    /// "pas de rencontre".
    /// </summary>
    public bool IsNegated(MeetingMention mention)
    {
        var t = mention.TriggerStart;
        if (mention.Trigger.IsVerb)
        {
            var ne = false;
            for (var k = Math.Max(mention.ClauseStart, t - 5); k < t; k++)
            {
                if ((View.Classes[k] & WordClass.NegNe) != 0)
                {
                    ne = true;
                }

                if ((View.Classes[k] & WordClass.Without) != 0 && t - k <= 3)
                {
                    return true;
                }
            }

            if (!ne)
            {
                return false;
            }

            // "pas"/"jamais" between ne and the verb, or right after the verb.
            for (var k = Math.Max(mention.ClauseStart, t - 4); k < Math.Min(mention.ClauseEnd, mention.TriggerEnd + 2); k++)
            {
                if (k >= t && k < mention.TriggerEnd)
                {
                    continue;
                }

                if ((View.Classes[k] & (WordClass.NegAdv | WordClass.NegDet)) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        var before = ClassesEndingAt(t);
        if ((before & (WordClass.NegDet | WordClass.Without)) != 0)
        {
            return true;
        }

        // "pas de rencontre", "jamais de visite", "aucune nouvelle rencontre"
        var start = PhraseStartEndingAt(t);
        if ((before & WordClass.De) != 0 && start > 0 && (View.Classes[start - 1] & WordClass.NegAdv) != 0)
        {
            return true;
        }

        return t >= 2 && (ClassesEndingAt(t - 1) & WordClass.NegDet) != 0 && !View.IsCapitalized(t - 1);
    }

    /// <summary>Status of a verb mention from its tense, auxiliary and governing verb.</summary>
    public EventStatus VerbStatus(MeetingMention mention, out bool hedged)
    {
        hedged = false;
        var tense = mention.Trigger.Tense;
        var k = mention.TriggerStart;

        // Walk back over adverbs, negation, clitics and "été" to the auxiliary or the governing verb.
        for (var steps = 0; steps < 5 && k > mention.ClauseStart; steps++)
        {
            if (IsMentAdverb(k - 1))
            {
                k--;
                continue;
            }

            var classes = ClassesEndingAt(k);
            if ((classes & WordClass.Aller) != 0 && tense == VerbTense.Infinitive)
            {
                return EventStatus.Planned;
            }

            if ((classes & WordClass.Auxiliary) != 0 && (classes & WordClass.TParticiple) == 0 && tense == VerbTense.PastParticiple)
            {
                if ((classes & WordClass.TImperfect) != 0 || (classes & WordClass.TSimplePast) != 0)
                {
                    mention.Pluperfect = true;
                    return EventStatus.Past;
                }

                if ((classes & WordClass.TFuture) != 0)
                {
                    return EventStatus.Planned;
                }

                if ((classes & WordClass.TConditional) != 0)
                {
                    hedged = true;
                    return EventStatus.Reported;
                }

                if ((classes & WordClass.TInfinitive) != 0)
                {
                    return IsModalCue(PhraseStartEndingAt(PhraseStartEndingAt(k))) ? EventStatus.Planned : EventStatus.Reported;
                }

                return EventStatus.Reported;
            }

            if ((classes & (WordClass.Adverb | WordClass.NegAdv | WordClass.NegNe | WordClass.Reflexive | WordClass.Auxiliary | WordClass.SubjectPronoun)) == 0)
            {
                break;
            }

            k = PhraseStartEndingAt(k);
        }

        mention.SimplePresent = tense == VerbTense.Present;
        return tense switch
        {
            VerbTense.Future or VerbTense.Conditional or VerbTense.Subjunctive => EventStatus.Planned,
            VerbTense.Imperfect => EventStatus.Past,
            VerbTense.Infinitive => EventStatus.Planned,
            _ => EventStatus.Reported,
        };
    }

    /// <summary>Status of a noun mention from the verbs of its clause (a eu lieu, aura lieu, effectuera).</summary>
    public EventStatus NounStatus(MeetingMention mention, out bool hedged)
    {
        hedged = false;
        var best = int.MaxValue;
        var status = EventStatus.Reported;
        // A noun opening its clause ("Une rencontre entre X et Y a eu lieu", "La prochaine rencontre ... aura lieu") is
        // the subject: its verb comes after its complements, however long they are, so distance counts from there.
        var subjectComplementEnd = mention.TriggerStart - mention.ClauseStart <= 2 && mention.ComplementEnd > mention.TriggerEnd
            ? mention.ComplementEnd
            : mention.TriggerEnd;
        for (var k = mention.ClauseStart; k < mention.ClauseEnd; k++)
        {
            if (k >= mention.TriggerStart && k < mention.TriggerEnd)
            {
                continue;
            }

            var distance = k < mention.TriggerStart ? mention.TriggerStart - k
                : k >= subjectComplementEnd ? k - subjectComplementEnd
                : k - mention.TriggerEnd;
            if (distance >= best || distance > 8)
            {
                continue;
            }

            var classes = View.Classes[k];
            EventStatus? found = null;
            if ((classes & WordClass.TParticiple) != 0 && View.ClassLengths[k] == 1)
            {
                continue; // "eu", "été": the auxiliary before them decides ("avaient eu un entretien")
            }

            if ((classes & (WordClass.Auxiliary | WordClass.Aller)) != 0 && View.ClassLengths[k] == 1)
            {
                mention.SimplePresent = (classes & WordClass.TPresent) != 0 && !FollowedByParticiple(k);
                found = (classes & (WordClass.TFuture | WordClass.Aller)) != 0 ? EventStatus.Planned
                    : (classes & (WordClass.TImperfect | WordClass.TSimplePast)) != 0 ? EventStatus.Past
                    : EventStatus.Reported;
                if ((classes & WordClass.TConditional) != 0)
                {
                    hedged = true;
                    found = FollowedByParticiple(k) ? EventStatus.Reported : EventStatus.Planned;
                }
            }
            else if (_lexicons.Events.LightVerbs.Longest(View.Ids, k, out var forms) == 1)
            {
                // Spelling decides between readings merged by folding (accorde / accordé).
                var written = TokenNormalizer.Normalize(View.Tokens[k].Span);
                var reading = forms.FirstOrDefault(f => f.Form == written)
                    ?? forms.FirstOrDefault(f => (f.Tense == VerbTense.PastParticiple) == ((ClassesEndingAt(k) & WordClass.Auxiliary) != 0))
                    ?? forms[0];
                var tense = reading.Tense;
                found = tense switch
                {
                    VerbTense.Future or VerbTense.Conditional or VerbTense.Subjunctive or VerbTense.Infinitive => EventStatus.Planned,
                    VerbTense.Imperfect => EventStatus.Past,
                    VerbTense.PastParticiple when (ClassesEndingAt(k) & WordClass.Auxiliary) != 0 => null, // the auxiliary decides
                    _ => EventStatus.Reported,
                };
                if (found is not null)
                {
                    mention.SimplePresent = tense == VerbTense.Present;
                }
            }

            if (found is { } value)
            {
                best = distance;
                status = value;
            }
        }

        return status;
    }

    private bool FollowedByParticiple(int k)
    {
        var next = k + 1;
        return next < View.Count && (_lexicons.Events.LightVerbs.Longest(View.Ids, next, v => v.Tense == VerbTense.PastParticiple, out _) == 1
            || (View.Classes[next] & WordClass.TParticiple) != 0
            || (_lexicons.Events.Triggers.Longest(View.Ids, next, t => t.IsVerb && t.Tense == VerbTense.PastParticiple, out _) == 1));
    }

    private bool IsDash(int k)
    {
        if ((uint)k >= (uint)View.Count)
        {
            return false;
        }

        var span = View.Tokens[k].Span;
        if (span.Length != 1 || span[0] is not ('-' or '\u2013' or '\u2014'))
        {
            return false;
        }

        // A dash standing alone between spaces, not a hyphen inside a word.
        var token = View.Tokens[k];
        var text = View.Text;
        return (token.Start == 0 || char.IsWhiteSpace(text[token.Start - 1])) && (token.End >= text.Length || char.IsWhiteSpace(text[token.End]));
    }

    /// <summary>"Dakar, le 24 octobre 2022 - ...", "MOSCOU (AFP) - ...": the place and date of the news.</summary>
    private void FindDateline()
    {
        for (var s = 0; s < Math.Min(View.Sentences.Length, 6); s++)
        {
            var k = View.Sentences[s].FirstToken;
            if (k >= View.Count || ReferentAt[k] < 0)
            {
                continue;
            }

            var place = Referents[ReferentAt[k]];
            if (place.Type != EntityType.Location || place.Start != k)
            {
                continue;
            }

            var t = place.End;
            DateExpression? date = null;
            if (View.IsComma(t))
            {
                t++;
            }

            if ((View.Classes[t < View.Count ? t : 0] & WordClass.DetDef) != 0 && t < View.Count && View.ClassLengths[t] == 1 && _dateAt.Length > t + 1 && _dateAt[t + 1] >= 0)
            {
                t++;
            }

            if (t < View.Count && _dateAt[t] >= 0)
            {
                date = Dates[_dateAt[t]];
                t = date.EndToken;
            }

            if (View.IsChar(t, '('))
            {
                while (t < View.Count && !View.IsChar(t, ')') && t - place.End < 8)
                {
                    t++;
                }

                t++;
            }

            if (IsDash(t) || View.IsChar(t, '\u2014') || View.IsChar(t, '\u2013'))
            {
                DatelinePlace = place;
                DatelineDate = date;
                _boundary[t] = true;
                return;
            }
        }
    }
}
