using NewsNer.Entities;
using NewsNer.Entities.Linking;
using NewsNer.Events.Lexicons;
using NewsNer.Internal.Lexicons;
using NewsNer.Tokenization;

namespace NewsNer.Events.Reading;

/// <summary>
/// One linked document as the event layer reads it, computed once and then read only: the referents (names with
/// their role descriptions, descriptions alone) and the referent at each token, the date expressions and the resolver
/// that dates them against the publication date, the cue words at each token (every class of every cue, so that a
/// question is one bit test), clause boundaries, the offices of each entity, the dateline. Building it is linear in
/// the document's length; its questions (the clause around a token, the function words before it, a cue near it)
/// look at a bounded neighbourhood. Immutable once built; one instance per document.
/// </summary>
internal sealed class EventDocumentIndex
{
    /// <summary>
    /// The farthest a clause reaches from its trigger, in tokens. French news clauses are far shorter (the longest
    /// clause of the annotated articles is cut by this reach in none of them); a longer run without a boundary is cut here.
    /// </summary>
    public const int ClauseReach = 100;

    private readonly bool[] _boundary;
    private readonly CueClass[] _coveringCue;
    private readonly bool[] _insideCue;
    private readonly uint[] _cueMask;
    private readonly Dictionary<int, HashSet<string>> _functions = [];

