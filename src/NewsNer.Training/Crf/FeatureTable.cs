using NewsNer.Entities;

namespace NewsNer.Training.Crf;

/// <summary>
/// The training sentences as feature ids: the hashed features of every token (same extractor as the library), keys seen
/// fewer than <c>minCount</c> times dropped, the rest numbered in order of first appearance (deterministic).
/// </summary>
internal sealed class FeatureTable
{
    private FeatureTable(ulong[] keys, int[] ids, int[] tokenStarts, int[] sentenceStarts)
    {
        Keys = keys;
        Ids = ids;
        TokenStarts = tokenStarts;
        SentenceStarts = sentenceStarts;
    }

    /// <summary>Feature key of each id.</summary>
    public ulong[] Keys { get; }

    /// <summary>Feature ids of all tokens, token after token.</summary>
    public int[] Ids { get; }

    /// <summary>Start of each token's ids in <see cref="Ids"/> (one more entry than tokens).</summary>
    public int[] TokenStarts { get; }

    /// <summary>Index of each sentence's first token (one more entry than sentences).</summary>
    public int[] SentenceStarts { get; }

    public int FeatureCount => Keys.Length;

    /// <param name="sentences">The training sentences.</param>
    /// <param name="extractor">The feature extractor (the library's).</param>
    /// <param name="minCount">Keys seen fewer times are dropped.</param>
    /// <param name="keep">When given, decides instead of <paramref name="minCount"/> from the key and its count.</param>
    public static FeatureTable Build(IReadOnlyList<TrainingSentence> sentences, NerFeatureExtractor extractor, int minCount, Func<ulong, int, bool>? keep = null)
    {
        var counts = new Dictionary<ulong, int>();
        var order = new List<ulong>();
        ForEachToken(sentences, extractor, (_, features) =>
        {
            foreach (var f in features)
            {
                if (counts.TryGetValue(f, out var c))
                {
                    counts[f] = c + 1;
                }
                else
                {
                    counts[f] = 1;
                    order.Add(f);
                }
            }
        });

        var idOf = new Dictionary<ulong, int>();
        var keys = new List<ulong>();
        foreach (var f in order)
        {
            if (keep is null ? counts[f] >= minCount : keep(f, counts[f]))
            {
                idOf[f] = keys.Count;
                keys.Add(f);
            }
        }

        counts.Clear();
        var ids = new List<int>();
        var tokenStarts = new List<int> { 0 };
        var sentenceStarts = new List<int> { 0 };
        var tokenCount = 0;
        ForEachToken(sentences, extractor, (last, features) =>
        {
            foreach (var f in features)
            {
                if (idOf.TryGetValue(f, out var id))
                {
                    ids.Add(id);
                }
            }

            tokenStarts.Add(ids.Count);
            tokenCount++;
            if (last)
            {
                sentenceStarts.Add(tokenCount);
            }
        });

        return new FeatureTable([.. keys], [.. ids], [.. tokenStarts], [.. sentenceStarts]);
    }

    /// <summary>Extracts the features of a sentence (for tagging with a model being trained).</summary>
    private static void ForEachToken(IReadOnlyList<TrainingSentence> sentences, NerFeatureExtractor extractor, Action<bool, ReadOnlySpan<ulong>> action)
    {
        var info = new NerFeatureExtractor.TokenInfo[256];
        var features = new ulong[256 * NerFeatureExtractor.MaxFeatures];
        var counts = new int[256];
        var copies = new ulong[2 * NerFeatureExtractor.MaxFeatures];
        foreach (var s in sentences)
        {
            var n = s.Tokens.Length;
            if (info.Length < n)
            {
                info = new NerFeatureExtractor.TokenInfo[n];
                features = new ulong[n * NerFeatureExtractor.MaxFeatures];
                counts = new int[n];
            }

            extractor.Extract(s.Tokens, info, features, counts);
            for (var i = 0; i < n; i++)
            {
                var own = features.AsSpan(i * NerFeatureExtractor.MaxFeatures, counts[i]);
                if (s.DomainSalt != 0)
                {
                    // Domain copies: the shared feature plus one specific to the sentence's domain.
                    own.CopyTo(copies);
                    for (var k = 0; k < own.Length; k++)
                    {
                        copies[own.Length + k] = NerModel.ProfileKey(own[k], s.DomainSalt);
                    }

                    own = copies.AsSpan(0, 2 * own.Length);
                }

                action(i == n - 1, own);
            }
        }
    }
}
