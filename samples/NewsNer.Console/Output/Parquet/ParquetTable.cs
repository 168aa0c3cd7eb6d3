using Parquet.Schema;

namespace NewsNer.Cli.Output.Parquet;

/// <summary>
/// One table of the Parquet output (documents, sentences, entities, mentions, events, event_participants): its columns
/// in schema order and the rows buffered for the next row group. Each table class knows how one document becomes its
/// rows; <see cref="ParquetDatasetWriter"/> writes them.
/// </summary>
internal abstract class ParquetTable(string name)
{
    /// <summary>The table's name, which is also its folder under the output directory.</summary>
    public string Name { get; } = name;

    /// <summary>The columns in schema order.</summary>
    public abstract IReadOnlyList<ParquetColumn> Columns { get; }

    /// <summary>Rows buffered since the last row group.</summary>
    public int BufferedRows => Columns[0].Count;

    public ParquetSchema CreateSchema() => new(Columns.Select(c => c.Field));

    public void Clear()
    {
        foreach (var column in Columns)
        {
            column.Clear();
        }
    }
}
