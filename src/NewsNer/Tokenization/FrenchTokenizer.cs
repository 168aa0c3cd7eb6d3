using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace NewsNer.Tokenization;

/// <summary>
/// Splits French news text into tokens without changing it. Immutable and thread-safe: use <see cref="Default"/>.
/// </summary>
/// <remarks>PLACEHOLDER implementation (whitespace and punctuation); replaced by the rule-based tokenizer of issue 2.</remarks>
public sealed class FrenchTokenizer
{
    private FrenchTokenizer()
    {
    }

    /// <summary>The shared tokenizer with the embedded French rules.</summary>
    public static FrenchTokenizer Default { get; } = new();

    /// <summary>Tokenizes <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public ImmutableArray<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ImmutableCollectionsMarshal.AsImmutableArray(TokenizeToArray(text));
    }

    internal Token[] TokenizeToArray(string text)
    {
        var tokens = new List<Token>(text.Length / 5 + 1);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsLetterOrDigit(c))
            {
                while (i < text.Length && char.IsLetterOrDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(text, start, i, char.IsDigit(c) ? TokenKind.Number : TokenKind.Word, trusted: true));
                continue;
            }

            i += char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            tokens.Add(new Token(text, start, i, char.IsPunctuation(c) ? TokenKind.Punctuation : TokenKind.Symbol, trusted: true));
        }

        return [.. tokens];
    }
}
