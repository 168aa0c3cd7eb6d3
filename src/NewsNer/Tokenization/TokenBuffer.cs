using System.Buffers;

namespace NewsNer.Tokenization;

/// <summary>
/// A growable token list over pooled arrays: tokenizing allocates only the exact-size result array.
/// Dispose to return the pooled array (its used part is cleared so the pool keeps no reference to the text).
/// </summary>
internal struct TokenBuffer : IDisposable
{
    private Token[] _items;
    private int _count;

    public TokenBuffer(int capacity)
    {
        _items = ArrayPool<Token>.Shared.Rent(Math.Max(capacity, 16));
        _count = 0;
    }

    public readonly int Count => _count;

    public void Add(string source, int start, int end, TokenKind kind)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        _items[_count++] = new Token(source, start, end, kind, trusted: true);
    }

    public readonly Token[] ToArray() => _count == 0 ? [] : _items.AsSpan(0, _count).ToArray();

    public void Dispose()
    {
        var items = _items;
        if (items is null)
        {
            return;
        }

        items.AsSpan(0, _count).Clear();
        _items = null!;
        _count = 0;
        ArrayPool<Token>.Shared.Return(items);
    }

    private void Grow()
    {
        var larger = ArrayPool<Token>.Shared.Rent(_items.Length * 2);
        _items.AsSpan(0, _count).CopyTo(larger);
        _items.AsSpan(0, _count).Clear();
        ArrayPool<Token>.Shared.Return(_items);
        _items = larger;
    }
}
