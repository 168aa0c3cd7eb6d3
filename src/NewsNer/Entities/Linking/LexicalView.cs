using NewsNer.Internal.Lexicons;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Entities.Linking;

/// <summary>
/// A document seen through the lexicons: its tokens, their word ids in <see cref="FrenchLexicons.Vocabulary"/> and
/// their function-word classes, computed once and shared by linking and event extraction.
/// </summary>
internal sealed class LexicalView
{
    public LexicalView(string text, Token[] tokens, Sentence[] sentences, FrenchLexicons lexicons, CancellationToken cancellationToken = default)
    {
        Cancellation = cancellationToken;
        Text = text;
        Tokens = tokens;
        Sentences = sentences;
        Lexicons = lexicons;
        Ids = new int[tokens.Length];
        lexicons.Vocabulary.Map(tokens, Ids);
        cancellationToken.ThrowIfCancellationRequested();
        Classes = new WordClass[tokens.Length];
        ClassLengths = new byte[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (lexicons.FunctionWords.CanStartWith(Ids[i]))
            {
                Classes[i] = lexicons.ClassAt(Ids, i, out var length);
                ClassLengths[i] = (byte)Math.Min(length, byte.MaxValue);
            }
        }

        SentenceOf = new int[tokens.Length];
        for (var s = 0; s < sentences.Length; s++)
        {
            var sentence = sentences[s];
            for (var t = sentence.FirstToken; t < sentence.EndToken && t < tokens.Length; t++)
            {
                SentenceOf[t] = s;
            }
        }
    }

    /// <summary>Cancels the work done over this view (linking checks it between its passes).</summary>
    public CancellationToken Cancellation { get; }

    public string Text { get; }

    public Token[] Tokens { get; }

    public Sentence[] Sentences { get; }

    public FrenchLexicons Lexicons { get; }

    /// <summary>Word id of each token (<see cref="Internal.Phrases.Vocabulary.Unknown"/> when no lexicon has it).</summary>
    public int[] Ids { get; }

    /// <summary>Classes of the longest function-word phrase starting at each token.</summary>
    public WordClass[] Classes { get; }

    /// <summary>Length in tokens of that phrase (0 when none).</summary>
    public byte[] ClassLengths { get; }

    /// <summary>Sentence index of each token.</summary>
    public int[] SentenceOf { get; }

    public int Count => Tokens.Length;

    /// <summary>Whether the function-word phrase at <paramref name="index"/> has any of <paramref name="classes"/>.</summary>
    public bool Is(int index, WordClass classes) => (uint)index < (uint)Tokens.Length && (Classes[index] & classes) != 0;

    /// <summary>Whether the token at <paramref name="index"/> is this single punctuation character.</summary>
    public bool IsChar(int index, char c)
    {
        if ((uint)index >= (uint)Tokens.Length)
        {
            return false;
        }

        var span = Tokens[index].Span;
        return span.Length == 1 && span[0] == c;
    }

    /// <summary>Whether the token is a comma.</summary>
    public bool IsComma(int index) => IsChar(index, ',');

    /// <summary>Whether the token starts with an upper-case letter.</summary>
    public bool IsCapitalized(int index) =>
        (uint)index < (uint)Tokens.Length && Tokens[index].Length > 0 && char.IsUpper(Tokens[index].Span[0]);

    /// <summary>Whether the token is punctuation that ends a clause (; : ! ? . and dashes, quotes excluded).</summary>
    public bool IsClauseBreak(int index)
    {
        if ((uint)index >= (uint)Tokens.Length || Tokens[index].Kind != TokenKind.Punctuation)
        {
            return false;
        }

        var span = Tokens[index].Span;
        return span.Length >= 1 && span[0] is ';' or ':' or '.' or '!' or '?' or '\u2014' or '\u2013' or '\u2026';
    }
}
