using Parquet;
using Parquet.Schema;

namespace NewsNer.Cli.Output.Parquet;

/// <summary>
/// One column of a table being written: its schema field and the values of the current row group, kept in memory until
/// the table flushes them as one row group. Strings are written as UTF-8 (a lone surrogate, which UTF-8 cannot hold,
/// becomes U+FFFD: one UTF-16 unit for one, so offsets into the text still hold).
/// </summary>
internal abstract class ParquetColumn(string name)
{
    /// <summary>The column's name in the table, as documented in <c>docs/parquet-schema.md</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The top-level schema field (a data field, a list or a map).</summary>
    public abstract Field Field { get; }

    /// <summary>The Parquet type as the schema document names it (<c>string</c>, <c>int32</c>, <c>list&lt;string&gt;</c>…).</summary>
    public abstract string TypeName { get; }

    /// <summary>Values buffered for the current row group.</summary>
    public abstract int Count { get; }

    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken);

    public abstract void Clear();
}

/// <summary>A UTF-8 string column; required columns refuse null.</summary>
internal sealed class StringColumn(string name, bool nullable = true) : ParquetColumn(name)
{
    private readonly DataField<string> _field = new(name, nullable);
    private readonly List<string?> _values = [];

    public override Field Field => _field;

    public override string TypeName => nullable ? "string" : "string, required";

    public override int Count => _values.Count;

    public void Add(string? value)
    {
        if (value is null && !nullable)
        {
            throw new InvalidOperationException($"The Parquet column '{Name}' is required: it cannot hold null.");
        }

        _values.Add(value);
    }

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken) =>
        rowGroup.WriteAsync(_field, _values!);

    public override void Clear() => _values.Clear();
}

/// <summary>An int32 column (offsets, indices, counts).</summary>
internal sealed class Int32Column(string name, bool nullable = false) : ParquetColumn(name)
{
    private readonly DataField _field = nullable ? new DataField<int?>(name) : new DataField<int>(name);
    private readonly List<int?> _values = [];

    public override Field Field => _field;

    public override string TypeName => nullable ? "int32" : "int32, required";

    public override int Count => _values.Count;

    public void Add(int? value)
    {
        if (value is null && !nullable)
        {
            throw new InvalidOperationException($"The Parquet column '{Name}' is required: it cannot hold null.");
        }

        _values.Add(value);
    }

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken)
    {
        if (nullable)
        {
            return rowGroup.WriteAsync<int>(_field, _values.ToArray(), cancellationToken: cancellationToken);
        }

        var values = new int[_values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _values[i]!.Value;
        }

        return rowGroup.WriteAsync<int>(_field, values, cancellationToken: cancellationToken);
    }

    public override void Clear() => _values.Clear();
}

/// <summary>A float column for confidences; a value that is not finite is written as null.</summary>
internal sealed class FloatColumn(string name) : ParquetColumn(name)
{
    private readonly DataField<float?> _field = new(name);
    private readonly List<float?> _values = [];

    public override Field Field => _field;

    public override string TypeName => "float";

    public override int Count => _values.Count;

    public void Add(float value) => _values.Add(float.IsFinite(value) ? value : null);

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken) =>
        rowGroup.WriteAsync<float>(_field, _values.ToArray(), cancellationToken: cancellationToken);

    public override void Clear() => _values.Clear();
}

/// <summary>A date column (Parquet DATE: days since 1970-01-01).</summary>
internal sealed class DateColumn(string name) : ParquetColumn(name)
{
    private readonly DataField<DateOnly?> _field = new(name);
    private readonly List<DateOnly?> _values = [];

    public override Field Field => _field;

    public override string TypeName => "date";

    public override int Count => _values.Count;

    public void Add(DateOnly? value) => _values.Add(value);

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken) =>
        rowGroup.WriteAsync<DateOnly>(_field, _values.ToArray(), cancellationToken: cancellationToken);

    public override void Clear() => _values.Clear();
}

/// <summary>
/// A column holding several values per row (a Parquet LIST or MAP): the values of all rows in one sequence, and the
/// repetition level of each (0 starts a row, 1 continues it). A row without values is written as one empty slot at
/// level 0, which is how Parquet.Net encodes an empty (not null) list or map.
/// </summary>
internal abstract class RepeatedColumn<T>(string name) : ParquetColumn(name)
{
    private readonly List<int> _repetitions = [];
    private int _rows;

    public override int Count => _rows;

    protected List<T> Values { get; } = [];

    protected int[] Repetitions => [.. _repetitions];

    /// <summary>The slot written for a row without values.</summary>
    protected abstract T Empty { get; }

    public override void Clear()
    {
        Values.Clear();
        _repetitions.Clear();
        _rows = 0;
    }

    protected void AddRow(IEnumerable<T> items)
    {
        var level = 0;
        foreach (var item in items)
        {
            Values.Add(item);
            _repetitions.Add(level);
            level = 1;
        }

        if (level == 0)
        {
            Values.Add(Empty);
            _repetitions.Add(0);
        }

        _rows++;
    }
}

/// <summary>A list of strings per row (standard three-level Parquet LIST, elements required).</summary>
internal sealed class StringListColumn : RepeatedColumn<string?>
{
    private readonly DataField<string> _element = new("element", nullable: false);

    public StringListColumn(string name)
        : base(name)
    {
        Field = new ListField(name, _element);
    }

    public override Field Field { get; }

    public override string TypeName => "list<string>";

    protected override string? Empty => null;

    public void Add(IEnumerable<string> items) => AddRow(items);

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken) =>
        rowGroup.WriteAsync(_element, Values, Repetitions);
}

/// <summary>A list of int32 per row (standard LIST, elements required).</summary>
internal sealed class Int32ListColumn : RepeatedColumn<int?>
{
    private readonly DataField<int> _element = new("element", nullable: false);

    public Int32ListColumn(string name)
        : base(name)
    {
        Field = new ListField(name, _element);
    }

    public override Field Field { get; }

    public override string TypeName => "list<int32>";

    protected override int? Empty => null;

    public void Add(IEnumerable<int> items) => AddRow(items.Select(i => (int?)i));

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken) =>
        rowGroup.WriteAsync<int>(_element, Values.ToArray(), Repetitions, cancellationToken: cancellationToken);
}

/// <summary>A string-to-string map per row (standard Parquet MAP, keys and values required), for document metadata.</summary>
internal sealed class StringMapColumn : RepeatedColumn<(string? Key, string? Value)>
{
    private readonly DataField<string> _key = new("key", nullable: false);
    private readonly DataField<string> _value = new("value", nullable: false);

    public StringMapColumn(string name)
        : base(name)
    {
        Field = new MapField(name, _key, _value);
    }

    public override Field Field { get; }

    public override string TypeName => "map<string, string>";

    protected override (string? Key, string? Value) Empty => (null, null);

    public void Add(IEnumerable<KeyValuePair<string, string>> pairs) => AddRow(pairs.Select(p => ((string?)p.Key, (string?)(p.Value ?? ""))));

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken)
    {
        var repetitions = Repetitions;
        await rowGroup.WriteAsync(_key, Values.ConvertAll(p => p.Key), repetitions);
        await rowGroup.WriteAsync(_value, Values.ConvertAll(p => p.Value), repetitions);
    }
}
