using NewsNer.Tokenization;

namespace NewsNer.Sentences;

/// <summary>
/// Finds sentence boundaries over the tokens of a French news text. Immutable and thread-safe: use <see cref="Default"/>.
/// </summary>
/// <remarks>
/// <para>Rules, in order (documented with examples in <c>docs/tokenization.md</c>):</para>
/// <list type="number">
/// <item>A blank line (two line breaks, a paragraph or page separator) always ends a sentence.</item>
/// <item>After <c>. ! ? …</c> (and runs like <c>?!</c>, <c>...</c>), closing quotes and brackets stay with the sentence;
/// the sentence ends there when the next token can start one: a capitalized word, a digit, an opening quote,
/// bracket or dash (not a lower-case word: <c>« Quoi ? » dit-il</c> is one sentence).</item>
/// <item>Abbreviations (<c>M.</c>, <c>Mme.</c>, <c>janv.</c>) and initials (<c>J. K.</c>) never end a sentence;
/// <c>etc.</c>, a few listed ones and dotted acronyms (<c>U.S.A.</c>) end it when a sentence start follows.
/// A period after a list number at the start of a line (<c>1. Introduction</c>) does not end one.</item>
/// <item>A single line break ends a sentence when the line can stand alone (a headline, a dateline, a section
/// heading): it does not end with a comma, colon, opening quote, dash or a function word such as <c>de</c>, <c>et</c>,
/// and the next line starts like a sentence. In text wrapped at a fixed width (lines that continue in lower case),
/// a line break is kept only when the next line's first word would have fitted on the line.</item>
/// </list>
/// <para>Every token belongs to exactly one sentence; a sentence runs from its first token's start to its last token's end.</para>
/// </remarks>
public sealed class SentenceSplitter
{
    private static readonly System.Buffers.SearchValues<char> s_lineBreaks = System.Buffers.SearchValues.Create("\n\r\u0085\u2028\u2029\f");

    private readonly SentenceRules _rules;

    private SentenceSplitter(SentenceRules rules)
    {
        _rules = rules;
    }

    /// <summary>The shared splitter with the embedded French rules.</summary>
    public static SentenceSplitter Default { get; } = new(SentenceRules.French);

    /// <summary>
    /// The most tokens a sentence may have. A run of text with no sentence end (a table flattened into one line, a page
    /// without punctuation, thousands of clauses joined by commas) is cut into pieces of at most this many tokens, at the
    /// last clause break, comma, other punctuation or gap between two lower-case words of the second half of the piece.
    /// The longest sentence of the events-dev and events-train articles has 126 tokens, so no news sentence is cut; every
    /// stage that analyses sentences then costs at most a bounded amount per sentence (see <c>docs/reliability.md</c>).
    /// </summary>
    public const int MaxTokens = 256;

    // Tokens a decision may read past the token at hand: the closers a terminal mark absorbs (bounded by the sentence's
    // MaxTokens), the token after them, and the token after that (whether a straight quote is glued to it).
    private const int Lookahead = MaxTokens + 2;

    /// <summary>Splits the tokens of <paramref name="text"/> into sentences.</summary>
    /// <param name="text">The text the tokens were cut from.</param>
    /// <param name="tokens">The tokens of <paramref name="text"/>, in order (as returned by <see cref="FrenchTokenizer"/>).</param>
    /// <returns>
    /// The sentences in order; they cover every token exactly once, with at most <see cref="MaxTokens"/> tokens each.
    /// Empty when there are no tokens.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException">A token lies outside <paramref name="text"/> or the tokens are out of order.</exception>
    public Sentence[] Split(string text, ReadOnlySpan<Token> tokens) => Split(text, tokens, CancellationToken.None);

    /// <summary>Like <see cref="Split(string, ReadOnlySpan{Token})"/>, checking <paramref name="cancellationToken"/> as it goes.</summary>
    internal Sentence[] Split(string text, ReadOnlySpan<Token> tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (tokens.IsEmpty)
        {
            return [];
        }

        var wrapWidth = ValidateAndEstimateWrapWidth(text, tokens, cancellationToken);
        var sentences = new List<Sentence>(tokens.Length / 20 + 1);
        var state = new SplitState(LineStartBefore(text, tokens[0].Start));
        SplitCore(text, tokens, 0, wrapWidth, final: true, ref state, sentences, cancellationToken);
        return [.. sentences];
    }

