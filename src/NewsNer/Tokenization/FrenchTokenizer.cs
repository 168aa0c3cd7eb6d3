using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace NewsNer.Tokenization;

/// <summary>
/// Splits French news text into tokens without changing it: every token is a range of the original string
/// (end-exclusive UTF-16 offsets) with a <see cref="TokenKind"/>. Immutable and thread-safe: use <see cref="Default"/>.
/// </summary>
/// <remarks>
/// <para>
/// A single left-to-right scan over a precomputed character table, with bounded look-ahead: linear time on any
/// input, no regular expression, and no allocation besides the returned array. French rules come from the
/// embedded word lists under <c>Resources/fr</c> (elisions, abbreviations, clitic suffixes); the conventions are
/// documented in <c>docs/tokenization.md</c>. In short:
/// </para>
/// <list type="bullet">
/// <item>elisions split after the apostrophe (<c>l'</c> <c>agence</c>, <c>qu'</c> <c>al-Chaar</c>), but only before a
/// vowel or <c>h</c>, so <c>N'Djamena</c> and lexical words (<c>aujourd'hui</c>, <c>presqu'île</c>) stay whole;</item>
/// <item>hyphenated words stay whole (<c>Jean-Yves</c>, <c>peut-être</c>) except clitics that end them, which keep
/// their hyphen (<c>dit</c> <c>-elle</c>, <c>a</c> <c>-t-il</c>, <c>celui</c> <c>-ci</c>);</item>
/// <item>abbreviations, initials and dotted acronyms keep their period (<c>M.</c>, <c>J.</c>, <c>U.S.A.</c>);</item>
/// <item>numbers keep decimal commas, digit-group spaces, dates and times (<c>3,5</c>, <c>12 000</c>, <c>15/10/2025</c>, <c>14h30</c>);</item>
/// <item>URLs, e-mail addresses, hashtags and mentions are single tokens.</item>
/// </list>
/// <para>Characters between tokens are only white space, control characters and invisible format marks
/// (zero-width space, BOM, bidi marks); everything else belongs to some token.</para>
/// </remarks>
public sealed class FrenchTokenizer
{
    // Where a URL stops: white space, controls, and characters that cannot appear unescaped in one.
    private static readonly SearchValues<char> s_urlStops = SearchValues.Create(
        " \t\n\r\f\v\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF" +
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F" +
        "<>\"«»“”‘’`{}|\\^[]");

    // Characters a URL does not end with in running text ("voir https://x.fr/a.").
    private static readonly SearchValues<char> s_urlTrailing = SearchValues.Create(".,;:!?'\")]}»’”…");

    // French elides only before a vowel, h or y (and a digit spelled as a vowel sound is too rare to matter).
    private static readonly SearchValues<char> s_elisionFollowers = SearchValues.Create(
        "aeiouyhàâäéèêëîïôöùûüÿæœAEIOUYHÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÆŒ");

    // Spaces that may separate digit groups: space, no-break space, narrow no-break space, thin space, figure space.
    private static readonly SearchValues<char> s_groupSpaces = SearchValues.Create(" \u00A0\u202F\u2009\u2007");

    private static readonly SearchValues<char> s_romanDigits = SearchValues.Create("IVXLCDM");

    // Bounds on look-ahead: every scan that may fail is bounded, so that a failed attempt cannot be repeated at
    // each of the following tokens over the same characters (which would be quadratic on hostile input).
    private const int MaxEmailLocalPart = 64;
    private const int MaxDomainLength = 253;
    private const int MaxAcronymLetters = 16;
    private const int MaxClitics = 3;

    private readonly FrenchTokenizerRules _rules;

    private FrenchTokenizer(FrenchTokenizerRules rules)
    {
        _rules = rules;
    }

    /// <summary>The shared tokenizer with the embedded French rules.</summary>
    public static FrenchTokenizer Default { get; } = new(FrenchTokenizerRules.French);

