using NewsNer.Entities;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Training.News;

/// <summary>Counts of one projection: how many gold surface forms were found on the library's tokens.</summary>
public sealed record NewsProjectionStats
{
    /// <summary>Distinct gold surface forms.</summary>
    public int Forms { get; init; }

    /// <summary>Forms found at least once on token boundaries inside one sentence.</summary>
    public int FormsFound { get; init; }

    /// <summary>Occurrences labelled (every occurrence of every form, longest first, without overlaps).</summary>
    public int Occurrences { get; init; }

    /// <summary>Occurrences left out because a token boundary cuts them (<c>fasc</c> inside a longer word).</summary>
    public int NotOnTokenBoundaries { get; init; }

    /// <summary>Occurrences left out because they cross a sentence boundary.</summary>
    public int CrossingSentences { get; init; }

    /// <summary>Occurrences left out because a longer form (or an earlier one of the same length) already covers a token.</summary>
    public int Overlapping { get; init; }

    /// <summary>The sum of two projections' counts.</summary>
    public NewsProjectionStats Add(NewsProjectionStats other) => new()
    {
        Forms = Forms + other.Forms,
        FormsFound = FormsFound + other.FormsFound,
        Occurrences = Occurrences + other.Occurrences,
        NotOnTokenBoundaries = NotOnTokenBoundaries + other.NotOnTokenBoundaries,
        CrossingSentences = CrossingSentences + other.CrossingSentences,
        Overlapping = Overlapping + other.Overlapping,
    };
}

/// <summary>A document's tokens and sentences (as the pipeline cuts them) with the BIO labels projected from its gold.</summary>
internal sealed record ProjectedDocument(Token[] Tokens, Sentence[] Sentences, int[] Labels, NewsProjectionStats Stats);

/// <summary>
/// Projects the gold of a news article (each entity's surface forms, no offsets) onto the library's own tokens: every
/// occurrence of every form in the text, on token boundaries, is labelled with the entity's type, longest occurrences
/// first, an occurrence never overlapping one already labelled. Text is compared as the scorer compares it: case and
/// accents kept, the typographic apostrophe (’) read as ASCII, runs of white space (line breaks included) as one space.
/// </summary>
internal static class NewsProjection
{
    public static ProjectedDocument Project(string text, IReadOnlyList<NewsGoldEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(entities);
        var tokens = FrenchTokenizer.Default.TokenizeToArray(text);
        var sentences = SentenceSplitter.Default.Split(text, tokens);
        var labels = new int[tokens.Length];
        var (normalized, offsets) = Normalize(text);

        // Token index by start and by end offset, and the sentence of each token.
        var byStart = new Dictionary<int, int>(tokens.Length);
        var byEnd = new Dictionary<int, int>(tokens.Length);
        for (var t = 0; t < tokens.Length; t++)
        {
            byStart[tokens[t].Start] = t;
            byEnd[tokens[t].End] = t;
        }

        var sentenceOf = new int[tokens.Length];
        for (var s = 0; s < sentences.Length; s++)
        {
            for (var t = sentences[s].FirstToken; t < sentences[s].EndToken; t++)
            {
                sentenceOf[t] = s;
            }
        }

        var forms = new Dictionary<string, EntityType>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            foreach (var mention in entity.Mentions)
            {
                var form = Normalize(mention).Text.Trim();
                if (form.Length > 0)
                {
                    forms.TryAdd(form, entity.Type);
                }
            }
        }

        var candidates = new List<(int First, int End, int Length, EntityType Type)>();
        int found = 0, cut = 0, crossing = 0;
        foreach (var (form, type) in forms)
        {
            var any = false;
            for (var at = normalized.IndexOf(form, StringComparison.Ordinal); at >= 0; at = normalized.IndexOf(form, at + 1, StringComparison.Ordinal))
            {
                var start = offsets[at];
                var end = offsets[at + form.Length - 1] + 1;
                if (!byStart.TryGetValue(start, out var first) || !byEnd.TryGetValue(end, out var last))
                {
                    cut++;
                    continue;
                }

                if (sentenceOf[first] != sentenceOf[last])
                {
                    crossing++;
                    continue;
                }

                candidates.Add((first, last + 1, form.Length, type));
                any = true;
            }

            found += any ? 1 : 0;
        }

        // Longest first; at equal lengths, text order (deterministic whatever the dictionary's order).
        candidates.Sort(static (a, b) => a.Length != b.Length ? b.Length.CompareTo(a.Length) : a.First.CompareTo(b.First));
        int occurrences = 0, overlapping = 0;
        foreach (var (first, end, _, type) in candidates)
        {
            var free = true;
            for (var t = first; t < end && free; t++)
            {
                free = labels[t] == NerLabels.Outside;
            }

            if (!free)
            {
                overlapping++;
                continue;
            }

            labels[first] = NerLabels.Begin(type);
            for (var t = first + 1; t < end; t++)
            {
                labels[t] = NerLabels.Inside(type);
            }

            occurrences++;
        }

        var stats = new NewsProjectionStats
        {
            Forms = forms.Count,
            FormsFound = found,
            Occurrences = occurrences,
            NotOnTokenBoundaries = cut,
            CrossingSentences = crossing,
            Overlapping = overlapping,
        };
        return new ProjectedDocument(tokens, sentences, labels, stats);
    }

    /// <summary>
    /// The text as the scorer compares it (’ as ', every run of white space as one space), with
    /// the offset in the original text of each of its characters.
    /// </summary>
    internal static (string Text, int[] Offsets) Normalize(string text)
    {
        var chars = new char[text.Length];
        var offsets = new int[text.Length];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (n > 0 && chars[n - 1] == ' ')
                {
                    continue;
                }

                c = ' ';
            }
            else if (c == '\u2019')
            {
                c = '\'';
            }

            chars[n] = c;
            offsets[n] = i;
            n++;
        }

        return (new string(chars, 0, n), offsets[..n]);
    }
}
