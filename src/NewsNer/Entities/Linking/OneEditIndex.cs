namespace NewsNer.Entities.Linking;

/// <summary>
/// Finds, among the name parts of a document, those one edit apart from a given part (<see cref="EntityLinker.OneEditApart"/>:
/// one letter replaced, added, removed, or two neighbours swapped) without comparing it with every part: each short part
/// is indexed under itself and under each form with one letter deleted, and two parts one edit apart always share such
/// a form (symmetric deletion). Parts come back in the order they were added. One instance per document.
/// </summary>
internal sealed class OneEditIndex
{
    // Longer parts are not expanded into deletion forms (a 1 MB "word" would give a million of them): they are few, and
    // compared directly with long queries.
    private const int MaxIndexedLength = 24;

    private readonly Dictionary<string, List<int>> _byForm = new(StringComparer.Ordinal);
    private readonly List<string> _parts = [];
    private readonly List<int> _long = [];

    /// <summary>Adds a part; it gets the next rank (0, 1, 2, …).</summary>
    public void Add(string part)
    {
        var rank = _parts.Count;
        _parts.Add(part);
        if (part.Length > MaxIndexedLength)
        {
            _long.Add(rank);
            return;
        }

        IndexUnder(part, rank);
        for (var i = 0; i < part.Length; i++)
        {
            IndexUnder(string.Concat(part.AsSpan(0, i), part.AsSpan(i + 1)), rank);
        }
    }

    /// <summary>
    /// The parts one edit apart from <paramref name="query"/> whose rank passes <paramref name="rankFilter"/>, in rank
    /// order, into <paramref name="output"/> (cleared first).
    /// </summary>
    public void Find(string query, Func<int, bool> rankFilter, List<string> output)
    {
        output.Clear();
        var ranks = new SortedSet<int>();
        if (query.Length <= MaxIndexedLength + 1)
        {
            Collect(query, ranks);
            for (var i = 0; i < query.Length; i++)
            {
                Collect(string.Concat(query.AsSpan(0, i), query.AsSpan(i + 1)), ranks);
            }
        }

        if (query.Length >= MaxIndexedLength)
        {
            ranks.UnionWith(_long);
        }

        foreach (var rank in ranks)
        {
            if (rankFilter(rank) && EntityLinker.OneEditApart(_parts[rank], query))
            {
                output.Add(_parts[rank]);
            }
        }
    }

    private void Collect(string form, SortedSet<int> ranks)
    {
        if (_byForm.TryGetValue(form, out var list))
        {
            ranks.UnionWith(list);
        }
    }

    private void IndexUnder(string form, int rank)
    {
        if (!_byForm.TryGetValue(form, out var list))
        {
            _byForm[form] = list = [];
        }

        if (list.Count == 0 || list[^1] != rank)
        {
            list.Add(rank);
        }
    }
}
