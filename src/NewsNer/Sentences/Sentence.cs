namespace NewsNer.Sentences;

/// <summary>
/// A sentence: the character range <c>[Start, End)</c> of the original text and the range of tokens it covers,
/// <c>[FirstToken, FirstToken + TokenCount)</c> in <see cref="Document.Tokens"/>.
/// </summary>
/// <param name="Start">UTF-16 index of the sentence's first character (inclusive).</param>
/// <param name="End">UTF-16 index just past its last character (exclusive).</param>
/// <param name="FirstToken">Index of its first token in <see cref="Document.Tokens"/>.</param>
/// <param name="TokenCount">Number of tokens in the sentence.</param>
public readonly record struct Sentence(int Start, int End, int FirstToken, int TokenCount)
{
    /// <summary>Number of UTF-16 code units.</summary>
    public int Length => End - Start;

    /// <summary>Index just past the sentence's last token in <see cref="Document.Tokens"/>.</summary>
    public int EndToken => FirstToken + TokenCount;
}
