namespace NewsNer.Internal;

/// <summary>
/// A list that grows by chunks small enough to stay off the large object heap, for the results that accumulate over a
/// long text (sentences, the mentions of an entity): a <see cref="List{T}"/> doubling to millions of items leaves a trail
/// of large arrays that the collector does not compact, which once cost a 50 MB text more than 100 MB of resident
/// memory. Indexing is O(1); <see cref="ToArray"/> allocates the one exact-size array. Not thread-safe.
/// </summary>
internal sealed class ChunkedList<T>
{
    // 2,048 items of up to 32 bytes: 64 KB, under the 85,000-byte threshold of the large object heap.
    private const int ChunkShift = 11;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _chunks[index >> ChunkShift][index & ChunkMask];
        }
    }

    public void Add(T item)
    {
        if ((Count & ChunkMask) == 0)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[^1][Count & ChunkMask] = item;
        Count++;
    }

    /// <summary>The items in one exact-size array.</summary>
    public T[] ToArray()
    {
        if (Count == 0)
        {
            return [];
        }

        var array = new T[Count];
        for (var c = 0; c < _chunks.Count; c++)
        {
            var length = Math.Min(ChunkSize, Count - (c << ChunkShift));
            _chunks[c].AsSpan(0, length).CopyTo(array.AsSpan(c << ChunkShift));
        }

        return array;
    }

    /// <summary>Empties the list and lets its chunks go.</summary>
    public void Clear()
    {
        _chunks.Clear();
        _chunks.TrimExcess();
        Count = 0;
    }
}
