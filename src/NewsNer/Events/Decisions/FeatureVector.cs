using NewsNer.Entities;

namespace NewsNer.Events.Decisions;

/// <summary>
/// The features of one decision example: sparse, hashed into <see cref="Dimension"/> slots. A feature is a template
/// (an enum member of the decision's feature list) with an optional value (a word, a class, a bucket); its slot is a
/// hash of both, so no feature dictionary is stored and no string is built. Training code turns the same vector into
/// Microsoft.ML's sparse vectors, so the served features are the trained ones by construction. Reused per example:
/// <see cref="Clear"/> between examples; not thread-safe.
/// </summary>
internal sealed class FeatureVector
{
    /// <summary>Bits of the hashed feature space.</summary>
    public const int Bits = 15;

    /// <summary>Size of the hashed feature space.</summary>
    public const int Dimension = 1 << Bits;

    private const int Mask = Dimension - 1;

    private int[] _indices = new int[64];
    private float[] _values = new float[64];
    private int _count;
    private bool _sorted = true;

    /// <summary>Number of slots set (after <see cref="Sort"/>, distinct and ordered).</summary>
    public int Count => _count;

    /// <summary>The slots set (duplicates possible until <see cref="Sort"/>).</summary>
    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, _count);

    /// <summary>Values, parallel to <see cref="Indices"/>.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, _count);

    public void Clear()
    {
        _count = 0;
        _sorted = true;
    }

    /// <summary>Orders the slots and adds up the values of a slot set twice (a hash collision or a repeated feature).</summary>
    public void Sort()
    {
        if (_sorted)
        {
            return;
        }

        Array.Sort(_indices, _values, 0, _count);
        var write = 0;
        for (var read = 0; read < _count; read++)
        {
            if (write > 0 && _indices[write - 1] == _indices[read])
            {
                _values[write - 1] += _values[read];
            }
            else
            {
                _indices[write] = _indices[read];
                _values[write] = _values[read];
                write++;
            }
        }

        _count = write;
        _sorted = true;
    }

    /// <summary>Replaces the content with slots already sorted and distinct (examples read back for training checks).</summary>
    public void SetSorted(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        Clear();
        for (var i = 0; i < indices.Length; i++)
        {
            Set((ulong)indices[i], values[i]);
        }
    }

    /// <summary>The value of a slot (0 when unset); call <see cref="Sort"/> first.</summary>
    public float ValueAt(int index)
    {
        var found = Array.BinarySearch(_indices, 0, _count, index);
        return found >= 0 ? _values[found] : 0f;
    }

    /// <summary>An indicator feature.</summary>
    public void Add(int template) => Set(FeatureHash.Mix(0x5bd1e995UL, (ulong)template), 1f);

    /// <summary>An indicator feature with a condition: nothing when false.</summary>
    public void AddIf(int template, bool condition)
    {
        if (condition)
        {
            Add(template);
        }
    }

    /// <summary>An indicator of a template with a small integer value (a class, a bucket, an enum).</summary>
    public void Add(int template, long value) => Set(FeatureHash.Mix((ulong)value * 0x9E3779B97F4A7C15UL + 7, (ulong)template), 1f);

    /// <summary>An indicator of a template with a word (hashed as written, lower-cased by the caller if needed).</summary>
    public void Add(int template, ReadOnlySpan<char> value) => Set(FeatureHash.Mix(FeatureHash.Of(value), (ulong)template), 1f);

    /// <summary>An indicator of a template with a value already hashed (<see cref="FeatureHash.OfNormalized"/> of a word).</summary>
    public void AddHash(int template, ulong valueHash) => Set(FeatureHash.Mix(valueHash, (ulong)template), 1f);

    /// <summary>An indicator of a template with a hashed value and a small integer (a conjunction).</summary>
    public void AddHash(int template, ulong valueHash, long second) =>
        Set(FeatureHash.Mix(valueHash, (ulong)second * 0xC2B2AE3D27D4EB4FUL + 11, (ulong)template), 1f);

    /// <summary>An indicator of a template with two values (a conjunction).</summary>
    public void Add(int template, long first, long second) => Add(template, first, second, 1f);

    /// <summary>The feature of <see cref="Add(int, long, long)"/> with another value than 1 (a count).</summary>
    public void Add(int template, long first, long second, float value) =>
        Set(FeatureHash.Mix((ulong)first * 0x9E3779B97F4A7C15UL + 7, (ulong)second * 0xC2B2AE3D27D4EB4FUL + 11, (ulong)template), value);

    /// <summary>An indicator of a template with a word and a small integer (a conjunction).</summary>
    public void Add(int template, ReadOnlySpan<char> value, long second) =>
        Set(FeatureHash.Mix(FeatureHash.Of(value), (ulong)second * 0xC2B2AE3D27D4EB4FUL + 11, (ulong)template), 1f);

    /// <summary>A real-valued feature in its own slot.</summary>
    public void AddValue(int template, float value)
    {
        if (value != 0f)
        {
            Set(FeatureHash.Mix(0x27d4eb2fUL, (ulong)template), value);
        }
    }

    private void Set(ulong hash, float value)
    {
        if (_count == _indices.Length)
        {
            Array.Resize(ref _indices, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }

        var index = (int)(hash & Mask);
        _sorted &= _count == 0 || _indices[_count - 1] < index;
        _indices[_count] = index;
        _values[_count] = value;
        _count++;
    }
}
