using System.Collections.Frozen;
using NewsNer.Tokenization;

namespace NewsNer.Internal.Phrases;

/// <summary>
/// The words of the embedded lexicons, each with a small integer id, looked up by token span without allocating.
/// Words are keyed by their folded form (<see cref="TextFolding"/>), except the few French words that an accent
/// tells apart from another word (<c>à</c>/<c>a</c>, <c>où</c>/<c>ou</c>, <c>là</c>/<c>la</c>): those keep their
/// accents. Immutable and thread-safe.
/// </summary>
internal sealed class Vocabulary
{
    /// <summary>The id of a token that no lexicon contains.</summary>
    public const int Unknown = -1;

    /// <summary>Longer tokens are never lexicon words (and would not fit the stack buffer).</summary>
    public const int MaxWordLength = 64;

    /// <summary>Marks a folded key shared by words that only accents tell apart: the exact form decides.</summary>
    private const int AccentDecides = -2;

    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _folded;
    private readonly string[] _words;

    internal Vocabulary(Dictionary<string, int> exact, Dictionary<string, int> folded, string[] words)
    {
        // One lookup by folded form for almost every token; the few folds of accent-sensitive words (a/à, ou/où)
        // send the lookup to the exact form.
        var all = new Dictionary<string, int>(folded, StringComparer.Ordinal);
        foreach (var key in exact.Keys)
        {
            all[TextFolding.Fold(key)] = AccentDecides;
        }

        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _folded = all.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _words = words;
    }

    /// <summary>Number of distinct words.</summary>
    public int Count => _words.Length;

    /// <summary>The key of a word id (for diagnostics).</summary>
    public string this[int id] => id >= 0 && id < _words.Length ? _words[id] : "?";

    /// <summary>The id of a token's word, or <see cref="Unknown"/>.</summary>
    public int Lookup(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty || token.Length > MaxWordLength)
        {
            return Unknown;
        }

        // A capital A standing alone is the preposition à written without its accent (A Moscou, ...).
        if (token.Length == 1 && token[0] == 'A')
        {
            token = "à";
        }

        Span<char> buffer = stackalloc char[token.Length];
        TextFolding.Fold(token, buffer);
        if (!_folded.TryGetValue(buffer, out var id))
        {
            return Unknown;
        }

        if (id != AccentDecides)
        {
            return id;
        }

        TokenNormalizer.Normalize(token, buffer);
        return _exact.TryGetValue(buffer, out id) ? id : Unknown;
    }

    /// <summary>Writes the word id of every token into <paramref name="ids"/>.</summary>
    public void Map(ReadOnlySpan<Token> tokens, Span<int> ids)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            ids[i] = token.Kind is TokenKind.Word or TokenKind.Punctuation or TokenKind.Number ? Lookup(token.Span) : Unknown;
        }
    }
}

/// <summary>Collects the words of the lexicons while they load; <see cref="Build"/> freezes them.</summary>
internal sealed class VocabularyBuilder(IReadOnlySet<string> accentSensitive)
{
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _folded = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];

    /// <summary>The id of a word, added if new.</summary>
    public int Add(ReadOnlySpan<char> word)
    {
        var normalized = TokenNormalizer.Normalize(word);
        var sensitive = accentSensitive.Contains(normalized);
        var key = sensitive ? normalized : TextFolding.Fold(normalized);
        var map = sensitive ? _exact : _folded;
        if (!map.TryGetValue(key, out var id))
        {
            id = _words.Count;
            map[key] = id;
            _words.Add(key);
        }

        return id;
    }

    /// <summary>
    /// The word ids of a phrase, tokenized by the library's own tokenizer so that lexicon phrases and text split the
    /// same way (<c>l'</c>, <c>aujourd'hui</c>, <c>vice-président</c>).
    /// </summary>
    public int[] AddPhrase(string phrase)
    {
        // A phrase ending in an elision ("d'", "lors d'") is tokenized as in running text, where a word follows it.
        var elided = phrase.Length > 1 && TokenNormalizer.NormalizeChar(phrase[^1]) == '\'';
        var tokens = FrenchTokenizer.Default.Tokenize(elided ? phrase + "a" : phrase);
        if (elided && tokens.Length > 1 && tokens[^1].Span is "a")
        {
            tokens = tokens[..^1];
        }

        var ids = new int[tokens.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Add(tokens[i].Span);
        }

        return ids;
    }

    /// <summary>Freezes the words.</summary>
    public Vocabulary Build() => new(_exact, _folded, [.. _words]);
}
