using System.Diagnostics;

namespace NewsNer.Tokenization;

/// <summary>
/// A token: a slice of the original, untouched text. <see cref="Start"/> is inclusive and <see cref="End"/> exclusive,
/// both UTF-16 indices into <see cref="Source"/>, so <c>Source[Start..End] == Text</c> always holds.
/// </summary>
/// <remarks>
/// A token is a small value that references the source string instead of copying it: tokenizing allocates only the
/// token array. <see cref="Text"/> and <see cref="Norm"/> create strings on demand; <see cref="Span"/> does not.
/// It takes 16 bytes: the source reference and one 64-bit word packing start, end (30 bits each: a .NET string has
/// fewer than 2^30 characters) and kind (4 bits).
/// </remarks>
[DebuggerDisplay("{Kind} [{Start}..{End}) {Text}")]
public readonly struct Token : IEquatable<Token>
{
    private const int OffsetBits = 30;
    private const ulong OffsetMask = (1UL << OffsetBits) - 1;

    private readonly string _source;

    // Bits 0-29: start; 30-59: end; 60-63: kind.
    private readonly ulong _packed;

    /// <summary>Creates a token over <paramref name="source"/>; the range must lie inside it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty, reversed or outside the text.</exception>
    public Token(string source, int start, int end, TokenKind kind)
    {
        ArgumentNullException.ThrowIfNull(source);
        if ((uint)start >= (uint)source.Length || end <= start || end > source.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(end), $"Token range [{start}, {end}) is empty or outside a text of length {source.Length}.");
        }

        if ((uint)kind > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown token kind.");
        }

        _source = source;
        _packed = Pack(start, end, kind);
    }

    // Used by the tokenizer on its hot path, where the range is correct by construction.
    internal Token(string source, int start, int end, TokenKind kind, bool trusted)
    {
        Debug.Assert(trusted && start >= 0 && end > start && end <= source.Length);
        _source = source;
        _packed = Pack(start, end, kind);
    }

    /// <summary>The text this token was cut from.</summary>
    public string Source => _source ?? string.Empty;

    /// <summary>UTF-16 index of the first character (inclusive).</summary>
    public int Start => (int)(_packed & OffsetMask);

    /// <summary>UTF-16 index just past the last character (exclusive).</summary>
    public int End => (int)((_packed >> OffsetBits) & OffsetMask);

    /// <summary>Number of UTF-16 code units.</summary>
    public int Length => End - Start;

    /// <summary>The lexical class of the token.</summary>
    public TokenKind Kind => (TokenKind)(_packed >> (2 * OffsetBits));

    /// <summary>The token's characters, without allocating.</summary>
    public ReadOnlySpan<char> Span => _source is null ? default : _source.AsSpan(Start, End - Start);

    /// <summary>The token's characters as a new string, exactly as in the source.</summary>
    public string Text => _source is null ? string.Empty : _source.Substring(Start, End - Start);

    /// <summary>
    /// The normalized form: lower case, typographic apostrophes and quotes read as ASCII (<c>’</c> → <c>'</c>),
    /// non-breaking and thin spaces read as spaces. See <see cref="TokenNormalizer"/>.
    /// </summary>
    public string Norm => TokenNormalizer.Normalize(Span);

    /// <inheritdoc />
    public bool Equals(Token other) => _packed == other._packed && ReferenceEquals(_source, other._source);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Token other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _packed.GetHashCode();

    /// <summary>Compares two tokens by range, kind and source.</summary>
    public static bool operator ==(Token left, Token right) => left.Equals(right);

    /// <summary>Compares two tokens by range, kind and source.</summary>
    public static bool operator !=(Token left, Token right) => !left.Equals(right);

    private static ulong Pack(int start, int end, TokenKind kind) =>
        (uint)start | ((ulong)(uint)end << OffsetBits) | ((ulong)kind << (2 * OffsetBits));

    /// <inheritdoc />
    public override string ToString() => $"{Text} [{Start}..{End}) {Kind}";
}
