using NewsNer.Tokenization;

namespace NewsNer.Sentences;

/// <summary>
/// Finds sentence boundaries over tokens. Immutable and thread-safe: use <see cref="Default"/>.
/// </summary>
/// <remarks>PLACEHOLDER implementation (., !, ? and blank lines); replaced by the French splitter of issue 2.</remarks>
public sealed class SentenceSplitter
{
    private SentenceSplitter()
    {
    }

    /// <summary>The shared splitter with the embedded French rules.</summary>
    public static SentenceSplitter Default { get; } = new();

    /// <summary>Splits the tokens of <paramref name="text"/> into sentences.</summary>
    public Sentence[] Split(string text, ReadOnlySpan<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<Sentence>();
        var first = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            var end = t.Length == 1 && (text[t.Start] is '.' or '!' or '?');
            var blankLineAfter = i + 1 < tokens.Length && text.AsSpan(t.End, tokens[i + 1].Start - t.End).Count('\n') >= 2;
            if (end || blankLineAfter || i == tokens.Length - 1)
            {
                sentences.Add(new Sentence(tokens[first].Start, t.End, first, i - first + 1));
                first = i + 1;
            }
        }

        return [.. sentences];
    }
}
