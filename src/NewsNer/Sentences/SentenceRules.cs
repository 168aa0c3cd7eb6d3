using System.Collections.Frozen;
using NewsNer.Internal;

namespace NewsNer.Sentences;

/// <summary>
/// The French word lists the sentence splitter consults, read once from the embedded files under <c>Resources/fr</c>.
/// Immutable; lookups take spans and allocate nothing.
/// </summary>
internal sealed class SentenceRules
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _sentenceFinalAbbreviations;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _continuationWords;

    private SentenceRules()
    {
        _sentenceFinalAbbreviations = EmbeddedResources.ReadLines("fr/sentence-final-abbreviations.txt")
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _continuationWords = EmbeddedResources.ReadLines("fr/line-continuation-words.txt")
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The rules of the embedded French data, loaded on first use.</summary>
    public static SentenceRules French { get; } = new();

    /// <summary>Whether an abbreviation token (period included) may also end a sentence (<c>etc.</c>).</summary>
    public bool IsSentenceFinalAbbreviation(ReadOnlySpan<char> abbreviation) => _sentenceFinalAbbreviations.Contains(abbreviation);

    /// <summary>Whether a line ending with <paramref name="word"/> must continue on the next line (<c>de</c>, <c>et</c>).</summary>
    public bool IsContinuationWord(ReadOnlySpan<char> word) => word.Length <= 12 && _continuationWords.Contains(word);
}
