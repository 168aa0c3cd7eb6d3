using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Entities;

/// <summary>
/// Second pass over a tagged document. News repeats names: "Vladimir Poutine" … "Poutine". A name the model tagged
/// confidently somewhere, or a tagged person's surname, is tagged where the model left the same capitalized words
/// untagged; and one string tagged with different types keeps the type with the most confidence. Names with a short
/// lower-case particle ("al-Chaar", "el-Sissi") are written "Al-Chaar" at the start of a sentence and "al-Chaar"
/// inside one, and the model often misses the second form: the particle's case is ignored when names are compared.
/// </summary>
internal static class DocumentConsistency
{
    private const int MaxTokens = 6;
    private const float MinSourceConfidence = 0.6f;

    public static void Apply(ReadOnlySpan<Token> tokens, ReadOnlySpan<Sentence> sentences, Span<int> labels, Span<float> confidence)
    {
        var votes = new Dictionary<ulong, (float Per, float Loc, float Org, float Misc, int Tokens)>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (!NerLabels.IsBegin(labels[i]))
            {
                continue;
            }

            var end = SpanEnd(labels, i);
            var type = NerLabels.TypeOf(labels[i]);
            Vote(votes, Key(tokens, i, end), type, confidence[i], end - i);
            if (type == EntityType.Person && end - i >= 2 && IsName(tokens[end - 1].Span))
            {
                Vote(votes, Key(tokens, end - 1, end), type, confidence[i] * 0.9f, 1);
            }
        }

        if (votes.Count == 0)
        {
            return;
        }

        // Relabel conflicting spans, then fill in untagged repeats.
        for (var i = 0; i < labels.Length; i++)
        {
            if (!NerLabels.IsBegin(labels[i]))
            {
                continue;
            }

            var end = SpanEnd(labels, i);
            if (votes.TryGetValue(Key(tokens, i, end), out var v))
            {
                var (best, score) = Best(v);
                var type = NerLabels.TypeOf(labels[i]);
                if (best != type && score > 2 * confidence[i] && confidence[i] < 0.7f)
                {
                    labels[i] = NerLabels.Begin(best);
                    for (var k = i + 1; k < end; k++)
                    {
                        labels[k] = NerLabels.Inside(best);
                    }
                }
            }
        }

        foreach (var sentence in sentences)
        {
            var stop = Math.Min(sentence.FirstToken + sentence.TokenCount, labels.Length);
            for (var i = Math.Max(0, sentence.FirstToken); i < stop; i++)
            {
                if (labels[i] != NerLabels.Outside || !IsName(tokens[i].Span))
                {
                    continue;
                }

                var key = FeatureHash.Seed;
                var matchEnd = -1;
                var matchType = EntityType.Person;
                var matchScore = 0f;
                for (var j = i; j < stop && j - i < MaxTokens && labels[j] == NerLabels.Outside; j++)
                {
                    key = Append(key, tokens[j].Span);
                    if (votes.TryGetValue(key, out var v) && IsName(tokens[j].Span))
                    {
                        var (best, score) = Best(v);
                        if (score >= MinSourceConfidence)
                        {
                            matchEnd = j + 1;
                            matchType = best;
                            matchScore = Math.Min(score, 1f);
                        }
                    }
                }

                if (matchEnd > 0)
                {
                    labels[i] = NerLabels.Begin(matchType);
                    confidence[i] = 0.8f * matchScore;
                    for (var k = i + 1; k < matchEnd; k++)
                    {
                        labels[k] = NerLabels.Inside(matchType);
                    }

                    i = matchEnd - 1;
                }
            }
        }
    }

    private static int SpanEnd(ReadOnlySpan<int> labels, int start)
    {
        var end = start + 1;
        while (end < labels.Length && labels[end] == labels[start] + 1)
        {
            end++;
        }

        return end;
    }

    private static bool IsName(ReadOnlySpan<char> token) => token.Length >= 2 && (char.IsUpper(token[0]) || HasParticle(token));

    /// <summary>
    /// A name behind a short particle and a hyphen, by shape: one to three letters, '-', a capital ("al-Chaar",
    /// "El-Sissi", "ad-Din"). Only the particle's first letter varies in case between a name's mentions.
    /// </summary>
    internal static bool HasParticle(ReadOnlySpan<char> token)
    {
        var hyphen = token.IndexOf('-');
        if (hyphen is < 1 or > 3 || hyphen + 1 >= token.Length || !char.IsUpper(token[hyphen + 1]))
        {
            return false;
        }

        foreach (var c in token[1..hyphen])
        {
            if (!char.IsLower(c))
            {
                return false;
            }
        }

        return char.IsLetter(token[0]);
    }

    private static (EntityType Type, float Score) Best((float Per, float Loc, float Org, float Misc, int Tokens) v)
    {
        var best = (EntityType.Person, v.Per);
        if (v.Loc > best.Item2)
        {
            best = (EntityType.Location, v.Loc);
        }

        if (v.Org > best.Item2)
        {
            best = (EntityType.Organization, v.Org);
        }

        if (v.Misc > best.Item2)
        {
            best = (EntityType.Misc, v.Misc);
        }

        return best;
    }

    private static void Vote(Dictionary<ulong, (float Per, float Loc, float Org, float Misc, int Tokens)> votes, ulong key, EntityType type, float confidence, int length)
    {
        var v = votes.GetValueOrDefault(key);
        v.Tokens = length;
        switch (type)
        {
            case EntityType.Person: v.Per += confidence; break;
            case EntityType.Location: v.Loc += confidence; break;
            case EntityType.Organization: v.Org += confidence; break;
            default: v.Misc += confidence; break;
        }

        votes[key] = v;
    }

    private static ulong Key(ReadOnlySpan<Token> tokens, int start, int end)
    {
        var key = FeatureHash.Seed;
        for (var i = start; i < end; i++)
        {
            key = Append(key, tokens[i].Span);
        }

        return key;
    }

    private static ulong Append(ulong key, ReadOnlySpan<char> token)
    {
        var particle = HasParticle(token);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            key = FeatureHash.Add(key, c is '\u2019' or '\u2018' ? '\'' : i == 0 && particle ? char.ToLowerInvariant(c) : c);
        }

        return FeatureHash.Add(key, '\u0001');
    }
}
