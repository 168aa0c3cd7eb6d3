namespace NewsNer.Entities;

/// <summary>
/// One mention of an entity in the text: the character range <c>[Start, End)</c>, its token range, its type and the
/// recognizer's confidence. The token range covers the tokens the characters fall in: a name written together with
/// another in one hyphenated token (<c>Séoul</c> and <c>Tokyo</c> in <c>Séoul-Tokyo</c>) is a mention of part of that
/// token, and both mentions have the same token range.
/// </summary>
/// <param name="Start">UTF-16 index of the first character (inclusive).</param>
/// <param name="End">UTF-16 index just past the last character (exclusive).</param>
/// <param name="FirstToken">Index of the first token in <see cref="Document.Tokens"/>.</param>
/// <param name="TokenCount">Number of tokens.</param>
/// <param name="Type">The entity type.</param>
/// <param name="Sentence">Index of the sentence in <see cref="Document.Sentences"/>.</param>
/// <param name="Confidence">Probability-like score in [0, 1] that this exact span has this type.</param>
/// <param name="Kind">Proper name or nominal description.</param>
public readonly record struct EntityMention(
    int Start,
    int End,
    int FirstToken,
    int TokenCount,
    EntityType Type,
    int Sentence,
    float Confidence,
    MentionKind Kind = MentionKind.Name)
{
    /// <summary>Number of UTF-16 code units.</summary>
    public int Length => End - Start;

    /// <summary>Index just past the mention's last token.</summary>
    public int EndToken => FirstToken + TokenCount;

    /// <summary>The character range of the mention.</summary>
    public TextSpan Span => new(Start, End);
}
