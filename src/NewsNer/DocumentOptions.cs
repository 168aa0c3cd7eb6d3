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

    /// <summary>
    /// The language of the text when the caller knows it, as an ISO 639-1 code. <c>fr</c> processes the text as French
    /// whatever it looks like (entities and events included); another code marks it as that language, so no entities or
    /// events are extracted (NewsNer's models are French). Null, the default, lets the pipeline identify the language
    /// (<see cref="NewsPipelineBuilder.UseLanguageDetection"/>, part of <see cref="NewsPipelineBuilder.UseAll"/>); a
    /// pipeline without that stage takes every text as French.
    /// </summary>
    public string? Language { get; init; }

    /// <summary>Shared default: no metadata.</summary>
    public static DocumentOptions None { get; } = new();
}