    /// <summary>Tokenizes <paramref name="text"/>.</summary>
    /// <returns>The tokens in text order; empty when the text is empty or only white space.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public ImmutableArray<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ImmutableCollectionsMarshal.AsImmutableArray(TokenizeToArray(text));
    }

    /// <summary>
    /// Streams the tokens of <paramref name="text"/> one by one without allocating: the same tokens as
    /// <see cref="Tokenize"/>, for texts too large to hold all their tokens at once. Use with <c>foreach</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public TokenEnumerator EnumerateTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TokenEnumerator(this, text);
    }

    /// <summary>Counts the tokens of <paramref name="text"/> without keeping them (no allocation).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var i = 0;
        while (NextToken(text, ref i, out _, out _, out _))
        {
            count++;
        }

        return count;
    }

    /// <summary>The tokens of <paramref name="text"/> as an exact-size array, checking <paramref name="cancellationToken"/> every 1,024 tokens.</summary>
    internal Token[] TokenizeToArray(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        // About one token per 5 to 6 characters in French news, so one pooled buffer usually suffices; it grows if the
        // guess is short. Capped so a huge text does not park a huge array in the shared pool.
        var buffer = new TokenBuffer(Math.Min(text.Length / 5, 1 << 20) + 16);
        try
        {
            var i = 0;
            while (NextToken(text, ref i, out var start, out var end, out var kind))
            {
                buffer.Add(text, start, end, kind);
                if ((buffer.Count & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            return buffer.ToArray();
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>Finds the next token at or after <paramref name="position"/> and moves past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool NextToken(string s, ref int position, out int start, out int end, out TokenKind kind)
    {
        var table = CharClasses.Table;
        var i = position;
        var n = s.Length;
        while (i < n && table[s[i]] == CharClass.Gap)
        {
            i++;
        }

        if (i >= n)
        {
            position = n;
            start = end = n;
            kind = default;
            return false;
        }

        start = i;
        end = table[s[i]] switch
        {
            CharClass.Letter => ScanWordOrUrl(s, i, out kind),
            CharClass.Digit => ScanNumber(s, i, out kind),
            var other => ScanOther(s, i, other, out kind),
        };
        position = end;
        return true;
    }

    private int ScanWordOrUrl(string s, int start, out TokenKind kind)
    {
        // Cheap pre-check before comparing prefixes: "ht", "ww", "ft" (any case).
        var c = (char)(s[start] | 0x20);
        if (start + 4 < s.Length && (c is 'h' or 'f' ? (s[start + 1] | 0x20) == 't' : c == 'w' && (s[start + 1] | 0x20) == 'w'))
        {
            var url = TryScanUrl(s, start);
            if (url > 0)
            {
                kind = TokenKind.Url;
                return url;
            }
        }

        return ScanWord(s, start, start, out kind);
    }

    /// <summary>Scans a word that starts at <paramref name="start"/>, resuming at <paramref name="from"/>.</summary>
    private int ScanWord(string s, int start, int from, out TokenKind kind)
    {
        var table = CharClasses.Table;
        var n = s.Length;
        var j = from;
        kind = TokenKind.Word;
        var capitals = new CapitalsSoFar(start);
        while (true)
        {
            while (j < n)
            {
                var cls = table[s[j]];
                if (cls is CharClass.Letter or CharClass.Digit or CharClass.Joiner)
                {
                    j++;
                }
                else if (cls == CharClass.HighSurrogate && IsWordRuneAt(s, j))
                {
                    j += 2;
                }
                else
                {
                    break;
                }
            }

            if (j >= n)
            {
                break;
            }

            var c = s[j];
            switch (table[c])
            {
                case CharClass.Apostrophe:
                    if (j + 1 < n && IsLetterAt(s, j + 1))
                    {
                        // l'agence -> l' | agence; but N'Djamena, aujourd'hui, presqu'île stay whole.
                        if (_rules.IsElision(s.AsSpan(start, j - start))
                            && s_elisionFollowers.Contains(s[j + 1])
                            && !IsListedApostropheWord(s, start, j))
                        {
                            return j + 1;
                        }

                        j++;
                        continue;
                    }

                    if (IsSpacedElision(s, start, j))
                    {
                        return j + 1;
                    }

                    return FinishWord(s, start, j, ref kind);

                case CharClass.Hyphen:
                    if (j + 1 < n && (IsLetterAt(s, j + 1) || table[s[j + 1]] == CharClass.Digit))
                    {
                        if (j > start && EndsWithCliticSuffixes(s, start, j, ref capitals))
                        {
                            return j;
                        }

                        j++;
                        continue;
                    }

                    return FinishWord(s, start, j, ref kind);

                case CharClass.Period:
                    return ResolvePeriod(s, start, j, ref kind);

                case CharClass.Symbol when c == '@':
                    var email = TryScanEmail(s, start);
                    if (email > 0)
                    {
                        kind = TokenKind.Email;
                        return email;
                    }

                    return FinishWord(s, start, j, ref kind);

                case CharClass.Symbol when c == '\u00B0' && _rules.IsAbbreviation(s.AsSpan(start, j + 1 - start)):
                    // n°, N° (numéro): listed with the abbreviations.
                    return j + 1;

                case CharClass.Symbol when c == '&' && j + 1 < n && char.IsUpper(s[j - 1]) && char.IsUpper(s[j + 1]):
                    // R&D, AT&T.
                    j++;
                    continue;

                case CharClass.Punctuation when c == '\u00B7' && j + 1 < n && IsLetterAt(s, j + 1):
                    // Inclusive writing with a middle dot: député·e·s.
                    j++;
                    continue;

                case CharClass.Symbol when j - start <= 3 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.CurrencySymbol
                                            && IsAllLetters(s.AsSpan(start, j - start)):
                    // Magnitude glued to a currency: M€, Md€, k$.
                    kind = TokenKind.Symbol;
                    return j + 1;

                default:
                    break;
            }

            break;
        }

        return FinishWord(s, start, j, ref kind);
    }

    private int FinishWord(string s, int start, int end, ref TokenKind kind)
    {
        if (kind == TokenKind.Word && IsRomanOrdinal(s.AsSpan(start, end - start)))
        {
            kind = TokenKind.Number;
        }

        return end;
    }

    // XXIe, IIIe, Ier, Ve: Roman numerals in capitals followed by an ordinal ending. "Le", "Me", "Ce" are not.
    private bool IsRomanOrdinal(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || !s_romanDigits.Contains(word[0]))
        {
            return false;
        }

        var digits = word.IndexOfAnyExcept(s_romanDigits);
        if (digits <= 0 || !_rules.IsOrdinalSuffix(word[digits..]))
        {
            return false;
        }

        return digits > 1 || word[0] is 'I' or 'V' or 'X';
    }

    // "l' agence", "qu' il": an elided word whose apostrophe is followed by spaces (sloppy typing, text rebuilt from
    // tokens). Still only before a vowel or h, and not when a quote precedes the word ('d' is a letter).
    private bool IsSpacedElision(string s, int start, int apostrophe)
    {
        if (!_rules.IsElision(s.AsSpan(start, apostrophe - start)) || (start > 0 && CharClasses.Of(s[start - 1]) is CharClass.Apostrophe or CharClass.Punctuation))
        {
            return false;
        }

        var next = apostrophe + 1;
        var limit = Math.Min(s.Length, next + 3);
        while (next < limit && s[next] is ' ' or '\u00A0' or '\u202F' or '\t')
        {
            next++;
        }

        return next > apostrophe + 1 && next < s.Length && s_elisionFollowers.Contains(s[next]);
    }

    private bool IsListedApostropheWord(string s, int start, int apostrophe)
    {
        // The word as far as letters go, then as far as hyphens and apostrophes join letters.
        var n = Math.Min(s.Length, start + FrenchTokenizerRules.MaxLookupLength + 1);
        var j = apostrophe + 1;
        while (j < n && CharClasses.IsWordPart(CharClasses.Of(s[j])))
        {
            j++;
        }

        if (_rules.IsApostropheWord(s.AsSpan(start, j - start)))
        {
            return true;
        }

        var extended = j;
        while (extended + 1 < n && CharClasses.Of(s[extended]) is CharClass.Hyphen or CharClass.Apostrophe && IsLetterAt(s, extended + 1))
        {
            extended++;
            while (extended < n && CharClasses.IsWordPart(CharClasses.Of(s[extended])))
            {
                extended++;
            }
        }

        return extended != j && _rules.IsApostropheWord(s.AsSpan(start, extended - start));
    }

    /// <summary>
    /// Whether the hyphen at <paramref name="hyphen"/> starts a chain of clitic suffixes that ends the word
    /// (<c>dit-elle</c>, <c>a-t-il</c>, <c>donne-le-moi</c>), so the word is cut before it.
    /// </summary>
    private bool EndsWithCliticSuffixes(string s, int start, int hyphen, ref CapitalsSoFar capitals)
    {
        var allowCapitals = capitals.IsAllCapitals(s, hyphen);
        var end = CliticChainEnd(s, hyphen, allowCapitals);
        return end > 0 && !_rules.IsHyphenWord(s.AsSpan(start, end - start));
    }

    /// <summary>End of a chain of clitic suffixes starting at the hyphen at <paramref name="hyphen"/> that ends the word, or -1.</summary>
    private int CliticChainEnd(string s, int hyphen, bool allowCapitals)
    {
        var p = hyphen;
        for (var clitics = 1; clitics <= MaxClitics; clitics++)
        {
            var segmentEnd = CliticSegmentEnd(s, p, allowCapitals);
            if (segmentEnd < 0)
            {
                return -1;
            }

            if (segmentEnd + 1 < s.Length && CharClasses.IsHyphen(s[segmentEnd]) && IsLetterAt(s, segmentEnd + 1))
            {
                p = segmentEnd;
                continue;
            }

            return segmentEnd;
        }

        return -1;
    }

    /// <summary>End of the clitic suffix (<c>-il</c>, <c>-t-il</c>) whose hyphen is at <paramref name="hyphen"/>, or -1.</summary>
    private int CliticSegmentEnd(string s, int hyphen, bool allowCapitals)
    {
        // A clitic is short: never scan more than a few letters (keeps long hyphenated runs linear).
        var n = Math.Min(s.Length, hyphen + 12);
        var q = hyphen + 1;
        while (q < n && CharClasses.Of(s[q]) is CharClass.Letter or CharClass.Joiner)
        {
            q++;
        }

        // The euphonic t goes with its pronoun: -t-il.
        if (q - hyphen == 2 && (s[hyphen + 1] | 0x20) == 't' && q + 1 < n && CharClasses.IsHyphen(s[q]))
        {
            var r = q + 1;
            while (r < n && CharClasses.Of(s[r]) is CharClass.Letter or CharClass.Joiner)
            {
                r++;
            }

            q = r;
        }

        if (q == hyphen + 1 || !_rules.IsHyphenSuffix(s.AsSpan(hyphen + 1, q - hyphen - 1), allowCapitals))
        {
            return -1;
        }

        // The suffix must end the word: not followed by a letter, digit, or apostrophe + letter.
        if (q < s.Length)
        {
            var next = CharClasses.Of(s[q]);
            if (next is CharClass.Letter or CharClass.Digit or CharClass.Joiner or CharClass.HighSurrogate
                || (next == CharClass.Apostrophe && q + 1 < s.Length && IsLetterAt(s, q + 1)))
            {
                return -1;
            }
        }

        return q;
    }

    /// <summary>Decides what a period right after a word belongs to; <paramref name="period"/> is its index.</summary>
    private int ResolvePeriod(string s, int start, int period, ref TokenKind kind)
    {
        var n = s.Length;
        var nextClass = period + 1 < n ? CharClasses.Of(s[period + 1]) : CharClass.Gap;
        if (nextClass == CharClass.Period)
        {
            // "etc..." -> etc | ...
            return FinishWord(s, start, period, ref kind);
        }

        if (nextClass is CharClass.Letter or CharClass.Digit or CharClass.Hyphen or CharClass.Apostrophe)
        {
            // Something is glued after the period: an e-mail, a dotted abbreviation or acronym, a domain name.
            var email = TryScanEmail(s, start);
            if (email > 0)
            {
                kind = TokenKind.Email;
                return email;
            }

            var abbreviation = MatchDottedAbbreviation(s, start, period);
            if (abbreviation > 0)
            {
                return abbreviation;
            }

            var acronym = MatchAcronym(s, start);
            if (acronym > 0)
            {
                return acronym;
            }

            var domain = TryScanDomain(s, start);
            if (domain > 0)
            {
                kind = TokenKind.Url;
                return domain;
            }

            return FinishWord(s, start, period, ref kind);
        }

        var word = s.AsSpan(start, period - start + 1);
        if ((word.Length == 2 && char.IsUpper(word[0])) || _rules.IsAbbreviation(word))
        {
            return period + 1;
        }

        if (_rules.IsAmbiguousAbbreviation(word) && !NextStartsSentence(s, period + 1))
        {
            return period + 1;
        }

        return FinishWord(s, start, period, ref kind);
    }

    // After an ambiguous abbreviation: a capital letter, the end of the text or a blank line means the period ends a sentence.
    private static bool NextStartsSentence(string s, int from)
    {
        var newlines = 0;
        for (var i = from; i < s.Length; i++)
        {
            var c = s[i];
            var cls = CharClasses.Of(c);
            if (cls == CharClass.Gap)
            {
                if (c == '\n' && ++newlines >= 2)
                {
                    return true;
                }

                continue;
            }

            return char.IsUpper(c) || cls is CharClass.Punctuation && c is '«' or '“' or '"' or '—' or '–';
        }

        return true;
    }

    // c.-à-d., J.-C., N.B.: the longest listed abbreviation that starts at the word and runs through glued periods.
    private int MatchDottedAbbreviation(string s, int start, int period)
    {
        var limit = Math.Min(s.Length, start + _rules.MaxAbbreviationLength);
        var run = period + 1;
        while (run < limit && CharClasses.Of(s[run]) is CharClass.Letter or CharClass.Period or CharClass.Hyphen or CharClass.Apostrophe)
        {
            run++;
        }

        for (var end = run; end > period; end--)
        {
            if (s[end - 1] == '.' && _rules.IsAbbreviation(s.AsSpan(start, end - start)))
            {
                return end;
            }
        }

        return -1;
    }

    // U.S.A., O.N.U., J.-P.: single letters each followed by a period, at least two of them.
    private static int MatchAcronym(string s, int start)
    {
        var n = s.Length;
        var j = start;
        var letters = 0;
        while (true)
        {
            var k = j;
            if (letters > 0 && k < n && CharClasses.IsHyphen(s[k]))
            {
                k++;
            }

            if (letters < MaxAcronymLetters && k + 1 < n && CharClasses.Of(s[k]) == CharClass.Letter && s[k + 1] == '.')
            {
                j = k + 2;
                letters++;
                continue;
            }

            break;
        }

        // The acronym must not run into a longer word (U.S.Army).
        if (letters < 2 || (j < n && CharClasses.IsWordPart(CharClasses.Of(s[j]))))
        {
            return -1;
        }

        return j;
    }

    // lemonde.fr, actu.orange.fr/politique: dotted names ending in a known top-level domain.
    private int TryScanDomain(string s, int start)
    {
        var n = Math.Min(s.Length, start + MaxDomainLength);
        var j = start;
        var lastSegment = -1;
        var segments = 0;
        while (true)
        {
            var segmentStart = j;
            while (j < n && (CharClasses.Of(s[j]) is CharClass.Letter or CharClass.Digit || (CharClasses.IsHyphen(s[j]) && j > segmentStart)))
            {
                j++;
            }

            if (j == segmentStart)
            {
                return -1;
            }

            segments++;
            lastSegment = segmentStart;
            if (j + 1 < n && s[j] == '.' && CharClasses.Of(s[j + 1]) is CharClass.Letter or CharClass.Digit)
            {
                j++;
                continue;
            }

            break;
        }

        if (segments < 2 || (j < s.Length && CharClasses.IsWordPart(CharClasses.Of(s[j]))) || !IsLowerAscii(s.AsSpan(lastSegment, j - lastSegment)) || !_rules.IsTopLevelDomain(s.AsSpan(lastSegment, j - lastSegment)))
        {
            return -1;
        }

        if (j < s.Length && (s[j] == '/' || s[j] == ':'))
        {
            return ScanUrlBody(s, j);
        }

        return j;
    }

    private static int TryScanUrl(string s, int start)
    {
        var rest = s.AsSpan(start);
        int bodyStart;
        if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            bodyStart = 7;
        }
        else if (rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            bodyStart = 8;
        }
        else if (rest.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase))
        {
            bodyStart = 6;
        }
        else if (rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            bodyStart = 4;
        }
        else
        {
            return -1;
        }

        if (rest.Length <= bodyStart || CharClasses.Of(rest[bodyStart]) is not (CharClass.Letter or CharClass.Digit))
        {
            return -1;
        }

        return ScanUrlBody(s, start + bodyStart);
    }

    private static int ScanUrlBody(string s, int from)
    {
        var stop = s.AsSpan(from).IndexOfAny(s_urlStops);
        var end = stop < 0 ? s.Length : from + stop;

        // Trailing punctuation belongs to the sentence, except a closing bracket the URL opened itself (Wikipedia).
        var unclosed = -1;
        while (end > from)
        {
            var last = s[end - 1];
            if (char.IsLowSurrogate(last) || !s_urlTrailing.Contains(last))
            {
                break;
            }

            if (last == ')')
            {
                if (unclosed < 0)
                {
                    unclosed = CountOf(s, from, end, '(') - CountOf(s, from, end, ')');
                }

                if (unclosed >= 0)
                {
                    break;
                }

                unclosed++;
            }

            end--;
        }

        // Never cut a surrogate pair.
        if (end < s.Length && end > 0 && char.IsHighSurrogate(s[end - 1]) && char.IsLowSurrogate(s[end]))
        {
            end--;
        }

        return end;
    }

    private static int CountOf(string s, int from, int to, char c) => s.AsSpan(from, to - from).Count(c);

    // local@domain.tld, starting at the token start; -1 when it is not an e-mail address.
    private static int TryScanEmail(string s, int start)
    {
        // Bounded by the longest local part and domain an address may have (64 and 255), so the scan stays linear.
        var n = Math.Min(s.Length, start + MaxEmailLocalPart + 1);
        var j = start;
        while (j < n && (CharClasses.IsWordPart(CharClasses.Of(s[j])) || s[j] is '.' or '_' or '%' or '+' or '-'))
        {
            j++;
        }

        if (j == start || j >= n || s[j] != '@' || s[j - 1] == '.')
        {
            return -1;
        }

        var domainStart = ++j;
        n = Math.Min(s.Length, domainStart + MaxDomainLength);
        var lastDot = -1;
        while (j < n && (CharClasses.Of(s[j]) is CharClass.Letter or CharClass.Digit || s[j] is '-' || (s[j] == '.' && j + 1 < n && CharClasses.Of(s[j + 1]) is CharClass.Letter or CharClass.Digit)))
        {
            if (s[j] == '.')
            {
                lastDot = j;
            }

            j++;
        }

        if (lastDot <= domainStart || j - lastDot < 3)
        {
            return -1;
        }

        return j;
    }

    private int ScanNumber(string s, int start, out TokenKind kind)
    {
        var table = CharClasses.Table;
        var n = s.Length;
        kind = TokenKind.Number;
        var j = SkipDigits(s, start);
        var run = j - start;
        var separated = false;
        var grouped = false;
        while (j < n)
        {
            var c = s[j];
            if ((c == ',' || c == '.') && IsDigitAt(s, j + 1))
            {
                // 3,5 / 1.500 / 1.000.000 / 15.10.2025
                var k = SkipDigits(s, j + 1);
                run = k - j - 1;
                separated = true;
                grouped = false; // no digit group after a decimal part: "12 000,50 300" stops at 50
                j = k;
                continue;
            }

            if (s_groupSpaces.Contains(c) && (grouped || (!separated && j - start <= 3)) && run <= 3
                && IsDigitAt(s, j + 1) && IsDigitAt(s, j + 2) && IsDigitAt(s, j + 3) && !IsDigitAt(s, j + 4))
            {
                // 12 000, 1 500 000 (space, no-break, narrow no-break or thin space), groups of exactly three digits.
                j += 4;
                run = 3;
                grouped = separated = true;
                continue;
            }

            if (c == '/' && !grouped && run <= 4 && IsDigitAt(s, j + 1))
            {
                // 15/10/2025, 24/7, 1/2
                var k = SkipDigits(s, j + 1);
                run = k - j - 1;
                separated = true;
                j = k;
                continue;
            }

            if (CharClasses.IsHyphen(c) && !separated && run == 4 && j - start == 4
                && IsDigitAt(s, j + 1) && IsDigitAt(s, j + 2) && j + 3 < n && CharClasses.IsHyphen(s[j + 3])
                && IsDigitAt(s, j + 4) && IsDigitAt(s, j + 5) && !IsDigitAt(s, j + 6))
            {
                // ISO date 2025-10-15
                return j + 6;
            }

            if (c == ':' && run <= 2 && IsDigitAt(s, j + 1) && IsDigitAt(s, j + 2) && !IsDigitAt(s, j + 3))
            {
                // 14:30, 14:30:05
                j += 3;
                run = 2;
                separated = true;
                continue;
            }

            if ((c == 'h' || c == 'H') && run <= 2 && !separated)
            {
                // 14h30, 8h (times); "14 h 30" stays three tokens.
                if (IsDigitAt(s, j + 1) && IsDigitAt(s, j + 2) && !IsWordPartAt(s, j + 3))
                {
                    return j + 3;
                }

                if (!IsWordPartAt(s, j + 1))
                {
                    return j + 1;
                }
            }

            if (table[c] == CharClass.Letter)
            {
                var k = j;
                while (k < n && table[s[k]] is CharClass.Letter or CharClass.Joiner)
                {
                    k++;
                }

                var endsHere = k >= n || !(CharClasses.IsWordPart(table[s[k]]) || table[s[k]] == CharClass.HighSurrogate);
                if (endsHere)
                {
                    var suffix = s.AsSpan(j, k - j);
                    if (!separated && _rules.IsOrdinalSuffix(suffix))
                    {
                        return k; // 1er, 2e, 21e
                    }

                    if (_rules.IsUnit(suffix))
                    {
                        return j; // 10km -> 10 | km
                    }
                }

                // Digits and letters together are a word: 5G, 3D, 2CV, 4x4.
                if (!separated)
                {
                    return ScanWord(s, start, k, out kind);
                }
            }

            break;
        }

        return j;
    }

    private int ScanOther(string s, int start, CharClass cls, out TokenKind kind)
    {
        var n = s.Length;
        var c = s[start];
        kind = TokenKind.Punctuation;
        switch (cls)
        {
            case CharClass.Period:
                return SkipSame(s, start, '.');

            case CharClass.Hyphen:
                if (start > 0 && CharClasses.Of(s[start - 1]) is CharClass.Letter or CharClass.Joiner)
                {
                    var clitic = CliticSegmentEnd(s, start, IsAllCapitals(s.AsSpan(start - 1, 1)));
                    if (clitic > 0)
                    {
                        kind = TokenKind.Word;
                        return clitic;
                    }
                }
                else if (start > 1 && s[start - 1] == ' ' && CharClasses.Of(s[start - 2]) == CharClass.Letter)
                {
                    // "dit -elle", "a -t-il" as in text rebuilt from tokens: only the suffixes that cannot follow a dash.
                    var clitic = CliticSegmentEnd(s, start, allowCapitals: false);
                    if (clitic > 0 && (clitic >= s.Length || !CharClasses.IsHyphen(s[clitic])) && _rules.IsDetachedHyphenSuffix(s.AsSpan(start + 1, clitic - start - 1)))
                    {
                        kind = TokenKind.Word;
                        return clitic;
                    }
                }

                return SkipSame(s, start, c);

            case CharClass.Apostrophe:
                return start + 1;

            case CharClass.Punctuation:
                switch (c)
                {
                    case '!' or '?' or '\u203D':
                        {
                            var j = start + 1;
                            while (j < n && s[j] is '!' or '?' or '\u203D')
                            {
                                j++;
                            }

                            return j;
                        }

                    case '\u2026' or '\u2013' or '\u2014' or '\u2015' or '\u2012':
                        return SkipSame(s, start, c);

                    default:
                        return start + 1;
                }

            case CharClass.Symbol:
                kind = TokenKind.Symbol;
                if (c == '#' && start + 1 < n && IsTagCharAt(s, start + 1))
                {
                    kind = TokenKind.Hashtag;
                    return SkipTagChars(s, start + 1);
                }

                if (c == '\u00B0' && start + 1 < n && s[start + 1] is 'C' or 'F' && (start + 2 >= n || !IsWordPartAt(s, start + 2)))
                {
                    return start + 2; // °C, °F
                }

                if (c == '@' && start + 1 < n && IsTagCharAt(s, start + 1))
                {
                    kind = TokenKind.Mention;
                    return SkipTagChars(s, start + 1);
                }

                return SkipSymbolModifiers(s, start + 1);

            case CharClass.HighSurrogate:
                if (start + 1 < n && char.IsLowSurrogate(s[start + 1]))
                {
                    if (char.IsLetter(s, start))
                    {
                        return ScanWord(s, start, start, out kind);
                    }

                    kind = TokenKind.Symbol;
                    return ScanSymbolCluster(s, start);
                }

                kind = TokenKind.Symbol;
                return start + 1;

            default:
                // Lone low surrogate, or a combining mark / format character with no word before it.
                kind = TokenKind.Symbol;
                return start + 1;
        }
    }

    // An emoji or other supplementary symbol with its modifiers: skin tones, variation selectors, ZWJ sequences, flags.
    private static int ScanSymbolCluster(string s, int start)
    {
        var n = s.Length;
        var first = Rune.GetRuneAt(s, start);
        var j = start + 2;
        if (IsRegionalIndicator(first.Value))
        {
            if (j + 1 < n && Rune.TryGetRuneAt(s, j, out var second) && IsRegionalIndicator(second.Value))
            {
                j += 2;
            }

            return j;
        }

        return SkipSymbolModifiers(s, j);
    }

    private static int SkipSymbolModifiers(string s, int j)
    {
        var n = s.Length;
        while (j < n)
        {
            var c = s[j];
            if (c is '\uFE0F' or '\uFE0E' or '\u20E3')
            {
                j++;
            }
            else if (c == '\u200D' && j + 1 < n && !char.IsWhiteSpace(s[j + 1]))
            {
                // Zero-width joiner: the next code point belongs to the same emoji.
                j += char.IsHighSurrogate(s[j + 1]) && j + 2 < n && char.IsLowSurrogate(s[j + 2]) ? 3 : 2;
            }
            else if (char.IsHighSurrogate(c) && j + 1 < n && char.IsLowSurrogate(s[j + 1]))
            {
                var value = char.ConvertToUtf32(c, s[j + 1]);
                if (value is (>= 0x1F3FB and <= 0x1F3FF) or (>= 0xE0020 and <= 0xE007F))
                {
                    j += 2; // skin tone, tag sequence (subdivision flags)
                }
                else
                {
                    break;
                }
            }
            else
            {
                break;
            }
        }

        return j;
    }

    private static bool IsRegionalIndicator(int value) => value is >= 0x1F1E6 and <= 0x1F1FF;

    private static int SkipSame(string s, int start, char c)
    {
        var j = start + 1;
        while (j < s.Length && s[j] == c)
        {
            j++;
        }

        return j;
    }

    private static bool IsTagCharAt(string s, int i) =>
        CharClasses.Of(s[i]) is CharClass.Letter or CharClass.Digit || s[i] == '_' || (char.IsHighSurrogate(s[i]) && IsWordRuneAt(s, i));

    private static int SkipTagChars(string s, int j)
    {
        while (j < s.Length)
        {
            var cls = CharClasses.Of(s[j]);
            if (cls is CharClass.Letter or CharClass.Digit or CharClass.Joiner || s[j] == '_')
            {
                j++;
            }
            else if (cls == CharClass.HighSurrogate && IsWordRuneAt(s, j))
            {
                j += 2;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    private static int SkipDigits(string s, int j)
    {
        while (j < s.Length && CharClasses.Of(s[j]) == CharClass.Digit)
        {
            j++;
        }

        return j;
    }

    private static bool IsDigitAt(string s, int i) => i < s.Length && CharClasses.Of(s[i]) == CharClass.Digit;

    private static bool IsWordPartAt(string s, int i) => i < s.Length && CharClasses.IsWordPart(CharClasses.Of(s[i]));

    private static bool IsLetterAt(string s, int i) =>
        CharClasses.Of(s[i]) == CharClass.Letter || (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLetter(s, i));

    // A supplementary-plane letter, digit or mark at i (a valid surrogate pair).
    private static bool IsWordRuneAt(string s, int i)
    {
        if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
        {
            return false;
        }

        var category = char.GetUnicodeCategory(s, i);
        return category <= System.Globalization.UnicodeCategory.OtherNumber;
    }

    private static bool IsAllLetters(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (CharClasses.Of(c) != CharClass.Letter)
            {
                return false;
            }
        }

        return !span.IsEmpty;
    }

    /// <summary>
    /// Whether a word's characters so far are all capitals (<see cref="IsAllCapitals"/>), computed incrementally: each
    /// hyphen of a long hyphenated run asks about the word up to it, and rescanning from the start every time would make
    /// the run quadratic (<c>A-A-A-…</c>).
    /// </summary>
    private struct CapitalsSoFar(int start)
    {
        private int _scannedTo = start;
        private bool _anyUpper;
        private bool _anyLower;

        public bool IsAllCapitals(string s, int end)
        {
            for (; _scannedTo < end && !_anyLower; _scannedTo++)
            {
                var c = s[_scannedTo];
                _anyLower |= char.IsLower(c);
                _anyUpper |= char.IsUpper(c);
            }

            return _anyUpper && !_anyLower;
        }
    }

    private static bool IsAllCapitals(ReadOnlySpan<char> span)
    {
        var any = false;
        foreach (var c in span)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            any |= char.IsUpper(c);
        }

        return any;
    }

    private static bool IsLowerAscii(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }
}
