using System.Globalization;

namespace NewsNer.Tokenization;

/// <summary>The tokenizer's view of a UTF-16 code unit, precomputed for all 65,536 of them.</summary>
internal enum CharClass : byte
{
    /// <summary>A symbol: currency, math, emoji in the BMP, private use, unassigned.</summary>
    Symbol,

    /// <summary>Skipped between tokens: Unicode white space, control characters, zero-width and bidi format marks.</summary>
    Gap,

    /// <summary>A letter (any script) or a letter-like number (², ½).</summary>
    Letter,

    /// <summary>A decimal digit (any script).</summary>
    Digit,

    /// <summary>Continues a word but cannot start one: combining marks, soft hyphen, zero-width joiners.</summary>
    Joiner,

    /// <summary>An apostrophe or a character used as one: ' ’ ‘ ` ʼ ´.</summary>
    Apostrophe,

    /// <summary>A hyphen that can join a compound: - ‐ ‑.</summary>
    Hyphen,

    /// <summary>The full stop.</summary>
    Period,

    /// <summary>Punctuation other than the above (quotes, brackets, dashes, commas, ! ? …).</summary>
    Punctuation,

    /// <summary>The first half of a surrogate pair.</summary>
    HighSurrogate,

    /// <summary>The second half of a surrogate pair.</summary>
    LowSurrogate,
}

/// <summary>The precomputed <see cref="CharClass"/> table; one array load per character on the hot path.</summary>
internal static class CharClasses
{
    private static readonly CharClass[] s_table = Build();

    public static CharClass Of(char c) => s_table[c];

    /// <summary>The whole table, for loops that hoist the field load.</summary>
    public static CharClass[] Table => s_table;

    public static bool IsWordPart(CharClass c) => c is CharClass.Letter or CharClass.Digit or CharClass.Joiner;

    public static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';

    private static CharClass[] Build()
    {
        var table = new CharClass[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            table[i] = Classify((char)i);
        }

        return table;
    }

    private static CharClass Classify(char c)
    {
        switch (c)
        {
            // ʼ (a modifier letter) and ´ (a symbol) are typed as apostrophes in real articles ("d`Angola", "lʼagence").
            case '\'' or '\u2019' or '\u2018' or '`' or '\u02BC' or '\u00B4':
                return CharClass.Apostrophe;
            case '-' or '\u2010' or '\u2011':
                return CharClass.Hyphen;
            case '.':
                return CharClass.Period;
            // Invisible format characters between words: zero-width space, word joiner, BOM, bidi marks and embeddings.
            case '\u200B' or '\u2060' or '\uFEFF' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'):
                return CharClass.Gap;
            // Punctuation by Unicode category, but symbols for the tokenizer (they never end a clause).
            case '%' or '\u2030' or '\u2031' or '&' or '*' or '@' or '#' or '\u00A7' or '\u00B6' or '\u2020' or '\u2021' or '/' or '\\' or '\u2116':
                return CharClass.Symbol;
            default:
                break;
        }

        if (char.IsWhiteSpace(c))
        {
            return CharClass.Gap;
        }

        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control => CharClass.Gap,
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharClass.Letter,
            UnicodeCategory.DecimalDigitNumber => CharClass.Digit,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format => CharClass.Joiner,
            UnicodeCategory.Surrogate => char.IsHighSurrogate(c) ? CharClass.HighSurrogate : CharClass.LowSurrogate,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => CharClass.Punctuation,
            _ => CharClass.Symbol,
        };
    }
}
