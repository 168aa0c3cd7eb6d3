namespace NewsNer.Serialization;

/// <summary>How <see cref="NewsJson"/> writes a document.</summary>
public sealed record NewsJsonOptions
{
    /// <summary>
    /// Whether to write the <c>tokens</c> array (default true). Tokens are most of the output's size; without them the
    /// document still carries its text, sentences, entities and events, and reads back with no tokens and with zero token
    /// ranges in sentences and mentions.
    /// </summary>
    public bool IncludeTokens { get; init; } = true;

    /// <summary>Whether to indent the JSON for people to read (default false: one compact line).</summary>
    public bool Indented { get; init; }

    /// <summary>Shared default: tokens included, compact.</summary>
    public static NewsJsonOptions Default { get; } = new();
}
