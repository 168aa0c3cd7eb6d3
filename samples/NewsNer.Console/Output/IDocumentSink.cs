namespace NewsNer.Cli.Output;

/// <summary>
/// Where extracted documents go, one call per input in input order: a document, or an error record for an input that
/// could not be read or processed. A sink flushes each record as it is written, so results written before a failure or
/// a Ctrl-C are never lost. Disposing completes the output (closing files, writing summaries or index pages).
/// </summary>
internal interface IDocumentSink : IDisposable
{
    void Write(Document document);

    /// <summary>
    /// Writes a long document processed without its token array. JSON sinks stream it (the tokens computed again as they
    /// are written) and, when <paramref name="cancellationToken"/> stops them half-way, take back what they wrote of it
    /// before the <see cref="OperationCanceledException"/> goes on; the others write <see cref="CompactDocument.ToDocument"/>.
    /// </summary>
    void Write(CompactDocument document, CancellationToken cancellationToken) => Write(document.ToDocument());

    void WriteError(string? source, string message);
}
