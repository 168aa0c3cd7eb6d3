using System.Collections.Immutable;
using NewsNer.Entities;
using NewsNer.Events;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer;

/// <summary>
/// The result of processing one text: the untouched <see cref="Text"/> and what the pipeline found in it. Immutable;
/// every offset is a UTF-16 index into <see cref="Text"/>, start inclusive and end exclusive.
/// </summary>
public sealed class Document
{
    /// <summary>The language code of French, the language NewsNer extracts entities and events from.</summary>
    public const string French = "fr";

    private static readonly ImmutableSortedDictionary<string, string> s_noMetadata = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Creates a document from its parts, checking that every offset lies inside <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <param name="text">The original text.</param>
    /// <param name="tokens">Its tokens.</param>
    /// <param name="sentences">Its sentences.</param>
    /// <param name="entities">Its entities.</param>
    /// <param name="events">Its meeting events.</param>
    /// <param name="source">Where the text came from.</param>
    /// <param name="publicationDate">The publication date.</param>
    /// <param name="metadata">Caller metadata.</param>
    /// <param name="language">The language code of the text; null means French.</param>
    /// <param name="warnings">What the caller should know about the processing (default: none).</param>
    /// <exception cref="ArgumentException">A token, sentence, mention or evidence range is outside the text or out of order, or a token or mention cuts a surrogate pair.</exception>
    public Document(
        string text,
        ImmutableArray<Token> tokens,
        ImmutableArray<Sentence> sentences,
        ImmutableArray<Entity> entities,
        ImmutableArray<MeetingEvent> events,
        string? source = null,
        DateOnly? publicationDate = null,
        IReadOnlyDictionary<string, string>? metadata = null,
        string? language = null,
        ImmutableArray<DocumentWarning> warnings = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Tokens = tokens.IsDefault ? [] : tokens;
        Sentences = sentences.IsDefault ? [] : sentences;
        Entities = entities.IsDefault ? [] : entities;
        Events = events.IsDefault ? [] : events;
        Source = source;
        PublicationDate = publicationDate;
        Metadata = metadata is null || metadata.Count == 0 ? s_noMetadata : metadata.ToImmutableSortedDictionary(StringComparer.Ordinal);
        Language = string.IsNullOrEmpty(language) ? French : language;
        Warnings = warnings.IsDefault ? [] : warnings;
        Validate();
    }

    /// <summary>The original text, exactly as given.</summary>
    public string Text { get; }

    /// <summary>The tokens, in text order, non-overlapping.</summary>
    public ImmutableArray<Token> Tokens { get; }

    /// <summary>The sentences, in text order; each covers a contiguous range of <see cref="Tokens"/>.</summary>
    public ImmutableArray<Sentence> Sentences { get; }

    /// <summary>The entities, each with its mentions, in order of first mention.</summary>
    public ImmutableArray<Entity> Entities { get; }

    /// <summary>The meeting events stated by the text.</summary>
    public ImmutableArray<MeetingEvent> Events { get; }

    /// <summary>Where the text came from (URL or file name), when given.</summary>
    public string? Source { get; }

    /// <summary>The publication date, when given.</summary>
    public DateOnly? PublicationDate { get; }

    /// <summary>
    /// Caller metadata given through <see cref="DocumentOptions.Metadata"/> (a title, a URL, a database key), never null;
    /// enumerated in ordinal key order.
    /// </summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// The language of the text, an ISO 639-1 code: <c>fr</c> when the text is French, too short to tell, or declared
    /// French by the caller (<see cref="DocumentOptions.Language"/>); otherwise the language identified
    /// (<c>en</c>, <c>ar</c>, … or <c>und</c> for an unknown script). A document that is not French has no entities
    /// or events, and a <see cref="DocumentWarning.NotFrench"/> warning.
    /// </summary>
    public string Language { get; }

    /// <summary>What the caller should know about how the text was processed (a text that is not French); empty when all went normally.</summary>
    public ImmutableArray<DocumentWarning> Warnings { get; }