    /// <summary>Where a split stopped: the first token of the sentence under way, the next token to look at, the line start.</summary>
    internal struct SplitState(int lineStart)
    {
        public int First;
        public int Next;
        public int LineStart = lineStart;
    }

    /// <summary>
    /// Splits <paramref name="tokens"/> from <paramref name="state"/> on, adding the sentences found to
    /// <paramref name="output"/> with token indices offset by <paramref name="offset"/>. When <paramref name="final"/> is
    /// false more tokens follow: it stops where a decision would read past the span and leaves in
    /// <paramref name="state"/> where to resume (the caller keeps the tokens from <see cref="SplitState.First"/> on and
    /// appends the next ones), so that splitting a stream chunk by chunk gives exactly the sentences of one call.
    /// </summary>
    internal void SplitCore(string text, ReadOnlySpan<Token> tokens, int offset, int wrapWidth, bool final, ref SplitState state, List<Sentence> output, CancellationToken cancellationToken)
    {
        var first = state.First;
        var i = state.Next;
        var lineStart = state.LineStart;
        var stop = final ? tokens.Length : tokens.Length - Lookahead;
        var check = 0;
        while (i < stop)
        {
            if (++check == CheckInterval)
            {
                check = 0;
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (i - first >= MaxTokens)
            {
                // The sentence under way is full: cut it, and look at token i again as part of the next piece.
                var cut = CutPoint(text, tokens, first, i);
                output.Add(new Sentence(tokens[first].Start, tokens[cut - 1].End, offset + first, cut - first));
                first = cut;
                continue;
            }

            var last = i;
            var boundary = false;
            var token = tokens[i];
            var limit = Math.Min(tokens.Length, first + MaxTokens);
            if (IsTerminal(text, token))
            {
                last = AbsorbClosers(text, tokens, i, limit);
                boundary = last + 1 >= tokens.Length || (!IsListNumberPeriod(text, tokens, i, first, lineStart) && StartsSentence(text, tokens[last + 1]));
            }
            else if (token.Kind == TokenKind.Word && token.Length > 1 && text[token.End - 1] == '.' && CanAbbreviationEndSentence(token.Span))
            {
                last = AbsorbClosers(text, tokens, i, limit);
                boundary = last + 1 >= tokens.Length || StartsSentence(text, tokens[last + 1]);
            }

            if (last + 1 < tokens.Length)
            {
                var next = tokens[last + 1];
                var breaks = LineBreaks(text.AsSpan(tokens[last].End, next.Start - tokens[last].End), out var lastBreak);
                if (breaks >= 2)
                {
                    boundary = true;
                }
                else if (breaks == 1 && !boundary)
                {
                    boundary = IsLineBoundary(text, tokens[last], next, lineStart, wrapWidth);
                }

                if (breaks > 0)
                {
                    lineStart = tokens[last].End + lastBreak + 1;
                }
            }

            if (boundary || last + 1 >= tokens.Length)
            {
                output.Add(new Sentence(tokens[first].Start, tokens[last].End, offset + first, last - first + 1));
                first = last + 1;
            }

            i = last + 1;
        }

        state.First = first;
        state.Next = i;
        state.LineStart = lineStart;
    }

    // Cancellation is checked once per this many tokens: a few microseconds of work.
    private const int CheckInterval = 1024;

    /// <summary>
    /// Where to cut a sentence that reached <see cref="MaxTokens"/> tokens at <paramref name="full"/>: the first token of
    /// the next piece, in the second half of the piece. Best after a clause break (<c>; : — …</c>), then after a comma,
    /// then after other punctuation that opens nothing, then between two lower-case words (never inside a name);
    /// otherwise at <paramref name="full"/>.
    /// </summary>
    private static int CutPoint(string text, ReadOnlySpan<Token> tokens, int first, int full)
    {
        int afterComma = -1, afterPunctuation = -1, betweenWords = -1;
        for (var cut = full; cut > first + (MaxTokens / 2); cut--)
        {
            var before = tokens[cut - 1];
            var c = text[before.Start];
            if (before.Kind == TokenKind.Punctuation)
            {
                if (c is ';' or ':' or '\u2014' or '\u2013' or '\u2026')
                {
                    return cut;
                }

                if (c == ',')
                {
                    afterComma = afterComma < 0 ? cut : afterComma;
                }
                else if (afterPunctuation < 0 && c is not ('«' or '“' or '‘' or '‹' or '(' or '[' or '{' or '"' or '\''))
                {
                    afterPunctuation = cut;
                }
            }
            else if (betweenWords < 0 && before.Kind == TokenKind.Word && tokens[cut].Kind == TokenKind.Word
                && !char.IsUpper(c) && !char.IsUpper(text[tokens[cut].Start]))
            {
                betweenWords = cut;
            }
        }

        return afterComma > 0 ? afterComma : afterPunctuation > 0 ? afterPunctuation : betweenWords > 0 ? betweenWords : full;
    }

    private static bool IsTerminal(string text, Token token) =>
        token.Kind == TokenKind.Punctuation && text[token.Start] is '.' or '!' or '?' or '\u2026' or '\u203D';

    // Closing quotes and brackets after a terminal mark (and further terminal marks: « Fin ! ».) stay in the sentence, up
    // to the token before limit (the sentence's MaxTokens).
    private static int AbsorbClosers(string text, ReadOnlySpan<Token> tokens, int i, int limit)
    {
        var last = i;
        while (last + 1 < limit && (IsCloser(text, tokens, last + 1) || IsTerminal(text, tokens[last + 1])))
        {
            // A line break in between means the quote opens the next line.
            if (LineBreaks(text.AsSpan(tokens[last].End, tokens[last + 1].Start - tokens[last].End), out _) > 0)
            {
                break;
            }

            last++;
        }

        return last;
    }

    private static bool IsCloser(string text, ReadOnlySpan<Token> tokens, int k)
    {
        var token = tokens[k];
        if (token.Kind != TokenKind.Punctuation || token.Length != 1)
        {
            return false;
        }

        switch (text[token.Start])
        {
            case '»' or '”' or '’' or ')' or ']' or '}' or '›':
                return true;
            case '"' or '\'':
                // A straight quote closes when glued to what precedes it, or when nothing is glued after it.
                var gluedBefore = k > 0 && tokens[k - 1].End == token.Start;
                var gluedAfter = k + 1 < tokens.Length && tokens[k + 1].Start == token.End;
                return gluedBefore || !gluedAfter;
            default:
                return false;
        }
    }

    private static bool StartsSentence(string text, Token token)
    {
        var c = text[token.Start];
        switch (token.Kind)
        {
            case TokenKind.Punctuation:
                return c is '«' or '“' or '"' or '\'' or '‘' or '(' or '[' or '-' or '–' or '—' or '¿' or '¡' or '‹' or '‐' or '‑';
            case TokenKind.Symbol:
                return c is not ('%' or '‰');
            case TokenKind.Url or TokenKind.Email or TokenKind.Hashtag or TokenKind.Mention:
                return true;
            default:
                return !char.IsLower(c);
        }
    }

    // "1. Introduction": a short number opening the sentence or the line, then a period, is a list marker.
    private static bool IsListNumberPeriod(string text, ReadOnlySpan<Token> tokens, int period, int first, int lineStart)
    {
        if (text[tokens[period].Start] != '.' || tokens[period].Length != 1 || period == 0)
        {
            return false;
        }

        var number = tokens[period - 1];
        return number.Kind == TokenKind.Number && number.Length <= 3 && number.End == tokens[period].Start
            && (period - 1 == first || number.Start >= lineStart && (period < 2 || tokens[period - 2].End <= lineStart));
    }

    private bool CanAbbreviationEndSentence(ReadOnlySpan<char> abbreviation)
    {
        if (_rules.IsSentenceFinalAbbreviation(abbreviation))
        {
            return true;
        }

        // Dotted acronyms (U.S.A., O.N.U.) may end a sentence; initials (J., J.-P.) and titles (M., Dr.) may not.
        if (abbreviation.ContainsAny('-', '\u2010', '\u2011'))
        {
            return false;
        }

        var periods = 0;
        var letters = 0;
        foreach (var c in abbreviation)
        {
            if (c == '.')
            {
                periods++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }

        return periods >= 2 && letters == periods;
    }

    private bool IsLineBoundary(string text, Token last, Token next, int lineStart, int wrapWidth)
    {
        if (!StartsSentence(text, next) || !IsLineEnd(text, last))
        {
            return false;
        }

        if (wrapWidth == 0)
        {
            return true;
        }

        // Wrapped text: the break is deliberate only if the next word would have fitted on this line.
        var lineLength = last.End - lineStart;
        return lineLength + 1 + next.Length <= wrapWidth;
    }

    // Whether a line ending with this token can stand alone (a headline or a heading, not a line cut mid-phrase).
    private bool IsLineEnd(string text, Token last)
    {
        var c = text[last.End - 1];
        switch (last.Kind)
        {
            case TokenKind.Punctuation:
                return c is not (',' or ';' or ':' or '«' or '“' or '(' or '[' or '-' or '–' or '—' or '‘' or '/');
            case TokenKind.Word:
                return CharClasses.Of(c) != CharClass.Apostrophe && !_rules.IsContinuationWord(last.Span);
            case TokenKind.Symbol:
                return c is not ('&' or '/' or '+');
            default:
                return true;
        }
    }

    // One pass that checks the tokens belong to the text (in order, in bounds) and estimates the wrapping width.
    private static int ValidateAndEstimateWrapWidth(string text, ReadOnlySpan<Token> tokens, CancellationToken cancellationToken)
    {
        var estimator = new WrapWidthEstimator(text);
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var previousEnd = i > 0 ? tokens[i - 1].End : 0;
            if (token.Start < previousEnd || token.End > text.Length || token.End <= token.Start
                || (i == 0 && !ReferenceEquals(token.Source, text) && !token.Span.SequenceEqual(text.AsSpan(token.Start, token.Length))))
            {
                throw new ArgumentException(Internal.ErrorMessages.TokensDoNotMatchText, nameof(tokens));
            }

            if ((i & (CheckInterval - 1)) == CheckInterval - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            estimator.Add(token);
        }

        return estimator.Width;
    }

    /// <summary>
    /// Estimates a fixed wrapping width from a text's tokens, fed in order (all at once or as a stream): wrapping shows as
    /// several line breaks followed by a lower-case word; then the widest line is the width. 0 when the text is not wrapped.
    /// </summary>
    internal struct WrapWidthEstimator(string text)
    {
        private Token _previous;
        private bool _started;
        private int _lineStart;
        private int _widest;
        private int _continuations;

        /// <summary>The width, or 0 for text that is not wrapped.</summary>
        public readonly int Width => _continuations >= 2 ? _widest : 0;

        public void Add(Token token)
        {
            if (!_started)
            {
                _started = true;
                _lineStart = LineStartBefore(text, token.Start);
                _previous = token;
                return;
            }

            var gap = text.AsSpan(_previous.End, token.Start - _previous.End);
            var previous = _previous;
            _previous = token;
            if (gap.IsEmpty)
            {
                return;
            }

            var breaks = LineBreaks(gap, out var lastBreak);
            if (breaks == 0)
            {
                return;
            }

            if (breaks == 1)
            {
                _widest = Math.Max(_widest, previous.End - _lineStart);
                if (char.IsLower(text[token.Start]) && !IsTerminal(text, previous))
                {
                    _continuations++;
                }
            }

            _lineStart = previous.End + lastBreak + 1;
        }
    }

    /// <summary>Counts line breaks in a gap (CR LF counts once; a paragraph or page separator counts as a blank line).</summary>
    internal static int LineBreaks(ReadOnlySpan<char> gap, out int lastBreak)
    {
        var count = 0;
        lastBreak = -1;

        // Most gaps are one space; longer ones are searched with a vectorized scan first.
        if (gap.Length <= 1 ? gap.IsEmpty || gap[0] == ' ' : gap.IndexOfAny(s_lineBreaks) < 0)
        {
            return 0;
        }

        for (var i = 0; i < gap.Length; i++)
        {
            switch (gap[i])
            {
                case '\n' or '\u0085' or '\u2028':
                    count++;
                    lastBreak = i;
                    break;
                case '\r':
                    if (i + 1 >= gap.Length || gap[i + 1] != '\n')
                    {
                        count++;
                        lastBreak = i;
                    }

                    break;
                case '\u2029' or '\f':
                    count += 2;
                    lastBreak = i;
                    break;
                default:
                    break;
            }
        }

        return count;
    }

    internal static int LineStartBefore(string text, int position)
    {
        var index = text.AsSpan(0, position).LastIndexOfAny('\n', '\r');
        return index + 1;
    }
}
