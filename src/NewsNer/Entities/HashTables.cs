using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NewsNer.Entities;

/// <summary>
/// Open-addressing tables keyed by 64-bit hashes, stored ready to use (no building at load time): the slot is the low bits
/// of the hash, the 32-bit tag its high bits (0 marks an empty slot), with linear probing. Tables are written with a load
/// factor of at most one half, so probes stay short.
/// </summary>
internal static class HashTables
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Tag(ulong hash)
    {
        var tag = (uint)(hash >> 32);
        return tag == 0 ? 1u : tag;
    }

    /// <summary>Finds the slot of <paramref name="hash"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Find(ReadOnlySpan<uint> tags, ulong hash)
    {
        if (tags.Length == 0)
        {
            return -1;
        }

        var mask = tags.Length - 1;
        var tag = Tag(hash);
        var slot = (int)hash & mask;
        while (true)
        {
            var t = tags[slot];
            if (t == tag)
            {
                return slot;
            }

            if (t == 0)
            {
                return -1;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>
    /// Asks the processor to load the first probe slot of <paramref name="hash"/> into the cache ahead of a
    /// <see cref="Find"/>, so that lookups of several keys overlap their memory waits. No effect on results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(uint[] tags, ulong hash)
    {
        if (Sse.IsSupported && tags.Length != 0)
        {
            fixed (uint* table = tags)
            {
                Sse.Prefetch0(table + ((int)hash & (tags.Length - 1)));
            }
        }
    }

    /// <summary>Capacity (a power of two) for <paramref name="count"/> keys at a load factor of at most one half.</summary>
    public static int CapacityFor(int count)
    {
        var capacity = 16;
        while (capacity < count * 2)
        {
            capacity <<= 1;
        }

        return capacity;
    }

    /// <summary>Inserts a key into a tag array being built; returns its slot (existing or new).</summary>
    public static int Insert(uint[] tags, ulong hash)
    {
        var mask = tags.Length - 1;
        var tag = Tag(hash);
        var slot = (int)hash & mask;
        while (tags[slot] != 0 && tags[slot] != tag)
        {
            slot = (slot + 1) & mask;
        }

        tags[slot] = tag;
        return slot;
    }
}