    /// <summary>Whether the text holds no token (empty or whitespace only).</summary>
    public bool IsEmpty => Tokens.IsEmpty;

    /// <summary>The characters of a range of <see cref="Text"/>.</summary>
    public string GetText(TextSpan span) => Text.Substring(span.Start, span.Length);

    /// <summary>The characters of a sentence.</summary>
    public string GetText(Sentence sentence) => Text.Substring(sentence.Start, sentence.Length);

    /// <summary>The characters of a mention.</summary>
    public string GetText(EntityMention mention) => Text.Substring(mention.Start, mention.Length);

    /// <summary>The entity with identifier <paramref name="id"/>, or null.</summary>
    public Entity? FindEntity(string? id)
    {
        if (id is null)
        {
            return null;
        }

        foreach (var entity in Entities)
        {
            if (entity.Id == id)
            {
                return entity;
            }
        }

        return null;
    }

    /// <summary>The tokens of a sentence.</summary>
    public ReadOnlySpan<Token> GetTokens(Sentence sentence) => Tokens.AsSpan().Slice(sentence.FirstToken, sentence.TokenCount);

    /// <summary>
    /// Whether an offset falls between the two halves of a surrogate pair. The pipeline never cuts a character; a span
    /// that did would quote a lone surrogate, which JSON carries only as an escape that other readers turn into U+FFFD
    /// while the text keeps the pair.
    /// </summary>
    private bool CutsCharacter(int offset) =>
        offset > 0 && offset < Text.Length && char.IsHighSurrogate(Text[offset - 1]) && char.IsLowSurrogate(Text[offset]);

    private void Validate()
    {
        var previousEnd = 0;
        for (var i = 0; i < Tokens.Length; i++)
        {
            var token = Tokens[i];
            if (token.Start < previousEnd || token.End > Text.Length || !ReferenceEquals(token.Source, Text) && !token.Span.SequenceEqual(Text.AsSpan(token.Start, token.Length)))
            {
                throw new ArgumentException($"Token {i} [{token.Start}, {token.End}) overlaps the previous one, lies outside the text, or does not match it.", "tokens");
            }

            if (CutsCharacter(token.Start) || CutsCharacter(token.End))
            {
                throw new ArgumentException($"Token {i} [{token.Start}, {token.End}) cuts a character (a surrogate pair) in two.", "tokens");
            }

            previousEnd = token.End;
        }

        previousEnd = 0;
        for (var i = 0; i < Sentences.Length; i++)
        {
            var sentence = Sentences[i];
            if (sentence.Start < previousEnd || sentence.End > Text.Length || sentence.End < sentence.Start
                || sentence.FirstToken < 0 || sentence.TokenCount < 0 || sentence.EndToken > Tokens.Length)
            {
                throw new ArgumentException($"Sentence {i} [{sentence.Start}, {sentence.End}) is out of order or outside the text or the tokens.", "sentences");
            }

            previousEnd = sentence.End;
        }

        foreach (var entity in Entities)
        {
            foreach (var mention in entity.Mentions)
            {
                if (mention.Start < 0 || mention.End > Text.Length || mention.End <= mention.Start)
                {
                    throw new ArgumentException($"Entity {entity.Id} has a mention [{mention.Start}, {mention.End}) outside the text.", "entities");
                }

                if (CutsCharacter(mention.Start) || CutsCharacter(mention.End))
                {
                    throw new ArgumentException($"Entity {entity.Id} has a mention [{mention.Start}, {mention.End}) that cuts a character (a surrogate pair) in two.", "entities");
                }
            }
        }

        foreach (var meeting in Events)
        {
            foreach (var evidence in meeting.Evidence)
            {
                if (evidence.Start < 0 || evidence.End > Text.Length || evidence.End < evidence.Start)
                {
                    throw new ArgumentException($"Event {meeting.Id} has evidence [{evidence.Start}, {evidence.End}) outside the text.", "events");
                }
            }
        }
    }
}
