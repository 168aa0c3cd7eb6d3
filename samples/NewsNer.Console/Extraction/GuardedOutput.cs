using NewsNer.Cli.Output;

namespace NewsNer.Cli.Extraction;

/// <summary>
/// The sink of one extraction, shared by the thread that does the work and the thread that stops it: records are
/// written one at a time, each counted in the summary, and <see cref="Interrupt"/> closes the output for good after the
/// record of the input in progress (the next one in input order), so that a worker still busy when the run is stopped
/// can never write after it. Every record written stays complete.
/// </summary>
internal sealed class GuardedOutput(IDocumentSink sink, ExtractSummary summary, IReadOnlyList<string?> sources)
{
    // How long Interrupt waits for a record being written to finish before it gives up writing its own.
    private static readonly TimeSpan s_writeWait = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private bool _closed;

    public void Write(Document document)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                sink.Write(document);
                summary.Add(document);
            }
        }
    }

    /// <summary>Writes a long document; when <paramref name="cancellationToken"/> stops it half-way the sink takes it back and the exception goes on.</summary>
    public void Write(CompactDocument document, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                sink.Write(document, cancellationToken);
                summary.Add(document);
            }
        }
    }

    public void WriteError(string? source, string message)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                sink.WriteError(source, message);
                summary.AddFailure(source, message);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="message"/> as the record of the input in progress (unless every input has its record) and
    /// closes the output; marks the summary interrupted. Later calls, and writes from the worker, do nothing.
    /// </summary>
    public void Interrupt(string message)
    {
        if (!_gate.TryEnter(s_writeWait))
        {
            // A record is being written and does not stop: leave it to finish, and the output as it stands.
            summary.Interrupted = true;
            return;
        }

        try
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            summary.Interrupted = true;
            var next = summary.Written;
            if (next < sources.Count)
            {
                sink.WriteError(sources[next], message);
                summary.AddFailure(sources[next], message);
            }
        }
        finally
        {
            _gate.Exit();
        }
    }
}
