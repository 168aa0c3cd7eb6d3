namespace NewsNer;

/// <summary>A character range <c>[Start, End)</c> of a document's original text (UTF-16 indices, end exclusive).</summary>
/// <param name="Start">Index of the first character (inclusive).</param>
/// <param name="End">Index just past the last character (exclusive).</param>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>Number of UTF-16 code units.</summary>
    public int Length => End - Start;

    /// <summary>Whether <paramref name="other"/> lies inside this range.</summary>
    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;

    /// <summary>Whether the two ranges share at least one character.</summary>
    public bool Overlaps(TextSpan other) => other.Start < End && Start < other.End;

    /// <summary>The characters of this range in <paramref name="text"/>.</summary>
    public string GetText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Substring(Start, Length);
    }
}
