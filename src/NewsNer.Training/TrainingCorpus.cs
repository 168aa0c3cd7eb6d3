using System.Globalization;
using NewsNer.Entities;
using NewsNer.Tokenization;
using NewsNer.Training.Conll;

namespace NewsNer.Training;

/// <summary>
/// A training source: a CoNLL file with its weight and the entity types it leaves unannotated. Written on the command
/// line as <c>PATH[@weight=W][@unlabeled=MISC+ORG][@domain=NAME][@max=N]</c>.
/// </summary>
/// <param name="Path">The CoNLL file.</param>
/// <param name="Weight">Multiplies the loss of its sentences (1 = normal; lower for noisy data).</param>
/// <param name="Unlabeled">
/// Types the corpus does not annotate (WikiANN has no MISC). Its <c>O</c> tokens may then be any of these types: the
/// learner marginalizes over them instead of learning that such names are <c>O</c>.
/// </param>
/// <param name="MaxSentences">Reads only the first N sentences (0 = all): for quick experiments.</param>
/// <param name="Domain">
/// A domain (annotation convention) name: every feature of its sentences also gets a copy specific to the domain
/// (Daumé III 2007, "frustratingly easy domain adaptation"), so conventions that differ between corpora (titles inside
/// person names in HIPE) are learned apart from what all corpora share. The model then has one profile per domain.
/// </param>
public sealed record TrainingSource(string Path, float Weight = 1f, IReadOnlyList<EntityType>? Unlabeled = null, int MaxSentences = 0, string? Domain = null)
{
    /// <summary>Parses <c>PATH[@weight=W][@unlabeled=MISC+ORG][@domain=NAME][@max=N]</c>.</summary>
    /// <exception cref="FormatException">An option is not understood.</exception>
    public static TrainingSource Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split('@');
        var weight = 1f;
        var unlabeled = new List<EntityType>();
        var max = 0;
        string? domain = null;
        foreach (var option in parts.Skip(1))
        {
            var eq = option.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? option : option[..eq];
            var value = eq < 0 ? string.Empty : option[(eq + 1)..];
            switch (name)
            {
                case "weight":
                    weight = float.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "domain":
                    domain = value.Length > 0 ? value : null;
                    break;
                case "max":
                    max = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "unlabeled":
                    foreach (var t in value.Split('+', StringSplitOptions.RemoveEmptyEntries))
                    {
                        unlabeled.Add(EntityTypes.TryParse(t, out var type) ? type : throw new FormatException($"Unknown entity type '{t}' in '{spec}'."));
                    }

                    break;
                default:
                    throw new FormatException($"Unknown training source option '{name}' in '{spec}' (expected weight=, unlabeled=, domain= or max=).");
            }
        }

        return new TrainingSource(parts[0], weight, unlabeled, max, domain);
    }
}

/// <summary>One training sentence: tokens over a synthetic text, gold labels, the labels allowed at each token, a weight.</summary>
internal sealed class TrainingSentence
{
    public required Token[] Tokens { get; init; }

    public required int[] Labels { get; init; }

    /// <summary>Bit mask of the allowed labels per token (the gold label, plus the unannotated types on <c>O</c> tokens).</summary>
    public required ushort[] Allowed { get; init; }

    public float Weight { get; init; } = 1f;

    public bool IsPartial { get; init; }

    /// <summary>Salt of the domain-specific feature copies (<see cref="NerModel.ProfileSalt"/>), or 0.</summary>
    public ulong DomainSalt { get; init; }

    /// <summary>The source's domain (profile) name, or null.</summary>
    public string? Domain { get; init; }

    /// <summary>Whether the tokens are the library's re-tokenization rather than the corpus's own.</summary>
    public bool IsRetokenized { get; init; }
}

/// <summary>Which tokens a training sentence is seen with.</summary>
public enum TrainingTokenization
{
    /// <summary>The corpus's own tokens.</summary>
    Original,

    /// <summary>
    /// The library's tokens: the corpus tokens are joined back into text (French spacing rules), re-tokenized with
    /// <see cref="FrenchTokenizer"/>, and the entity labels projected by character offsets.
    /// </summary>
    Library,

    /// <summary>Both, when they differ (the library's tokens for run time, the corpus's for scoring on its own tokens).</summary>
    Both,
}

internal static class TrainingCorpus
{
    /// <summary>Builds a text from tokens (single spaces between them) and tokens over it, as the library would see them.</summary>
    public static Token[] MakeTokens(IReadOnlyList<string> words)
    {
        var text = string.Join(' ', words);
        var tokens = new Token[words.Count];
        var position = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            tokens[i] = new Token(text, position, position + w.Length, GuessKind(w));
            position += w.Length + 1;
        }

