using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Tests.Tokenization;

/// <summary>A random text made of French news fragments, separators and hostile characters.</summary>
public sealed record NewsLikeText(string Value)
{
    /// <inheritdoc />
    public override string ToString() => string.Concat(Value.Select(c => c < 0x20 || char.IsSurrogate(c) || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));
}

/// <summary>FsCheck generators for <see cref="NewsLikeText"/>.</summary>
public static class NewsTextGenerators
{
    private static readonly string[] s_fragments =
    [
        "a", "e", "é", "è", "à", "ç", "ô", "œ", "Œ", "É", "Z", "x", "l", "L", "d", "D", "n", "N", "qu", "Qu", "jusqu", "t", "s", "c",
        "h", "H", "i", "il", "elle", "on", "ci", "là", "Al", "Chaar", "aujourd", "hui", "presqu", "île", "Djamena",
        "'", "’", "`", "ʼ", "‘", "-", "‐", "‑", "–", "—", ".", "..", "...", "…", ",", ";", ":", "!", "?", "?!",
        "«", "»", "\"", "“", "”", "(", ")", "[", "]", "<p>", "</p>", "&", "#", "@", "/", "%", "€", "$", "_", "·",
        "0", "1", "2", "3", "12", "000", "2025", "14h30", "1er", "XXI", "e", "er",
        " ", " ", " ", "  ", "\u00A0", "\u202F", "\u2009", "\u3000", "\t", "\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\f",
        "\u0000", "\u0007", "\u001F", "\u007F", "\u0085", "\u200B", "\uFEFF", "\u200E", "\u00AD", "\u0301", "\u200D", "\uFE0F",
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "😀", "🏽", "🇫", "🇷", "𝐀", "北京", "Москва", "الشرع",
        "M.", "J.", "U.S.A.", "etc.", "J.-C.", "http://", "https://", "www.", "lemonde.fr", "a@b.fr", "M€",
    ];

    /// <summary>Texts of up to a few hundred characters built from <see cref="s_fragments"/>.</summary>
    public static Arbitrary<NewsLikeText> NewsLikeText() =>
        Gen.Elements(s_fragments).ArrayOf().Select(parts => new NewsLikeText(string.Concat(parts))).ToArbitrary();
}

public class TokenizerPropertyTests
{
    [Property(Arbitrary = [typeof(NewsTextGenerators)], MaxTest = 1000)]
    public void Tokens_are_ordered_exact_and_rebuild_the_text(NewsLikeText input)
    {
        var text = input.Value;
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        var previousEnd = 0;
        var rebuilt = new System.Text.StringBuilder(text.Length);
        foreach (var token in tokens)
        {
            Assert.True(token.Start >= previousEnd, $"token {token} overlaps or goes back");
            Assert.True(token.End > token.Start && token.End <= text.Length, $"token {token} out of bounds");
            Assert.Equal(text.Substring(token.Start, token.Length), token.Text);
            var gap = text.AsSpan(previousEnd, token.Start - previousEnd);
            AssertOnlySkippable(gap);
            rebuilt.Append(gap).Append(token.Span);

            // A surrogate pair is never cut.
            Assert.False(char.IsLowSurrogate(text[token.Start]) && token.Start > 0 && char.IsHighSurrogate(text[token.Start - 1]), $"token {token} starts inside a pair");
            Assert.False(char.IsHighSurrogate(text[token.End - 1]) && token.End < text.Length && char.IsLowSurrogate(text[token.End]), $"token {token} ends inside a pair");
            previousEnd = token.End;
        }

        AssertOnlySkippable(text.AsSpan(previousEnd));
        rebuilt.Append(text.AsSpan(previousEnd));
        Assert.Equal(text, rebuilt.ToString());
        Assert.Equal(tokens.Length, FrenchTokenizer.Default.CountTokens(text));
    }

    [Property(Arbitrary = [typeof(NewsTextGenerators)], MaxTest = 1000)]
    public void Sentences_cover_every_token_once_in_order(NewsLikeText input)
    {
        var text = input.Value;
        var tokens = FrenchTokenizer.Default.Tokenize(text);
        var sentences = SentenceSplitter.Default.Split(text, tokens.AsSpan());
        var next = 0;
        foreach (var sentence in sentences)
        {
            Assert.Equal(next, sentence.FirstToken);
            Assert.True(sentence.TokenCount > 0);
            Assert.Equal(tokens[sentence.FirstToken].Start, sentence.Start);
            Assert.Equal(tokens[sentence.EndToken - 1].End, sentence.End);
            next = sentence.EndToken;
        }

        Assert.Equal(tokens.Length, next);
    }

    // What the tokenizer may skip between tokens: white space, control characters and invisible format marks.
    private static void AssertOnlySkippable(ReadOnlySpan<char> gap)
    {
        foreach (var c in gap)
        {
            Assert.True(
                char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200B' or '\u2060' or '\uFEFF' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'),
                $"U+{(int)c:X4} was skipped");
        }
    }
}
