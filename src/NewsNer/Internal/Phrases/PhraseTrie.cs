using System.Collections.Frozen;

namespace NewsNer.Internal.Phrases;

/// <summary>
/// Multi-word phrases over <see cref="Vocabulary"/> ids, each carrying values, matched at a token position (longest
/// match, or every match). Immutable and thread-safe once built.
/// </summary>
internal sealed class PhraseTrie<T>
{
    private readonly FrozenDictionary<long, int> _edges;
    private readonly T[][] _values;
    private readonly bool[] _firstWords;

    private PhraseTrie(FrozenDictionary<long, int> edges, T[][] values, bool[] firstWords)
    {
        _edges = edges;
        _values = values;
        _firstWords = firstWords;
    }

    /// <summary>Whether some phrase starts with this word.</summary>
    public bool CanStartWith(int wordId) => (uint)wordId < (uint)_firstWords.Length && _firstWords[wordId];

    /// <summary>
    /// The longest phrase starting at <paramref name="start"/>: its length in tokens (0 when none) and its values.
    /// </summary>
    public int Longest(ReadOnlySpan<int> ids, int start, out T[] values)
    {
        values = [];
        if (start < 0 || start >= ids.Length || !CanStartWith(ids[start]))
        {
            return 0;
        }

        var node = 0;
        var best = 0;
        for (var i = start; i < ids.Length; i++)
        {
            if (ids[i] < 0 || !_edges.TryGetValue(Key(node, ids[i]), out node))
            {
                break;
            }

            if (_values[node].Length > 0)
            {
                best = i - start + 1;
                values = _values[node];
            }
        }

        return best;
    }

    /// <summary>The longest phrase starting at <paramref name="start"/> with a value that passes <paramref name="filter"/>.</summary>
    public int Longest(ReadOnlySpan<int> ids, int start, Func<T, bool> filter, out T value)
    {
        value = default!;
        if (start < 0 || start >= ids.Length || !CanStartWith(ids[start]))
        {
            return 0;
        }

        var node = 0;
        var best = 0;
        for (var i = start; i < ids.Length; i++)
        {
            if (ids[i] < 0 || !_edges.TryGetValue(Key(node, ids[i]), out node))
            {
                break;
            }

            foreach (var candidate in _values[node])
            {
                if (filter(candidate))
                {
                    best = i - start + 1;
                    value = candidate;
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>Every phrase starting at <paramref name="start"/>, shortest first, as (length, value) pairs.</summary>
    public void AllMatches(ReadOnlySpan<int> ids, int start, List<(int Length, T Value)> output)
    {
        if (start < 0 || start >= ids.Length || !CanStartWith(ids[start]))
        {
            return;
        }

        var node = 0;
        for (var i = start; i < ids.Length; i++)
        {
            if (ids[i] < 0 || !_edges.TryGetValue(Key(node, ids[i]), out node))
            {
                break;
            }

            foreach (var value in _values[node])
            {
                output.Add((i - start + 1, value));
            }
        }
    }

    private static long Key(int node, int word) => ((long)node << 32) | (uint)word;

    /// <summary>Collects phrases; <see cref="Build"/> freezes them.</summary>
    internal sealed class Builder
    {
        private readonly Dictionary<long, int> _edges = [];
        private readonly List<List<T>> _values = [[]];
        private readonly HashSet<int> _firstWords = [];

        /// <summary>Number of phrases added.</summary>
        public int Count { get; private set; }

        /// <summary>Adds a phrase (its word ids) with a value; a phrase may carry several values.</summary>
        public void Add(ReadOnlySpan<int> phrase, T value)
        {
            if (phrase.IsEmpty)
            {
                return;
            }

            var node = 0;
            foreach (var word in phrase)
            {
                var key = Key(node, word);
                if (!_edges.TryGetValue(key, out var next))
                {
                    next = _values.Count;
                    _values.Add([]);
                    _edges[key] = next;
                }

                node = next;
            }

            _firstWords.Add(phrase[0]);
            if (!_values[node].Contains(value))
            {
                _values[node].Add(value);
                Count++;
            }
        }

        /// <summary>Freezes the phrases.</summary>
        public PhraseTrie<T> Build()
        {
            // A dense table of first words: one array read per token instead of a hash lookup.
            var first = new bool[_firstWords.Count == 0 ? 0 : _firstWords.Max() + 1];
            foreach (var word in _firstWords)
            {
                first[word] = true;
            }

            return new(_edges.ToFrozenDictionary(), [.. _values.Select(v => v.ToArray())], first);
        }

        /// <summary>The first word of every phrase added so far.</summary>
        public IReadOnlyCollection<int> FirstWords => _firstWords;
    }
}
