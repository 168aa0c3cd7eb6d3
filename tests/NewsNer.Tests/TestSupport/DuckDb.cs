using DuckDB.NET.Data;

namespace NewsNer.Tests.TestSupport;

/// <summary>Runs SQL on an in-memory DuckDB (the native library ships with DuckDB.NET.Data.Full): how analysts read the Parquet tables.</summary>
internal static class DuckDb
{
    /// <summary>The rows of a query, each as an array of column values (DBNull becomes null).</summary>
    public static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            reader.GetValues(values!);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = values[i] is DBNull ? null : values[i];
            }

            rows.Add(values);
        }

        return rows;
    }

    /// <summary>The first column of every row, as strings (null stays null), sorted ordinally.</summary>
    public static List<string?> Strings(string sql) =>
        [.. Query(sql).Select(r => r[0]?.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>The single value of a one-row, one-column query.</summary>
    public static object? Scalar(string sql) => Assert.Single(Query(sql))[0];

    /// <summary>A table's parts as a DuckDB source: <c>read_parquet('DIR/table/*.parquet')</c>.</summary>
    public static string Table(string directory, string table) =>
        $"read_parquet('{Path.Combine(directory, table).Replace("'", "''", StringComparison.Ordinal)}/*.parquet')";
}
