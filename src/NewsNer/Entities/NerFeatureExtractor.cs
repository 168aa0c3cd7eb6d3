using System.Buffers;
using System.Runtime.CompilerServices;
using NewsNer.Tokenization;

namespace NewsNer.Entities;

/// <summary>
/// Turns the tokens of one sentence into hashed features, the same code at training and at run time. Features are 64-bit
/// keys (template id mixed with value hashes); nothing is allocated: callers pass scratch spans.
/// </summary>
/// <remarks>
/// Templates: word (as written and lower case), the word without a leading elision (<c>d'Ivoire</c> → <c>Ivoire</c>, so
/// corpora that keep elisions attached teach the same thing as those that split them), prefixes and suffixes 1–4,
/// shape and compressed shape, capitalization × sentence start × "the lower-case form is a common French word",
/// proper-name list membership, neighbours ±2, bigrams, neighbour shapes and capitalization, word clusters (bit-path
/// granularities), gazetteer phrase matches (begin/inside, by category, with capitalization), trigger words around,
/// the first word of the name the token continues (<c>Université du Texas à Austin</c>: <c>Austin</c> continues a name
/// headed by <c>Université</c>) or the trigger word before it (<c>ministère de l'Intérieur</c>), acronyms in
/// parentheses and their expansions (Schwartz &amp; Hearst 2003: <c>Organisation mondiale de la santé (OMS)</c>), the
/// sentence's length and final punctuation (headlines, list items, titles) and whether the token is inside parentheses
/// or quotes.
/// </remarks>
internal sealed class NerFeatureExtractor
{
    /// <summary>Upper bound on the features of one token.</summary>
    public const int MaxFeatures = 112;

    /// <summary>Longest gazetteer phrase, in tokens.</summary>
    public const int MaxPhraseTokens = 8;

    /// <summary>Version of the templates; a model records it and refuses another (see <see cref="CanRead"/>).</summary>
    public const int Version = 3;

    /// <summary>
    /// Whether a model trained with templates of <paramref name="version"/> can be used with these: the same version, or an
    /// earlier one whose features these templates all still produce, unchanged (later versions only add templates, whose
    /// keys such a model simply lacks).
    /// </summary>
    public static bool CanRead(int version) => version == Version || version == 2;

    private const ulong TBias = 1, TWord = 2, TLower = 3, TCoreWord = 4, TPre = 5, TSuf = 9, TShape = 13, TShortShape = 14,
        TCapFirst = 15, TCommon = 16, TProper = 17, TLowerM1 = 18, TLowerP1 = 19, TLowerM2 = 20, TLowerP2 = 21,
        TShapeM1 = 22, TShapeP1 = 23, TShape3 = 24, TBigramM = 25, TBigramP = 26, TCapM1 = 27, TCapP1 = 28,
        TCluster = 29, TClusterM1 = 33, TClusterP1 = 35, TGazB = 37, TGazI = 38, TGazM1 = 39, TGazP1 = 40,
        TTrig = 41, TTrigM1 = 42, TTrigM2 = 43, TTrigP1 = 44, TLength = 45, TWordM1 = 46, TCommonM1 = 47,
        TChunkHead = 48, TChunkTrig = 49, TAcronym = 50, TSentence = 51, TEnclosed = 52,
        TLineBreak = 53, TNameWord = 54, TNameWordM1 = 55, TNameWordM2 = 56, TInstitution = 57, TTailWord = 58, TTailClass = 59;

    // Longest walk back from a lower-case word to the head noun of the institution or place name it may continue.
    private const int MaxInstitutionWalk = 8;

    // Acronym flags (TokenInfo.Acronym).
    private const byte AcronymInParens = 1, AcronymMatched = 2, InExpansion = 4, BeforeParenAcronym = 8;

    // Longest stretch of a name followed back to its first word, in tokens.
    private const int MaxChunkWalk = 8;

    private const ulong Bos = 0x5EEDB05UL, Eos = 0x5EEDE05UL;

    // Gazetteer keys hashed (and prefetched) before they are looked up, at most this many at a time.
    private const int CandidateBatch = 1024;

    private readonly NerLexicons _lexicons;

    public NerFeatureExtractor(NerLexicons lexicons) => _lexicons = lexicons;

    public NerLexicons Lexicons => _lexicons;

    /// <summary>Capitalization class of a token.</summary>
    internal enum Cap : byte
    {
        NoLetter,
        Lower,
        Initial,
        AllCaps,
        Mixed,
    }

