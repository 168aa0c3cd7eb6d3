using System.Collections.Immutable;
using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer;

/// <summary>
/// A processed text without its token array: the text, sentences, entities and events of a <see cref="Document"/>, with
/// the tokens recomputed on demand (<see cref="EnumerateTokens"/>) instead of stored, and each entity's mentions left
/// where the segments of the text found them (<see cref="CompactEntity"/>). What
/// <see cref="NewsPipeline.ProcessCompact"/> returns, for texts too long to hold as a <see cref="Document"/>: a 50 MB
/// text has about ten million tokens, 160 MB as an array, while its sentences, entities and events take a few tens of
/// megabytes. <see cref="Serialization.NewsJson"/> writes it exactly as it writes the document <see cref="ToDocument"/>
/// gives, streaming the tokens. Immutable; every offset is a UTF-16 index into <see cref="Text"/>.
/// </summary>
public sealed class CompactDocument
{
    private static readonly ImmutableSortedDictionary<string, string> s_noMetadata = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
    private readonly FrenchTokenizer _tokenizer;

    internal CompactDocument(
        string text,
        FrenchTokenizer tokenizer,
        int tokenCount,
        ImmutableArray<Sentence> sentences,
        ImmutableArray<CompactEntity> entities,
        ImmutableArray<MeetingEvent> events,
        DocumentOptions options,
        string language,
        ImmutableArray<DocumentWarning> warnings)
    {
        Text = text;
        _tokenizer = tokenizer;
        TokenCount = tokenCount;
        Sentences = sentences;
        Entities = entities;
        Events = events;
        Source = options.Source;
        PublicationDate = options.PublicationDate;
        Language = language;
        Warnings = warnings;
        Metadata = options.Metadata is null || options.Metadata.Count == 0 ? s_noMetadata : options.Metadata.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>The original text, exactly as given.</summary>
    public string Text { get; }

    /// <summary>The number of tokens (what <see cref="Document.Tokens"/> would hold).</summary>
    public int TokenCount { get; }

    /// <summary>The sentences, in text order; each covers a contiguous range of the tokens.</summary>
    public ImmutableArray<Sentence> Sentences { get; }

    /// <summary>The entities, in order of first mention, their mentions enumerated on demand.</summary>
    public ImmutableArray<CompactEntity> Entities { get; }

    /// <summary>The meeting events stated by the text.</summary>
    public ImmutableArray<MeetingEvent> Events { get; }

    /// <summary>Where the text came from (URL or file name), when given.</summary>
    public string? Source { get; }

    /// <summary>The publication date, when given.</summary>
    public DateOnly? PublicationDate { get; }

    /// <summary>Caller metadata (see <see cref="Document.Metadata"/>), never null; enumerated in ordinal key order.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The language of the text (see <see cref="Document.Language"/>).</summary>
    public string Language { get; }

    /// <summary>What the caller should know about how the text was processed (see <see cref="Document.Warnings"/>).</summary>
    public ImmutableArray<DocumentWarning> Warnings { get; }

    /// <summary>Streams the tokens, computing them again from <see cref="Text"/>: the same tokens as <see cref="Document.Tokens"/>.</summary>
    public TokenEnumerator EnumerateTokens() => _tokenizer.EnumerateTokens(Text);

    /// <summary>The equivalent <see cref="Document"/>, with its token array (16 bytes per token) and each entity's mentions in one array.</summary>
    public Document ToDocument() =>
        new(Text, _tokenizer.Tokenize(Text), Sentences, [.. Entities.Select(e => e.ToEntity())], Events, Source, PublicationDate, Metadata, Language, Warnings);
}
