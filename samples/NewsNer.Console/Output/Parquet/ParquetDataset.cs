using System.Globalization;
using Parquet;

namespace NewsNer.Cli.Output.Parquet;

/// <summary>
/// The folder layout of the Parquet output, <c>DIR/&lt;table&gt;/part-NNNNN.parquet</c>, and what a writer needs to know
/// about a folder that already holds parts: which part number comes next and which documents are already there.
/// </summary>
internal static class ParquetDataset
{
    private const string PartPrefix = "part-";

    /// <summary>The file name (without extension) of part <paramref name="number"/>: <c>part-00000</c>.</summary>
    public static string PartName(int number) => PartPrefix + number.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The part files of a table, in name order.</summary>
    public static IReadOnlyList<string> Parts(string directory, string table)
    {
        var folder = Path.Combine(directory, table);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, PartPrefix + "*.parquet").Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>The number after the highest part of any table (0 for an empty folder).</summary>
    public static int NextPartNumber(string directory)
    {
        var next = 0;
        foreach (var table in ParquetDatasetWriter.TableNames)
        {
            foreach (var part in Parts(directory, table))
            {
                var name = Path.GetFileNameWithoutExtension(part);
                if (int.TryParse(name.AsSpan(PartPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    next = Math.Max(next, number + 1);
                }
            }
        }

        return next;
    }

    /// <summary>Deletes the part files (and leftover <c>.tmp</c> files) of the six tables, and nothing else.</summary>
    public static void DeleteParts(string directory)
    {
        foreach (var table in ParquetDatasetWriter.TableNames)
        {
            var folder = Path.Combine(directory, table);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, PartPrefix + "*.parquet*"))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The <c>document_id</c> of every row of the <c>documents</c> parts already in the folder.</summary>
    /// <exception cref="InvalidDataException">A part is not a Parquet file of this layout.</exception>
    public static async Task<List<string>> ReadDocumentIdsAsync(string directory, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        foreach (var part in Parts(directory, "documents"))
        {
            try
            {
                await using var reader = await ParquetReader.CreateAsync(part, cancellationToken: cancellationToken);
                var field = reader.Schema.DataFields.FirstOrDefault(f => f.Name == "document_id")
                    ?? throw new InvalidDataException($"{part} has no document_id column: it is not a NewsNer documents table");
                for (var group = 0; group < reader.RowGroupCount; group++)
                {
                    using var rowGroup = reader.OpenRowGroupReader(group);
                    var values = new string?[rowGroup.RowCount];
                    await rowGroup.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken);
                    ids.AddRange(values.Select(v => v ?? ""));
                }
            }
            catch (Exception error) when (error is IOException or ParquetException)
            {
                throw new InvalidDataException($"cannot read {part}: {error.Message}", error);
            }
        }

        return ids;
    }
}
