using NewsNer.Sentences;
using NewsNer.Serialization;
using NewsNer.Tokenization;
using Newtonsoft.Json.Linq;

namespace NewsNer.Fuzz;

/// <summary>
/// The properties every result must have, whatever the input: offsets in bounds and in order, token and mention text
/// equal to the text at their offsets, sentences covering every token once, JSON that reads back to the same document.
/// Each check throws <see cref="InvariantException"/> naming what broke.
/// </summary>
public static class Invariants
{
    /// <summary>Tokens are non-empty, in order, inside the text, equal to it, never cut a surrogate pair, and only skip invisible characters.</summary>
    public static void Tokens(string text, ReadOnlySpan<Token> tokens)
    {
        var previousEnd = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            Check(token.Start >= previousEnd, $"token {i} [{token.Start}, {token.End}) overlaps or goes back (previous end {previousEnd})");
            Check(token.End > token.Start && token.End <= text.Length, $"token {i} [{token.Start}, {token.End}) is empty or outside the text ({text.Length})");
            Check(token.Span.SequenceEqual(text.AsSpan(token.Start, token.Length)), $"token {i} text differs from the text at its offsets");
            Check(!(char.IsLowSurrogate(text[token.Start]) && token.Start > 0 && char.IsHighSurrogate(text[token.Start - 1])), $"token {i} starts inside a surrogate pair");
            Check(!(char.IsHighSurrogate(text[token.End - 1]) && token.End < text.Length && char.IsLowSurrogate(text[token.End])), $"token {i} ends inside a surrogate pair");
            Skippable(text, previousEnd, token.Start);
            previousEnd = token.End;
        }

        Skippable(text, previousEnd, text.Length);
    }

    /// <summary>Sentences cover every token exactly once, in order, and span exactly from their first token to their last.</summary>
    public static void Sentences(string text, ReadOnlySpan<Token> tokens, ReadOnlySpan<Sentence> sentences)
    {
        var next = 0;
        for (var i = 0; i < sentences.Length; i++)
        {
            var sentence = sentences[i];
            Check(sentence.FirstToken == next, $"sentence {i} starts at token {sentence.FirstToken}, expected {next}");
            Check(sentence.TokenCount > 0 && sentence.EndToken <= tokens.Length, $"sentence {i} has tokens [{sentence.FirstToken}, {sentence.EndToken}) of {tokens.Length}");
            Check(sentence.Start == tokens[sentence.FirstToken].Start && sentence.End == tokens[sentence.EndToken - 1].End,
                $"sentence {i} [{sentence.Start}, {sentence.End}) does not span its tokens");
            Check(sentence.End <= text.Length, $"sentence {i} ends outside the text");
            next = sentence.EndToken;
        }

        Check(next == tokens.Length, $"sentences cover {next} of {tokens.Length} tokens");
    }

    /// <summary>A document from the pipeline: tokens, sentences, mentions, events and the JSON round trip.</summary>
    public static void Document(Document document)
    {
        var text = document.Text;
        Tokens(text, document.Tokens.AsSpan());
        Sentences(text, document.Tokens.AsSpan(), document.Sentences.AsSpan());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in document.Entities)
        {
            Check(ids.Add(entity.Id), $"entity id {entity.Id} is used twice");
            Check(!entity.Mentions.IsEmpty, $"entity {entity.Id} has no mention");
            foreach (var mention in entity.Mentions)
            {
                var where = $"entity {entity.Id} mention [{mention.Start}, {mention.End})";
                Check(mention.Start >= 0 && mention.End <= text.Length && mention.Start < mention.End, where + " is empty or outside the text");
                Check(mention.Sentence >= 0 && mention.Sentence < document.Sentences.Length, where + $" names sentence {mention.Sentence} of {document.Sentences.Length}");
                var sentence = document.Sentences[mention.Sentence];
                Check(sentence.Start <= mention.Start && mention.End <= sentence.End, where + $" lies outside its sentence [{sentence.Start}, {sentence.End})");
                Check(mention.TokenCount > 0 && mention.FirstToken >= 0 && mention.EndToken <= document.Tokens.Length, where + " has a bad token range");
                var first = document.Tokens[mention.FirstToken];
                var onTokens = first.Start == mention.Start && document.Tokens[mention.EndToken - 1].End == mention.End;
                // A name written together with another in one hyphenated token (Séoul-Tokyo) is a mention of part of
                // that token (EntityMention): one token, cut at its hyphens.
                var partOfToken = mention.TokenCount == 1 && first.Start <= mention.Start && mention.End <= first.End
                    && (mention.Start == first.Start || text[mention.Start - 1] == '-')
                    && (mention.End == first.End || text[mention.End] == '-');
                Check(onTokens || partOfToken, where + " neither starts and ends on its tokens nor is a part of its one token between hyphens");
            }
        }

        foreach (var meeting in document.Events)
        {
            foreach (var participant in meeting.Participants)
            {
                Check(ids.Contains(participant.EntityId), $"event {meeting.Id} names unknown participant {participant.EntityId}");
            }

            foreach (var argument in new[] { meeting.Location, meeting.Trigger }.Concat(meeting.Places).Concat(meeting.Topics))
            {
                if (argument is null)
                {
                    continue;
                }

                Quoted(text, argument.Text, argument.Start, argument.End, $"event {meeting.Id} argument");
                Check(argument.EntityId is null || ids.Contains(argument.EntityId), $"event {meeting.Id} argument names unknown entity {argument.EntityId}");
            }

            if (meeting.Date is { } date)
            {
                Quoted(text, date.Text, date.Start, date.End, $"event {meeting.Id} date");
            }

            foreach (var evidence in meeting.Evidence)
            {
                Check(evidence.Start >= 0 && evidence.Start <= evidence.End && evidence.End <= text.Length, $"event {meeting.Id} evidence outside the text");
            }
        }

        RoundTrip(document);
    }

    /// <summary>
    /// The JSON of a document states each mention's text as the text at its offsets, and reads back to a document that
    /// writes the same JSON again.
    /// </summary>
    public static void RoundTrip(Document document)
    {
        var json = NewsJson.Serialize(document);
        var again = NewsJson.Serialize(NewsJson.Deserialize(json));
        Check(json == again, "the JSON does not read back to the same document");
        var parsed = JObject.Parse(json);
        var text = (string)parsed["text"]!;
        foreach (var mention in parsed["entities"]!.SelectMany(e => e["mentions"]!))
        {
            Quoted(text, (string)mention["text"]!, (int)mention["start"]!, (int)mention["end"]!, "JSON mention");
        }
    }

    private static void Quoted(string text, string quoted, int start, int end, string what)
    {
        Check(start >= 0 && start <= end && end <= text.Length, $"{what} [{start}, {end}) is outside the text ({text.Length})");
        Check(text.AsSpan(start, end - start).SequenceEqual(quoted), $"{what} [{start}, {end}) says '{quoted}', the text there is '{text.Substring(start, end - start)}'");
    }

    // What the tokenizer may skip between tokens: white space, control characters and invisible format marks.
    private static void Skippable(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            Check(
                char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200B' or '\u2060' or '\uFEFF' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'),
                $"U+{(int)c:X4} at {i} is in no token");
        }
    }

    internal static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvariantException(message);
        }
    }
}
