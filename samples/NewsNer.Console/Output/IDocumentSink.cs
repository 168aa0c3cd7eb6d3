namespace NewsNer.Cli.Output;

/// <summary>
/// Where extracted documents go, one call per input in input order: a document, or an error record for an input that
/// could not be read or processed. A sink flushes each record as it is written, so results written before a failure or
/// a Ctrl-C are never lost. Disposing completes the output (closing files, writing summaries or index pages).
/// </summary>
internal interface IDocumentSink : IDisposable
{
    void Write(Document document);

    void WriteError(string? source, string message);
}