        return tokens;
    }

    public static TokenKind GuessKind(string word)
    {
        if (word.Length == 0)
        {
            return TokenKind.Symbol;
        }

        if (char.IsDigit(word[0]))
        {
            return TokenKind.Number;
        }

        if (char.IsLetter(word[0]))
        {
            return TokenKind.Word;
        }

        return char.IsPunctuation(word[0]) ? TokenKind.Punctuation : TokenKind.Symbol;
    }

    public static List<TrainingSentence> Load(TrainingSource source, TrainingTokenization tokenization = TrainingTokenization.Original)
    {
        var list = new List<TrainingSentence>();
        ushort unlabeledMask = 0;
        foreach (var type in source.Unlabeled ?? [])
        {
            unlabeledMask |= (ushort)((1 << NerLabels.Begin(type)) | (1 << NerLabels.Inside(type)));
        }

        foreach (var doc in ConllReader.ReadFile(source.Path))
        {
            foreach (var s in doc.Sentences)
            {
                if (s.Tokens.Any(string.IsNullOrEmpty))
                {
                    continue;
                }

                if (source.MaxSentences > 0 && list.Count >= source.MaxSentences)
                {
                    return list;
                }

                var labels = NormalizeBio(s.Tags);
                var original = MakeTokens(s.Tokens);
                var retokenized = tokenization == TrainingTokenization.Original ? null : Retokenize(s.Tokens, labels);
                if (tokenization != TrainingTokenization.Library || retokenized is null)
                {
                    list.Add(Sentence(original, labels, unlabeledMask, source, false));
                }

                if (retokenized is { } r && r.Tokens.Length > 0 && (tokenization == TrainingTokenization.Library || !SameTokens(original, r.Tokens)))
                {
                    list.Add(Sentence(r.Tokens, r.Labels, unlabeledMask, source, true));
                }
            }
        }

        return list;
    }

    private static TrainingSentence Sentence(Token[] tokens, int[] labels, ushort unlabeledMask, TrainingSource source, bool retokenized)
    {
        var allowed = new ushort[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            allowed[i] = (ushort)(1 << labels[i]);
            if (labels[i] == NerLabels.Outside)
            {
                allowed[i] |= unlabeledMask;
            }
        }

        return new TrainingSentence
        {
            Tokens = tokens,
            Labels = labels,
            Allowed = allowed,
            Weight = source.Weight,
            IsPartial = unlabeledMask != 0,
            DomainSalt = source.Domain is null ? 0 : NerModel.ProfileSalt(source.Domain),
            Domain = source.Domain,
            IsRetokenized = retokenized,
        };
    }

    private static bool SameTokens(Token[] a, Token[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].Span.SequenceEqual(b[i].Span))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Joins corpus tokens into text with French spacing (no space before <c>, . ) ; :</c>, none after <c>( «</c> or an
    /// elision, split elisions and abbreviation dots glued back: <c>l ' association</c> → <c>l'association</c>,
    /// <c>M .</c> → <c>M.</c>), re-tokenizes it with the library's tokenizer and projects the labels by character offsets.
    /// An entity whose first token became an elided article (<c>l'</c>) starts at the next token. Returns null when a
    /// token crosses an entity boundary (the sentence is then kept with its own tokens only).
    /// </summary>
    public static (Token[] Tokens, int[] Labels)? Retokenize(IReadOnlyList<string> words, int[] labels)
    {
        var sb = new System.Text.StringBuilder();
        var starts = new int[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (i > 0 && !GlueToPrevious(words[i - 1], w) )
            {
                sb.Append(' ');
            }

            starts[i] = sb.Length;
            for (var k = 0; k < w.Length; k++)
            {
                // Sequoia writes a space inside a number as '_' (1_000).
                sb.Append(w[k] == '_' && k > 0 && k < w.Length - 1 && char.IsDigit(w[k - 1]) && char.IsDigit(w[k + 1]) ? ' ' : w[k]);
            }
        }

        var text = sb.ToString();
        var tokens = FrenchTokenizer.Default.TokenizeToArray(text);
        var spans = new List<(int Start, int End, int Type)>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (NerLabels.IsBegin(labels[i]))
            {
                var j = i + 1;
                while (j < labels.Length && labels[j] == labels[i] + 1)
                {
                    j++;
                }

                spans.Add((starts[i], starts[j - 1] + words[j - 1].Length, labels[i]));
            }
        }

        var result = new int[tokens.Length];
        var e = 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            while (e < spans.Count && spans[e].End <= tokens[t].Start)
            {
                e++;
            }

            if (e == spans.Count || tokens[t].End <= spans[e].Start)
            {
                continue;
            }

            var (start, end, begin) = spans[e];
            if (tokens[t].Start < start || tokens[t].End > end)
            {
                return null;
            }

            result[t] = tokens[t].Start == start ? begin : begin + 1;
        }

        // An elided article at the start of an entity (WikiANN keeps "l'Élysée" whole) is not part of the name.
        for (var t = 0; t + 1 < tokens.Length; t++)
        {
            if (NerLabels.IsBegin(result[t]) && result[t + 1] == result[t] + 1 && IsElision(tokens[t].Span))
            {
                result[t + 1] = result[t];
                result[t] = NerLabels.Outside;
            }
        }

        return (tokens, result);
    }

    private static bool IsElision(ReadOnlySpan<char> token) =>
        token.Length is >= 2 and <= 7 && token[^1] is '\'' or '\u2019' && char.IsLower(token[0]);

    private static bool GlueToPrevious(string previous, string current)
    {
        if (current is "," or "." or ")" or "]" or "}" or "»" or "…" or "%" or "..." || current.StartsWith('\'') || current.StartsWith('\u2019'))
        {
            return true;
        }

        if (previous is "(" or "[" or "«" || previous.EndsWith('\'') || previous.EndsWith('\u2019'))
        {
            return true;
        }

        return false;
    }

    /// <summary>Label ids from tags, repairing IOB1/invalid BIO the way conlleval reads it (an I- that does not continue starts a span).</summary>
    public static int[] NormalizeBio(IReadOnlyList<string> tags)
    {
        var labels = new int[tags.Count];
        for (var i = 0; i < tags.Count; i++)
        {
            var label = NerLabels.Parse(tags[i]);
            if (NerLabels.IsInside(label) && !NerLabels.IsAllowed(i == 0 ? -1 : labels[i - 1], label))
            {
                label--;
            }

            labels[i] = label;
        }

        return labels;
    }
}
