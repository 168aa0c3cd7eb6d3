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
/// granularities), gazetteer phrase matches (begin/inside, by category, with capitalization) and trigger words around.
/// </remarks>
internal sealed class NerFeatureExtractor
{
    /// <summary>Upper bound on the features of one token.</summary>
    public const int MaxFeatures = 96;

    /// <summary>Longest gazetteer phrase, in tokens.</summary>
    public const int MaxPhraseTokens = 8;

    /// <summary>Version of the templates; a model records it and refuses another.</summary>
    public const int Version = 1;

    private const ulong TBias = 1, TWord = 2, TLower = 3, TCoreWord = 4, TPre = 5, TSuf = 9, TShape = 13, TShortShape = 14,
        TCapFirst = 15, TCommon = 16, TProper = 17, TLowerM1 = 18, TLowerP1 = 19, TLowerM2 = 20, TLowerP2 = 21,
        TShapeM1 = 22, TShapeP1 = 23, TShape3 = 24, TBigramM = 25, TBigramP = 26, TCapM1 = 27, TCapP1 = 28,
        TCluster = 29, TClusterM1 = 33, TClusterP1 = 35, TGazB = 37, TGazI = 38, TGazM1 = 39, TGazP1 = 40,
        TTrig = 41, TTrigM1 = 42, TTrigM2 = 43, TTrigP1 = 44, TLength = 45, TWordM1 = 46, TCommonM1 = 47;

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
        for (var i = 0; i < n; i++)
        {
            counts[i] = Emit(tokens, info, i, features.Slice(i * MaxFeatures, MaxFeatures));
        }
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

    private int Emit(ReadOnlySpan<Token> tokens, ReadOnlySpan<TokenInfo> info, int i, Span<ulong> f)
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