    /// <summary>Per-token values computed once and read by the templates of the token and its neighbours.</summary>
    internal struct TokenInfo
    {
        public ulong Word;
        public ulong Lower;
        public ulong CoreWord;
        public ulong CoreLower;
        public ulong Shape;
        public ulong ShortShape;
        public uint Cluster;
        public GazetteerCategory GazBegin;
        public GazetteerCategory GazInside;
        public Cap Cap;
        public TriggerClass Trigger;
        public bool Common;
        public bool Proper;
        public bool Elided;
        public byte Length;

        /// <summary>Lower-case hash of the first word of the name this token continues (0 when it starts none).</summary>
        public ulong ChunkHead;

        /// <summary>Trigger class of that first word, or of the lower-case trigger word right before the name.</summary>
        public TriggerClass ChunkTrigger;

        /// <summary>Whether <see cref="ChunkTrigger"/> comes from a lower-case word before the name.</summary>
        public bool ChunkTriggerBefore;

        /// <summary>Acronym flags: in parentheses, matched to an expansion, inside an expansion, right before one.</summary>
        public byte Acronym;

        /// <summary>1 inside parentheses, 2 inside quotes (both can be set).</summary>
        public byte Enclosed;

        /// <summary>Class in the name-word list (templates version 3).</summary>
        public NameWordClass NameWord;

        /// <summary>1: a line break comes before the token; 2: one comes after it (both can be set).</summary>
        public byte LineBreaks;

        /// <summary>
        /// For a word after a capitalized head noun of an organization or place name (<c>Forces de soutien rapide</c>,
        /// <c>Caisse de dépôt et placement du Québec</c>): the head's trigger class and the distance to it (0: none).
        /// </summary>
        public byte InstitutionDistance;

        public TriggerClass InstitutionClass;

        /// <summary>For a capitalized word: the lower-case hash and name-word class of the last word of its name.</summary>
        public ulong Tail;

        public NameWordClass TailClass;
    }

    /// <summary>
    /// Extracts the features of every token of <paramref name="tokens"/> (one sentence). Token <c>i</c>'s features are
    /// <c>features[(i * MaxFeatures)..(i * MaxFeatures + counts[i])]</c>.
    /// </summary>
    public void Extract(ReadOnlySpan<Token> tokens, Span<TokenInfo> info, Span<ulong> features, Span<int> counts)
    {
        var n = tokens.Length;

        // Hashes first, lexicon lookups after: the word tables are larger than the caches, and a pass of prefetches lets
        // the lookups of a sentence's tokens wait for memory together instead of one after the other.
        for (var i = 0; i < n; i++)
        {
            Describe(tokens[i].Span, ref info[i]);
            _lexicons.PrefetchWord(info[i].CoreLower);
        }

        for (var i = 0; i < n; i++)
        {
            LookUp(ref info[i]);
        }

        MatchPhrases(tokens, info);
        MarkChunks(info[..n]);
        MarkAcronyms(tokens, info);
        MarkEnclosures(tokens, info);
        MarkLineBreaks(tokens, info);
        MarkInstitutions(tokens, info[..n]);
        MarkTails(info[..n]);
        var sentence = SentenceShape(tokens);
        for (var i = 0; i < n; i++)
        {
            counts[i] = Emit(tokens, info, i, features.Slice(i * MaxFeatures, MaxFeatures), sentence);
        }
    }

    private static bool IsNameWord(in TokenInfo t) => t.Cap is Cap.Initial or Cap.AllCaps or Cap.Mixed;

    private static bool IsLink(in TokenInfo t) => t.Cap == Cap.Lower && (t.Trigger & TriggerClass.Link) != 0;

