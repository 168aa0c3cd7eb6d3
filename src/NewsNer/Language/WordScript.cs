namespace NewsNer.Language;

/// <summary>The writing system of a letter, as far as language identification cares.</summary>
internal enum WordScript
{
    /// <summary>Not a letter.</summary>
    None,

    /// <summary>Latin letters: ASCII, Latin-1, Latin Extended-A/B and Additional.</summary>
    Latin,

    /// <summary>Cyrillic.</summary>
    Cyrillic,

    /// <summary>Arabic (Arabic, Persian, Urdu…).</summary>
    Arabic,

    /// <summary>Hebrew.</summary>
    Hebrew,

    /// <summary>Greek.</summary>
    Greek,

    /// <summary>Armenian.</summary>
    Armenian,

    /// <summary>Georgian.</summary>
    Georgian,

    /// <summary>Devanagari.</summary>
    Devanagari,

    /// <summary>Bengali.</summary>
    Bengali,

    /// <summary>Tamil.</summary>
    Tamil,

    /// <summary>Thai.</summary>
    Thai,

    /// <summary>Ethiopic.</summary>
    Ethiopic,

    /// <summary>Han ideographs (Chinese, and Japanese kanji).</summary>
    Han,

    /// <summary>Hiragana and katakana.</summary>
    Kana,

    /// <summary>Hangul.</summary>
    Hangul,

    /// <summary>A letter of another script.</summary>
    Other,
}

/// <summary>Classifies UTF-16 code units into <see cref="WordScript"/>s.</summary>
internal static class WordScripts
{
    /// <summary>The script of a letter, or <see cref="WordScript.None"/> when <paramref name="c"/> is not a letter.</summary>
    public static WordScript Of(char c)
    {
        if (c < 0x80)
        {
            return char.IsAsciiLetter(c) ? WordScript.Latin : WordScript.None;
        }

        if (!char.IsLetter(c))
        {
            return WordScript.None;
        }

        return c switch
        {
            >= '\u00C0' and <= '\u024F' => WordScript.Latin,
            >= '\u1E00' and <= '\u1EFF' => WordScript.Latin,
            >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF' => WordScript.Greek,
            >= '\u0400' and <= '\u052F' => WordScript.Cyrillic,
            >= '\u0530' and <= '\u058F' => WordScript.Armenian,
            >= '\u0590' and <= '\u05FF' => WordScript.Hebrew,
            >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\u08A0' and <= '\u08FF' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' => WordScript.Arabic,
            >= '\u0900' and <= '\u097F' => WordScript.Devanagari,
            >= '\u0980' and <= '\u09FF' => WordScript.Bengali,
            >= '\u0B80' and <= '\u0BFF' => WordScript.Tamil,
            >= '\u0E00' and <= '\u0E7F' => WordScript.Thai,
            >= '\u10A0' and <= '\u10FF' => WordScript.Georgian,
            >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F' or >= '\uAC00' and <= '\uD7AF' => WordScript.Hangul,
            >= '\u1200' and <= '\u137F' => WordScript.Ethiopic,
            >= '\u3040' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\uFF66' and <= '\uFF9F' => WordScript.Kana,
            >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' => WordScript.Han,
            _ => WordScript.Other,
        };
    }
}
