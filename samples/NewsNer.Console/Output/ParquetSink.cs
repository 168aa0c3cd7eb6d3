using System.Globalization;
using NewsNer.Cli.Output.Parquet;

namespace NewsNer.Cli.Output;

/// <summary>
/// <c>--format parquet --output DIR</c> for <c>extract</c> and <c>render</c>: the six tables of
/// <c>docs/parquet-schema.md</c>, one part each (<c>DIR/&lt;table&gt;/part-00000.parquet</c>), replacing the parts a
/// previous run left there. The document id (the join key) is the document's source; an input without a source is
/// <c>#N</c> (its position, from 1), and a source seen before in the same run gets <c>#2</c>, <c>#3</c>… appended, so ids
/// are unique. The files get their final names when the sink is disposed: a run stopped midway leaves no table.
/// </summary>
internal sealed class ParquetSink : IDocumentSink
{
    private readonly ParquetDatasetWriter _writer;
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
    private int _position;
    private bool _failed;

    public ParquetSink(string directory, int rowGroupDocuments = ParquetDatasetWriter.DefaultRowGroupDocuments)
    {
        Directory.CreateDirectory(directory);
        ParquetDataset.DeleteParts(directory);
        _writer = ParquetDatasetWriter.Create(directory, ParquetDataset.PartName(0), rowGroupDocuments);
    }

    public void Write(Document document) => Guard(() => _writer.Add(NextId(document.Source), document));

    public void WriteError(string? source, string message) => Guard(() => _writer.AddError(NextId(source), source, message));

    public void Dispose()
    {
        try
        {
            if (!_failed)
            {
                _writer.Complete();
            }
        }
        finally
        {
            _writer.Dispose();
        }
    }

    private string NextId(string? source)
    {
        _position++;
        var id = source ?? "#" + _position.ToString(CultureInfo.InvariantCulture);
        var seen = _seen.TryGetValue(id, out var count) ? count + 1 : 1;
        _seen[id] = seen;
        return seen == 1 ? id : id + "#" + seen.ToString(CultureInfo.InvariantCulture);
    }

    // A failed write (disk full) leaves the part incomplete: it must not be published under its final name.
    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch
        {
            _failed = true;
            throw;
        }
    }
}
