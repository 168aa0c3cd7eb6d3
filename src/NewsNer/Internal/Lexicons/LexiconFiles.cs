using NewsNer.Internal.Phrases;

namespace NewsNer.Internal.Lexicons;

/// <summary>Readers of the embedded language data files (TSV tables and phrase lists) shared by the lexicon loaders.</summary>
internal static class LexiconFiles
{
    public static PhraseTrie<T> LoadSimple<T>(VocabularyBuilder vocabulary, string path, Func<string, T> parse)
    {
        var trie = new PhraseTrie<T>.Builder();
        foreach (var cells in ReadTsv(path, 2))
        {
            trie.Add(vocabulary.AddPhrase(cells[0]), parse(cells[1]));
        }

        return trie.Build();
    }

    public static PhraseTrie<bool> LoadList(VocabularyBuilder vocabulary, string path) => LoadList(vocabulary, EmbeddedResources.ReadLines(path));

    public static PhraseTrie<bool> LoadList(VocabularyBuilder vocabulary, IEnumerable<string> phrases)
    {
        var trie = new PhraseTrie<bool>.Builder();
        foreach (var phrase in phrases)
        {
            trie.Add(vocabulary.AddPhrase(phrase), true);
        }

        return trie.Build();
    }

    public static IEnumerable<string[]> ReadTsv(string path, int columns)
    {
        foreach (var line in EmbeddedResources.ReadLines(path))
        {
            var cells = line.Split('\t');
            if (cells.Length < columns)
            {
                throw new InvalidOperationException(ErrorMessages.BadLexicon(path, $"line '{line}' has {cells.Length} columns, {columns} expected"));
            }

            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = cells[i].Trim();
            }

            yield return cells;
        }
    }

    public static string? NullIfDash(string cell) => cell is "-" or "" ? null : cell;
}