    // For each capitalized word, the first word of the name it continues: walk back over capitalized words and the
    // lower-case words that join names ("de", "des", "van"); a lower-case trigger word where the walk stops
    // ("ministère" in "ministère de l'Intérieur") is remembered too.
    private static void MarkChunks(Span<TokenInfo> info)
    {
        for (var i = 0; i < info.Length; i++)
        {
            ref var t = ref info[i];
            t.ChunkHead = 0;
            t.ChunkTrigger = TriggerClass.None;
            t.ChunkTriggerBefore = false;
            if (!IsNameWord(t))
            {
                continue;
            }

            var head = -1;
            var j = i - 1;
            for (; j >= 0 && i - j <= MaxChunkWalk; j--)
            {
                if (IsNameWord(info[j]))
                {
                    head = j;
                }
                else if (!IsLink(info[j]))
                {
                    break;
                }
            }

            if (head >= 0)
            {
                t.ChunkHead = info[head].Lower;
                t.ChunkTrigger = info[head].Trigger & ~TriggerClass.Link;
            }

            // Skip back over the links right before the name's first word to a lower-case trigger word.
            var k = head >= 0 ? head - 1 : i - 1;
            while (k >= 0 && IsLink(info[k]) && (head >= 0 ? head : i) - k <= 3)
            {
                k--;
            }

            // A noun, adjective, link ("base aérienne de Bagram", "centrale nucléaire de Zaporijia"): the trigger noun
            // is one lower-case word further back.
            var first = head >= 0 ? head : i;
            if (k >= 1 && k < first && k + 1 < first && info[k].Cap == Cap.Lower && (info[k].Trigger & ~TriggerClass.Link) == TriggerClass.None
                && !IsLink(info[k]) && info[k - 1].Cap == Cap.Lower && (info[k - 1].Trigger & ~TriggerClass.Link) != TriggerClass.None)
            {
                k--;
            }

            if (t.ChunkTrigger == TriggerClass.None && k >= 0 && k < first && info[k].Cap == Cap.Lower
                && (info[k].Trigger & ~TriggerClass.Link) != TriggerClass.None)
            {
                t.ChunkTrigger = info[k].Trigger & ~TriggerClass.Link;
                t.ChunkTriggerBefore = true;
            }
        }
    }

