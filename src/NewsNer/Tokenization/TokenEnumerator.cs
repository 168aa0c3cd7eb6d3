namespace NewsNer.Tokenization;

/// <summary>
/// Streams the tokens of a text without allocating (see <see cref="FrenchTokenizer.EnumerateTokens"/>).
/// A mutable struct: use it once, with <c>foreach</c>.
/// </summary>
public struct TokenEnumerator
{
    private readonly FrenchTokenizer _tokenizer;
    private readonly string _text;
    private int _position;

    internal TokenEnumerator(FrenchTokenizer tokenizer, string text)
    {
        _tokenizer = tokenizer;
        _text = text;
        _position = 0;
        Current = default;
    }

    /// <summary>The current token (valid after <see cref="MoveNext"/> returned true).</summary>
    public Token Current { get; private set; }

    /// <summary>Returns this enumerator, so that <c>foreach</c> works on it directly.</summary>
    public readonly TokenEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next token; false at the end of the text.</summary>
    public bool MoveNext()
    {
        if (_tokenizer is null || !_tokenizer.NextToken(_text, ref _position, out var start, out var end, out var kind))
        {
            return false;
        }

        Current = new Token(_text, start, end, kind, trusted: true);
        return true;
    }
}
