namespace NewsNer;

/// <summary>Per-document metadata given to <see cref="NewsPipeline.Process(string, DocumentOptions?, CancellationToken)"/>.</summary>
public sealed record DocumentOptions
{
    /// <summary>The publication date, used to resolve relative dates (<c>mercredi</c>, <c>la semaine prochaine</c>).</summary>
    public DateOnly? PublicationDate { get; init; }

    /// <summary>Where the text comes from (a URL or file name), copied to <see cref="Document.Source"/>.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Caller metadata carried unchanged to <see cref="Document.Metadata"/> and the JSON (<c>metadata</c>): a title, a
    /// URL, a database key. Null means none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Shared default: no metadata.</summary>
    public static DocumentOptions None { get; } = new();
}
