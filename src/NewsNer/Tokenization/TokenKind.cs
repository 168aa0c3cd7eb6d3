namespace NewsNer.Tokenization;

/// <summary>The lexical class of a <see cref="Token"/>, decided by the tokenizer from its characters.</summary>
public enum TokenKind : byte
{
    /// <summary>A word, including elided articles (<c>l'</c>), hyphenated compounds (<c>Jean-Yves</c>) and abbreviations (<c>M.</c>).</summary>
    Word,

    /// <summary>A number, date or time written with digits (<c>3,5</c>, <c>12 000</c>, <c>15/10/2025</c>, <c>14h30</c>, <c>1er</c>).</summary>
    Number,

    /// <summary>Punctuation: full stops, commas, quotes, brackets, dashes, ellipses.</summary>
    Punctuation,

    /// <summary>A symbol that is not punctuation (<c>%</c>, <c>€</c>, <c>+</c>, emoji).</summary>
    Symbol,

    /// <summary>A web address (<c>https://…</c>, <c>www.…</c>).</summary>
    Url,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A hashtag (<c>#Syrie</c>).</summary>
    Hashtag,

    /// <summary>A user mention (<c>@Elysee</c>).</summary>
    Mention,
}