    public EventDocumentIndex(LinkingResult linking, DateOnly? publication)
    {
        Linking = linking;
        View = linking.View;
        Lexicons = View.Lexicons;
        Entities = linking.Entities;
        (Referents, ReferentAt) = Referent.Build(linking);
        _boundary = new bool[View.Count];
        Cue = new CueClass[View.Count];
        CueLength = new byte[View.Count];
        _insideCue = new bool[View.Count];
        _cueMask = new uint[View.Count];
        _coveringCue = new CueClass[View.Count];
        Covered = new bool[View.Count];
        Dates = DateFinder.FindAll(View);
        DateAt = Enumerable.Repeat(-1, View.Count).ToArray();
        for (var d = 0; d < Dates.Count; d++)
        {
            for (var t = Dates[d].StartToken; t < Dates[d].EndToken; t++)
            {
                DateAt[t] = d;
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

        (DatelinePlace, DatelineDate) = FindDateline();
        for (var s = 0; s < View.Sentences.Length; s++)
        {
            ReadCues(s);
        }

        Calendar = new DateResolver(publication);
    }

    public LinkingResult Linking { get; }

    public LexicalView View { get; }

    public FrenchLexicons Lexicons { get; }

    public List<Entity> Entities { get; }

    public List<Referent> Referents { get; }

    /// <summary>Referent index covering each token, or -1.</summary>
    public int[] ReferentAt { get; }

    /// <summary>The date expressions, in text order.</summary>
    public List<DateExpression> Dates { get; }

    /// <summary>Date expression index covering each token, or -1.</summary>
    public int[] DateAt { get; }

    /// <summary>Resolves the date expressions against the publication date.</summary>
    public DateResolver Calendar { get; }

    /// <summary>The longest cue starting at each token (meaningful where <see cref="CueLength"/> is not 0).</summary>
    public CueClass[] Cue { get; }

    /// <summary>Length of the longest cue starting at each token, or 0.</summary>
    public byte[] CueLength { get; }

    /// <summary>Whether a longer cue covers each token.</summary>
    public bool[] Covered { get; }

    /// <summary>The place of a dateline ("Dakar, le 24 octobre 2022 - ..."), or null.</summary>
    public Referent? DatelinePlace { get; }

    /// <summary>The date of a dateline, or null.</summary>
    public DateExpression? DatelineDate { get; }

    /// <summary>The date expressions of one sentence (dates are in text order: a binary search finds them).</summary>
    public IEnumerable<DateExpression> DatesOfSentence(int sentence)
    {
        var first = View.Sentences[sentence].FirstToken;
        for (var d = FirstDateFrom(first); d < Dates.Count && View.SentenceOf[Dates[d].StartToken] == sentence; d++)
        {
            yield return Dates[d];
        }
    }

    /// <summary>The date expressions starting in <c>[start, end)</c> (tokens), by binary search.</summary>
    public IEnumerable<DateExpression> DatesBetween(int start, int end)
    {
        for (var d = FirstDateFrom(start); d < Dates.Count && Dates[d].StartToken < end; d++)
        {
            yield return Dates[d];
        }
    }

    private int FirstDateFrom(int token)
    {
        var lo = 0;
        var hi = Dates.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Dates[mid].StartToken < token)
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

    /// <summary>Clause boundaries and cue words of a sentence.</summary>
    private void ReadCues(int s)
    {
        var sentence = View.Sentences[s];
        var end = Math.Min(sentence.EndToken, View.Count);
        var matches = new List<(int Length, CueClass Value)>();
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

            if (Lexicons.Events.Cues.CanStartWith(View.Ids[k]))
            {
                // Every class of every cue starting here, so that later questions are one bit test.
                matches.Clear();
                Lexicons.Events.Cues.AllMatches(View.Ids, k, matches);
                foreach (var (_, value) in matches)
                {
                    _cueMask[k] |= 1u << (int)value;
                }

                var cueLength = Lexicons.Events.Cues.Longest(View.Ids, k, out var cues);
                if (cueLength > 0)
                {
                    Cue[k] = cues[0];
                    CueLength[k] = (byte)Math.Min(cueLength, byte.MaxValue);

                    for (var inside = k + 1; inside < k + cueLength && inside < end; inside++)
                    {
                        if (!Covered[inside])
                        {
                            Covered[inside] = true;
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

    public int SentenceStart(int k) => View.Sentences[View.SentenceOf[k]].FirstToken;

    /// <summary>The clause around <c>[start, end)</c>: from the last boundary before to the next boundary after, within the sentence.</summary>
    public (int Start, int End) Clause(int start, int end)
    {
        // A clause reaches at most ClauseReach tokens on each side: a sentence of thousands of tokens without a
        // boundary (a table flattened into one line) is read in windows, so each trigger costs the same.
        var sentence = View.Sentences[View.SentenceOf[start]];
        var first = Math.Max(sentence.FirstToken, start - ClauseReach);
        var clauseStart = first;
        for (var k = start - 1; k >= first; k--)
        {
            if (_boundary[k] && ReferentAt[k] < 0)
            {
                clauseStart = k + Math.Max(1, (int)View.ClassLengths[k]);
                break;
            }
        }

        var clauseEnd = Math.Min(Math.Min(sentence.EndToken, View.Count), end + ClauseReach);
        for (var k = end; k < clauseEnd; k++)
        {
            if (_boundary[k] && ReferentAt[k] < 0 && DateAt[k] < 0)
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

    public bool CommaBetween(int start, int end)
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

    /// <summary>Start of the function-word phrase that ends just before <paramref name="index"/>, or <paramref name="index"/>.</summary>
    public int PhraseStartEndingAt(int index)
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

    public bool IsModalCue(int k) => (uint)k < (uint)View.Count && CueLength[k] > 0 && Cue[k] == CueClass.Planned;

    public bool InParentheses(int start) => start > 0 && View.IsChar(start - 1, '(');

    /// <summary>Whether the token is a form of a meeting verb or of a verb that carries a meeting noun.</summary>
    public bool IsVerbForm(int k) =>
        (uint)k < (uint)View.Count && ReferentAt[k] < 0
        && (Lexicons.Events.Triggers.Longest(View.Ids, k, t => t.IsVerb, out _) == 1 || Lexicons.Events.LightVerbs.Longest(View.Ids, k, out _) == 1);

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
        length = CueLength[k];
        return Cue[k];
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
    public bool CueStartsAt(int k, CueClass cue) => (_cueMask[k] & (1u << (int)cue)) != 0;

    /// <summary>Length of the longest cue of this class starting at the token.</summary>
    public int LongestCue(int k, CueClass cue)
    {
        var matches = new List<(int Length, CueClass Value)>(4);
        Lexicons.Events.Cues.AllMatches(View.Ids, k, matches);
        var length = 0;
        foreach (var (matchLength, value) in matches)
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

            var matches = new List<(int Length, CueClass Value)>(4);
            Lexicons.Events.Cues.AllMatches(View.Ids, start, matches);
            foreach (var (length, value) in matches)
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
            else if (DateAt[k] >= 0)
            {
                k = Math.Max(clauseStart, Dates[DateAt[k]].StartToken);
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

            k = ReferentAt[k] >= 0 ? Math.Max(k + 1, Referents[ReferentAt[k]].End) : DateAt[k] >= 0 ? Math.Max(k + 1, Dates[DateAt[k]].EndToken) : k + 1;
        }

        return false;
    }

    /// <summary>Whether a longer cue of another class covers the token ("invitation" inside "à l'invitation de").</summary>
    public bool OtherCueCovers(int k, CueClass cue) => Covered[k] && _coveringCue[k] != cue;

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

            if (DateAt[k] >= 0)
            {
                k = Dates[DateAt[k]].EndToken - 1;
                continue;
            }

            if (CueLength[k] > 0)
            {
                k += CueLength[k] - 1;
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


    /// <summary>A number just before a plural noun: "sept rencontres", "deux visites".</summary>
    public bool NumberBefore(int k)
    {
        for (var back = 1; back <= 2 && k - back >= 0; back++)
        {
            var token = View.Tokens[k - back];
            if (token.Kind == TokenKind.Number || Lexicons.Events.Dates.Longest(View.Ids, k - back, w => w.Kind == DateWordKind.Number, out _) == 1)
            {
                return (View.Classes[k - back] & WordClass.Pair) == 0 && (ClassesEndingAt(k - back + 1) & WordClass.Pair) == 0;
            }
        }

        return false;
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

    public bool IsDash(int k)
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

    public int SkipPhrase(int k, int end)
    {
        // A place or date referent, or one word.
        if (k < end && ReferentAt[k] >= 0)
        {
            return Referents[ReferentAt[k]].End;
        }

        if (k < end && DateAt[k] >= 0)
        {
            return Dates[DateAt[k]].EndToken;
        }

        return k + 1;
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

    /// <summary>"Dakar, le 24 octobre 2022 - ...", "MOSCOU (AFP) - ...": the place and date of the news.</summary>
    private (Referent? Place, DateExpression? Date) FindDateline()
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

            if ((View.Classes[t < View.Count ? t : 0] & WordClass.DetDef) != 0 && t < View.Count && View.ClassLengths[t] == 1 && DateAt.Length > t + 1 && DateAt[t + 1] >= 0)
            {
                t++;
            }

            if (t < View.Count && DateAt[t] >= 0)
            {
                date = Dates[DateAt[t]];
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
                _boundary[t] = true;
                return (place, date);
            }
        }

        return (null, null);
    }
}
