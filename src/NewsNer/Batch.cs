namespace NewsNer;

/// <summary>One text to process in a batch, with its metadata and an optional caller identifier.</summary>
/// <param name="Text">The text (null yields an error result, not an exception).</param>
/// <param name="Options">Per-document metadata, or null.</param>
/// <param name="Id">An identifier copied to the result (a file name, a database key), or null.</param>
public sealed record DocumentInput(string? Text, DocumentOptions? Options = null, string? Id = null);

/// <summary>The outcome of one batch input: a document, or the error that prevented it.</summary>
public sealed class DocumentResult
{
    internal DocumentResult(int index, string? id, Document? document, Exception? error)
    {
        Index = index;
        Id = id;
        Document = document;
        Error = error;
    }

    /// <summary>Zero-based position of the input in the batch.</summary>
    public int Index { get; }

    /// <summary>The input's <see cref="DocumentInput.Id"/>.</summary>
    public string? Id { get; }

    /// <summary>The document, when processing succeeded.</summary>
    public Document? Document { get; }

    /// <summary>The error, when processing failed.</summary>
    public Exception? Error { get; }

    /// <summary>Whether <see cref="Document"/> is set.</summary>
    public bool Succeeded => Document is not null;
}

/// <summary>How a batch runs.</summary>
public sealed record BatchOptions
{
    /// <summary>
    /// How many documents are processed at once. 1 (the default) runs on the calling thread; 0 or less uses every core
    /// (<see cref="Environment.ProcessorCount"/>).
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>
    /// How many documents may be in flight (read, processing, or done and waiting for their turn) at once; bounds memory
    /// whatever the batch size. 0 or less means four per worker.
    /// </summary>
    public int MaxInFlight { get; init; }

    /// <summary>
    /// The longest one document may take, or null (the default) for no limit. A document still being processed when its
    /// time is up stops (every stage checks as it goes) and becomes an error result whose error is a
    /// <see cref="TimeoutException"/>; the batch goes on with the next one. A document that finishes past its time (the
    /// timer that stops it can fire late when the thread pool is busy) is an error result all the same. The clock starts when the document's
    /// processing starts, not while it waits for a worker; before the first timed document the pipeline processes one
    /// short sentence, so that the compilation of its code (about half a second per process) is not charged to it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan? MaxDocumentTime
    {
        get;
        init => field = value is { } limit && limit <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(value), value, Internal.ErrorMessages.NonPositiveDocumentTime)
            : value;
    }

    /// <summary>Shared default: one document at a time.</summary>
    public static BatchOptions Sequential { get; } = new();

    /// <summary>Every core.</summary>
    public static BatchOptions AllCores { get; } = new() { MaxDegreeOfParallelism = 0 };
}