    // Line breaks around each token, read in the text between tokens (and before the first, after the last one): a name
    // never runs across one (a byline, then the outlet on the next line), and lines that stand alone are bylines,
    // datelines and headings.
    private static void MarkLineBreaks(ReadOnlySpan<Token> tokens, Span<TokenInfo> info)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            info[i].LineBreaks = 0;
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            var before = BreakBefore(tokens[i]);
            if (before)
            {
                info[i].LineBreaks |= 1;
                if (i > 0)
                {
                    info[i - 1].LineBreaks |= 2;
                }
            }
        }

        if (tokens.Length > 0 && BreakAfter(tokens[^1]))
        {
            info[tokens.Length - 1].LineBreaks |= 2;
        }
    }

    /// <summary>Whether a line break separates a token from the text before it (white space only in between).</summary>
    internal static bool BreakBefore(in Token token)
    {
        var text = token.Source;
        for (var k = token.Start - 1; k >= 0 && char.IsWhiteSpace(text[k]); k--)
        {
            if (text[k] is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085')
            {
                return true;
            }
        }

        return false;
    }

    private static bool BreakAfter(in Token token)
    {
        var text = token.Source;
        for (var k = token.End; k < text.Length && char.IsWhiteSpace(text[k]); k++)
        {
            if (text[k] is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085')
            {
                return true;
            }
        }

        return false;
    }

    // For every word after a capitalized head noun of an organization or place (trigger classes org, loc), within the
    // same stretch of words (no punctuation but apostrophes and hyphens in between): the head's class and distance.
    // Lower-case complements ("de soutien rapide", "des chefs d'Etat et de gouvernement") and the names after them
    // ("du Québec") see the head, which the chunk feature (capitalized words and joining words only) does not reach.
    private static void MarkInstitutions(ReadOnlySpan<Token> tokens, Span<TokenInfo> info)
    {
        const TriggerClass Heads = TriggerClass.Organization | TriggerClass.Location;
        for (var i = 0; i < info.Length; i++)
        {
            ref var t = ref info[i];
            t.InstitutionDistance = 0;
            t.InstitutionClass = TriggerClass.None;
            if (t.Cap == Cap.NoLetter)
            {
                continue;
            }

            for (var j = i - 1; j >= 0 && i - j <= MaxInstitutionWalk; j--)
            {
                if (info[j].Cap == Cap.NoLetter || (info[j].LineBreaks & 2) != 0)
                {
                    break;
                }

                if (info[j].Cap is Cap.Initial or Cap.AllCaps && (info[j].Trigger & Heads) != TriggerClass.None)
                {
                    t.InstitutionDistance = (byte)(i - j);
                    t.InstitutionClass = info[j].Trigger & Heads;
                    break;
                }
            }
        }

        _ = tokens;
    }

    // For every capitalized word, the last word of the name it belongs to: forward over capitalized words and joining
    // words to the last capitalized one. English and foreign names end with their kind (Qatar Investment Authority).
    private static void MarkTails(Span<TokenInfo> info)
    {
        for (var i = 0; i < info.Length; i++)
        {
            ref var t = ref info[i];
            t.Tail = 0;
            t.TailClass = NameWordClass.None;
            if (!IsNameWord(t))
            {
                continue;
            }

            var last = i;
            for (var j = i + 1; j < info.Length && j - i <= MaxChunkWalk; j++)
            {
                if ((info[j - 1].LineBreaks & 2) != 0)
                {
                    break;
                }

                if (IsNameWord(info[j]))
                {
                    last = j;
                }
                else if (!IsLink(info[j]))
                {
                    break;
                }
            }

            t.Tail = info[last].Lower;
            t.TailClass = info[last].NameWord & (NameWordClass.OrganizationTail | NameWordClass.LocationTail);
        }
    }

    private static bool IsToken(ReadOnlySpan<char> s, char c) => s.Length == 1 && s[0] == c;

    private static bool IsAcronym(ReadOnlySpan<char> s)
    {
        int upper = 0, letters = 0;
        foreach (var c in s)
        {
            if (char.IsUpper(c))
            {
                upper++;
            }

            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (c is not '.' and not '-' and not '&' && !char.IsDigit(c))
            {
                return false;
            }
        }

        return upper >= 2 && letters <= 10 && upper * 2 >= letters;
    }

    // Acronyms in parentheses and their expansions, both orders: "Organisation mondiale de la santé ( OMS )" and
    // "OMS ( Organisation mondiale de la santé )". An expansion is found as in Schwartz & Hearst (2003): the acronym's
    // letters, right to left, in the words before it, the first letter starting a word.
    private static void MarkAcronyms(ReadOnlySpan<Token> tokens, Span<TokenInfo> info)
    {
        var n = tokens.Length;
        for (var i = 0; i < n; i++)
        {
            info[i].Acronym = 0;
        }

        for (var p = 0; p + 2 < n; p++)
        {
            if (!IsToken(tokens[p].Span, '('))
            {
                continue;
            }

            var close = -1;
            for (var q = p + 1; q < n && q - p <= 12; q++)
            {
                if (IsToken(tokens[q].Span, ')'))
                {
                    close = q;
                    break;
                }
            }

            if (close < 0)
            {
                continue;
            }

            if (close == p + 2 && IsAcronym(tokens[p + 1].Span))
            {
                // "Expansion ( ACR )".
                info[p + 1].Acronym |= AcronymInParens;
                if (p > 0)
                {
                    info[p - 1].Acronym |= BeforeParenAcronym;
                }

                var start = ExpansionStart(tokens, p + 1, Math.Max(0, p - 12), p);
                if (start >= 0)
                {
                    info[p + 1].Acronym |= AcronymMatched;
                    for (var k = start; k < p; k++)
                    {
                        info[k].Acronym |= InExpansion;
                    }
                }
            }
            else if (p > 0 && close > p + 2 && IsAcronym(tokens[p - 1].Span) && ExpansionStart(tokens, p - 1, p + 1, close) == p + 1)
            {
                // "ACR ( Expansion )".
                info[p - 1].Acronym |= AcronymMatched;
                for (var k = p + 1; k < close; k++)
                {
                    info[k].Acronym |= InExpansion;
                }
            }
        }
    }

    // First token of the expansion of the acronym tokens[acronym] among tokens [from, to), or −1.
    private static int ExpansionStart(ReadOnlySpan<Token> tokens, int acronym, int from, int to)
    {
        var letters = tokens[acronym].Span;
        var a = letters.Length - 1;
        var t = to - 1;
        var c = t >= from ? tokens[t].Length - 1 : -1;
        while (a >= 0)
        {
            var want = char.ToLowerInvariant(letters[a]);
            if (!char.IsLetterOrDigit(want))
            {
                a--;
                continue;
            }

            var isFirst = true;
            for (var k = a - 1; k >= 0; k--)
            {
                if (char.IsLetterOrDigit(letters[k]))
                {
                    isFirst = false;
                    break;
                }
            }

            // Find want at or before (t, c); the acronym's first letter must start a word.
            var found = false;
            while (t >= from)
            {
                var word = tokens[t].Span;
                for (; c >= 0; c--)
                {
                    if (char.ToLowerInvariant(word[c]) == want && (!isFirst || c == 0 || !char.IsLetterOrDigit(word[c - 1])))
                    {
                        found = true;
                        break;
                    }
                }

                if (found)
                {
                    break;
                }

                t--;
                c = t >= from ? tokens[t].Length - 1 : -1;
            }

            if (!found)
            {
                return -1;
            }

            c--;
            a--;
        }

        return t;
    }

    // Inside parentheses (1) or quotes (2), within the sentence; the brackets themselves count as outside.
    private static void MarkEnclosures(ReadOnlySpan<Token> tokens, Span<TokenInfo> info)
    {
        var parens = 0;
        var guillemets = 0;
        var straight = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var s = tokens[i].Span;
            var opens = 0;
            if (s.Length == 1)
            {
                switch (s[0])
                {
                    case ')': parens = Math.Max(0, parens - 1); break;
                    case '»' or '\u201D': guillemets = Math.Max(0, guillemets - 1); break;
                    case '(': opens = 1; break;
                    case '«' or '\u201C': opens = 2; break;
                }
            }

            var toggle = s is "\"" or "''" or "``";
            if (toggle && straight)
            {
                straight = false;
                toggle = false;
            }

            info[i].Enclosed = (byte)((parens > 0 ? 1 : 0) | (guillemets > 0 || straight ? 2 : 0));
            straight |= toggle;
            parens += opens == 1 ? 1 : 0;
            guillemets += opens == 2 ? 1 : 0;
        }
    }

    // Sentence length bucket (1, 2, 3, 4–5, 6–9, 10–19, 20+ tokens) and whether it ends with . ! ? … (list items,
    // titles and headlines do not).
    private static ulong SentenceShape(ReadOnlySpan<Token> tokens)
    {
        var n = tokens.Length;
        var bucket = n switch { <= 3 => n, <= 5 => 4, <= 9 => 5, <= 19 => 6, _ => 7 };
        var last = n > 0 ? tokens[n - 1].Span : default;
        var closed = last.Length > 0 && last[^1] is '.' or '!' or '?' or '…' ? 1 : 0;
        return (ulong)((bucket << 1) | closed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char FoldCase(char c) => FeatureHash.Fold(c);

    private static char ShapeOf(char c) =>
        char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'x' : FoldCase(c);

    // Length of a leading elision (l', d', qu', jusqu', lorsqu', puisqu') when letters follow it; 0 otherwise.
    private static int ElisionLength(ReadOnlySpan<char> s)
    {
        var limit = Math.Min(s.Length - 1, 8);
        for (var k = 1; k < limit; k++)
        {
            var c = s[k];
            if (FoldCase(c) == '\'')
            {
                return char.IsLetter(s[k + 1]) && IsLetters(s[..k]) ? k + 1 : 0;
            }

            if (!char.IsLetter(c))
            {
                return 0;
            }
        }

        return 0;
    }

    private static bool IsLetters(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static Cap CapOf(ReadOnlySpan<char> s)
    {
        int upper = 0, lower = 0;
        foreach (var c in s)
        {
            if (char.IsUpper(c))
            {
                upper++;
            }
            else if (char.IsLetter(c))
            {
                lower++;
            }
        }

        if (upper + lower == 0)
        {
            return Cap.NoLetter;
        }

        if (upper == 0)
        {
            return Cap.Lower;
        }

        if (lower == 0)
        {
            return upper > 1 ? Cap.AllCaps : Cap.Initial;
        }

        return char.IsUpper(s[0]) && upper == 1 ? Cap.Initial : Cap.Mixed;
    }

    private void Describe(ReadOnlySpan<char> s, ref TokenInfo t)
    {
        ulong word = FeatureHash.Seed, lower = FeatureHash.Seed, shape = FeatureHash.Seed, shortShape = FeatureHash.Seed;
        var last = '\0';
        for (var k = 0; k < s.Length; k++)
        {
            var c = s[k];
            word = FeatureHash.Add(word, FoldCase(c));
            lower = FeatureHash.Add(lower, TokenNormalizer.NormalizeChar(c));
            var sc = ShapeOf(c);
            if (k < 12)
            {
                shape = FeatureHash.Add(shape, sc);
            }

            if (sc != last)
            {
                shortShape = FeatureHash.Add(shortShape, sc);
                last = sc;
            }
        }

        t.Word = word;
        t.Lower = lower;
        t.Shape = s.Length > 12 ? FeatureHash.Add(shape, '+') : shape;
        t.ShortShape = shortShape;
        t.Length = (byte)Math.Min(s.Length, 255);

        var elision = ElisionLength(s);
        var core = s[elision..];
        t.Elided = elision > 0;
        if (t.Elided)
        {
            t.CoreWord = FeatureHash.OfFolded(core);
            t.CoreLower = FeatureHash.OfNormalized(core);
        }
        else
        {
            t.CoreWord = word;
            t.CoreLower = lower;
        }

        t.Cap = CapOf(core);
        t.GazBegin = GazetteerCategory.None;
        t.GazInside = GazetteerCategory.None;
    }

    // The lexicon values of a described token.
    private void LookUp(ref TokenInfo t)
    {
        t.Common = t.Cap != Cap.NoLetter && _lexicons.IsCommonWord(t.CoreLower);
        t.Proper = t.Cap is Cap.Initial or Cap.AllCaps or Cap.Mixed && _lexicons.IsProperName(t.CoreWord);
        t.Cluster = _lexicons.Cluster(t.CoreLower);
        t.Trigger = _lexicons.Trigger(t.Lower);
        t.NameWord = _lexicons.NameWord(t.Lower);
    }

    // Gazetteer phrases are keyed by their letters and digits only, lower-cased, so "Côte d'Ivoire", "Côte d ' Ivoire"
    // and "Côte-d'Ivoire" all match one entry whatever the tokenization. Each token's keyed characters are extracted once
    // (the phrase loop reads every token up to MaxPhraseTokens times).
    private void MatchPhrases(ReadOnlySpan<Token> tokens, Span<TokenInfo> info)
    {
        var n = tokens.Length;
        var total = 0;
        foreach (var token in tokens)
        {
            total += token.Length;
        }

        var keyed = ArrayPool<char>.Shared.Rent(Math.Max(total, 1));
        var starts = ArrayPool<int>.Shared.Rent(n + 1);
        var candidates = ArrayPool<(ulong Key, int First, int Last)>.Shared.Rent(Math.Min(n * MaxPhraseTokens, CandidateBatch));
        try
        {
            var length = 0;
            for (var k = 0; k < n; k++)
            {
                starts[k] = length;
                foreach (var c in tokens[k].Span)
                {
                    if (char.IsLetterOrDigit(c))
                    {
                        keyed[length++] = TokenNormalizer.NormalizeChar(c);
                    }
                }
            }

            starts[n] = length;

            // Candidate keys first (with a prefetch of their slot), lookups after, so that the lookups overlap.
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                if (info[i].Cap == Cap.NoLetter)
                {
                    continue;
                }

                var h = FeatureHash.Seed;
                var letters = 0;
                var end = Math.Min(n, i + MaxPhraseTokens);
                for (var j = i; j < end; j++)
                {
                    var added = starts[j + 1] - starts[j];
                    if (added == 0)
                    {
                        if (j == i || tokens[j].Length > 1)
                        {
                            break;
                        }

                        continue;
                    }

                    foreach (var c in keyed.AsSpan(starts[j], added))
                    {
                        h = FeatureHash.Add(h, c);
                    }

                    letters += added;
                    if (letters < 2)
                    {
                        continue;
                    }

                    _lexicons.PrefetchPhrase(h);
                    candidates[count++] = (h, i, j);
                    if (count == candidates.Length)
                    {
                        LookUpPhrases(candidates.AsSpan(0, count), info);
                        count = 0;
                    }
                }
            }

            LookUpPhrases(candidates.AsSpan(0, count), info);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(keyed);
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<(ulong Key, int First, int Last)>.Shared.Return(candidates);
        }
    }

    /// <summary>The gazetteer key of a phrase: its letters and digits, normalized (as <see cref="Extract"/> keys them).</summary>
    internal static ulong PhraseKey(ReadOnlySpan<char> phrase)
    {
        var h = FeatureHash.Seed;
        foreach (var c in phrase)
        {
            if (char.IsLetterOrDigit(c))
            {
                h = FeatureHash.Add(h, TokenNormalizer.NormalizeChar(c));
            }
        }

        return h;
    }

    private void LookUpPhrases(ReadOnlySpan<(ulong Key, int First, int Last)> candidates, Span<TokenInfo> info)
    {
        foreach (var (key, first, last) in candidates)
        {
            var category = _lexicons.Phrase(key);
            if (category == GazetteerCategory.None)
            {
                continue;
            }

            info[first].GazBegin |= category;
            for (var k = first + 1; k <= last; k++)
            {
                info[k].GazInside |= category;
            }
        }
    }

    private int Emit(ReadOnlySpan<Token> tokens, ReadOnlySpan<TokenInfo> info, int i, Span<ulong> f, ulong sentence)
    {
        var n = tokens.Length;
        ref readonly var t = ref info[i];
        var first = i == 0 ? 1UL : 0UL;
        var cap = (ulong)t.Cap;
        var c = 0;
        f[c++] = FeatureHash.Mix(0, TBias);
        f[c++] = FeatureHash.Mix(t.Word, TWord);
        f[c++] = FeatureHash.Mix(t.Lower, TLower);
        if (t.Elided)
        {
            f[c++] = FeatureHash.Mix(t.CoreWord, TCoreWord);
        }

        // Prefixes and suffixes (lower case) of the word without elision.
        var span = tokens[i].Span;
        var core = t.Elided ? span[ElisionLength(span)..] : span;
        var p = FeatureHash.Seed;
        for (var k = 0; k < 4 && k < core.Length; k++)
        {
            p = FeatureHash.Add(p, TokenNormalizer.NormalizeChar(core[k]));
            if (k < core.Length - 1)
            {
                f[c++] = FeatureHash.Mix(p, TPre + (ulong)k);
            }
        }

        for (var k = 1; k <= 4 && k < core.Length; k++)
        {
            var s = FeatureHash.Seed;
            for (var m = core.Length - k; m < core.Length; m++)
            {
                s = FeatureHash.Add(s, TokenNormalizer.NormalizeChar(core[m]));
            }

            f[c++] = FeatureHash.Mix(s, TSuf + (ulong)(k - 1));
        }

        f[c++] = FeatureHash.Mix(t.Shape, TShape);
        f[c++] = FeatureHash.Mix(t.ShortShape, TShortShape);
        f[c++] = FeatureHash.Mix((cap << 1) | first, TCapFirst);
        f[c++] = FeatureHash.Mix((cap << 2) | (first << 1) | (t.Common ? 1UL : 0UL), TCommon);
        if (t.Proper)
        {
            f[c++] = FeatureHash.Mix(cap, TProper);
        }

        f[c++] = FeatureHash.Mix((ulong)Math.Min((int)t.Length, 12), TLength);

        var prev = i > 0 ? info[i - 1].Lower : Bos;
        var next = i + 1 < n ? info[i + 1].Lower : Eos;
        f[c++] = FeatureHash.Mix(prev, TLowerM1);
        f[c++] = FeatureHash.Mix(next, TLowerP1);
        f[c++] = FeatureHash.Mix(i > 1 ? info[i - 2].Lower : Bos, TLowerM2);
        f[c++] = FeatureHash.Mix(i + 2 < n ? info[i + 2].Lower : Eos, TLowerP2);
        f[c++] = FeatureHash.Mix(i > 0 ? info[i - 1].Word : Bos, TWordM1);
        f[c++] = FeatureHash.Mix(prev, t.Lower, TBigramM);
        f[c++] = FeatureHash.Mix(t.Lower, next, TBigramP);

        var shapePrev = i > 0 ? info[i - 1].ShortShape : Bos;
        var shapeNext = i + 1 < n ? info[i + 1].ShortShape : Eos;
        f[c++] = FeatureHash.Mix(shapePrev, TShapeM1);
        f[c++] = FeatureHash.Mix(shapeNext, TShapeP1);
        f[c++] = FeatureHash.Mix(shapePrev, FeatureHash.Mix(t.ShortShape, shapeNext), TShape3);
        var capPrev = i > 0 ? (ulong)info[i - 1].Cap : 7UL;
        var capNext = i + 1 < n ? (ulong)info[i + 1].Cap : 7UL;
        f[c++] = FeatureHash.Mix((capPrev << 4) | cap, TCapM1);
        f[c++] = FeatureHash.Mix((cap << 4) | capNext, TCapP1);
        if (i > 0)
        {
            f[c++] = FeatureHash.Mix(((ulong)info[i - 1].Cap << 1) | (info[i - 1].Common ? 1UL : 0UL), TCommonM1);
        }

        if (_lexicons.HasClusters)
        {
            c = EmitCluster(f, c, t.Cluster, TCluster, 3);
            c = EmitCluster(f, c, i > 0 ? info[i - 1].Cluster : 0, TClusterM1, 2);
            c = EmitCluster(f, c, i + 1 < n ? info[i + 1].Cluster : 0, TClusterP1, 2);
        }

        c = EmitCategories(f, c, t.GazBegin, TGazB, cap);
        c = EmitCategories(f, c, t.GazInside, TGazI, cap);
        if (i > 0)
        {
            c = EmitCategories(f, c, info[i - 1].GazBegin | info[i - 1].GazInside, TGazM1, 0);
        }

        if (i + 1 < n)
        {
            c = EmitCategories(f, c, info[i + 1].GazBegin | info[i + 1].GazInside, TGazP1, 0);
        }

        if (t.Trigger != TriggerClass.None)
        {
            f[c++] = FeatureHash.Mix((ulong)t.Trigger, TTrig);
        }

        if (i > 0 && info[i - 1].Trigger != TriggerClass.None)
        {
            f[c++] = FeatureHash.Mix(((ulong)info[i - 1].Trigger << 4) | cap, TTrigM1);
        }

        if (i > 1 && info[i - 2].Trigger != TriggerClass.None)
        {
            f[c++] = FeatureHash.Mix((ulong)info[i - 2].Trigger, TTrigM2);
        }

        if (i + 1 < n && info[i + 1].Trigger != TriggerClass.None)
        {
            f[c++] = FeatureHash.Mix((ulong)info[i + 1].Trigger, TTrigP1);
        }

        if (t.ChunkHead != 0)
        {
            f[c++] = FeatureHash.Mix(t.ChunkHead, TChunkHead);
        }

        if (t.ChunkTrigger != TriggerClass.None)
        {
            f[c++] = FeatureHash.Mix(((ulong)t.ChunkTrigger << 1) | (t.ChunkTriggerBefore ? 1UL : 0UL), TChunkTrig);
        }

        if (t.Acronym != 0)
        {
            f[c++] = FeatureHash.Mix(((ulong)t.Acronym << 4) | cap, TAcronym);
        }

        f[c++] = FeatureHash.Mix((sentence << 4) | cap, TSentence);
        if (t.Enclosed != 0)
        {
            f[c++] = FeatureHash.Mix(((ulong)t.Enclosed << 4) | cap, TEnclosed);
        }

        // Templates version 3 (news): line breaks, name words, institution heads, the last word of the name.
        if (t.LineBreaks != 0)
        {
            f[c++] = FeatureHash.Mix(((ulong)t.LineBreaks << 4) | cap, TLineBreak);
        }

        if (t.NameWord != NameWordClass.None)
        {
            f[c++] = FeatureHash.Mix(((ulong)t.NameWord << 4) | cap, TNameWord);
        }

        if (i > 0 && info[i - 1].NameWord != NameWordClass.None)
        {
            f[c++] = FeatureHash.Mix(((ulong)info[i - 1].NameWord << 4) | cap, TNameWordM1);
        }

        if (i > 1 && info[i - 2].NameWord != NameWordClass.None)
        {
            f[c++] = FeatureHash.Mix(((ulong)info[i - 2].NameWord << 4) | cap, TNameWordM2);
        }

        if (t.InstitutionDistance != 0)
        {
            var link = IsLink(t) ? 1UL : 0UL;
            f[c++] = FeatureHash.Mix(((ulong)t.InstitutionClass << 8) | ((ulong)Math.Min((int)t.InstitutionDistance, 6) << 5) | (link << 4) | cap, TInstitution);
        }

        if (t.Tail != 0)
        {
            f[c++] = FeatureHash.Mix(t.Tail, TTailWord);
            if (t.TailClass != NameWordClass.None)
            {
                f[c++] = FeatureHash.Mix((ulong)t.TailClass, TTailClass);
            }
        }

        return c;
    }

    // Word clusters at several granularities (packed: fine 9 bits, middle 7 bits, coarse 5 bits): coarse classes
    // generalize, fine ones discriminate, like Brown-cluster path prefixes. Neighbours get the middle and fine ones.
    private static int EmitCluster(Span<ulong> f, int c, uint cluster, ulong template, int levels)
    {
        if (cluster == 0)
        {
            f[c++] = FeatureHash.Mix(0, template);
            return c;
        }

        if (levels >= 3)
        {
            f[c++] = FeatureHash.Mix(((cluster >> 16) & 0x1F) + 1, template + 2);
        }

        f[c++] = FeatureHash.Mix(((cluster >> 9) & 0x7F) + 1, template + 1);
        f[c++] = FeatureHash.Mix((cluster & 0x1FF) + 1, template);
        return c;
    }

    private static int EmitCategories(Span<ulong> f, int c, GazetteerCategory categories, ulong template, ulong cap)
    {
        var bits = (uint)categories;
        while (bits != 0)
        {
            var bit = System.Numerics.BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            f[c++] = FeatureHash.Mix(((ulong)bit << 8) | cap, template);
        }

        return c;
    }
}
