using System.Buffers;
using NewsNer.Sentences;
using NewsNer.Tokenization;

namespace NewsNer.Entities;

/// <summary>Options of the entity recognizer.</summary>
internal sealed record EntityRecognizerOptions
{
    /// <summary>Second pass over the document: a name tagged somewhere (or a person's surname) is tagged where the model missed it.</summary>
    public bool DocumentConsistency { get; init; } = true;

    /// <summary>Mentions below this confidence are dropped.</summary>
    public float MinConfidence { get; init; }

    /// <summary>The model profile (annotation convention) to use, or null for the model's default.</summary>
    public string? Profile { get; init; }

    /// <summary>
    /// Names the model may tag as organizations that the literal convention keeps as places (<c>Kremlin</c>,
    /// <c>Élysée</c>: <c>Resources/ner/literal-places.fr.txt</c>); null = no such rule (other annotation conventions).
    /// </summary>
    public EntitySpotter? LiteralPlaces { get; init; }

    /// <summary>The entity types to recognize, or null for all: the decoder never uses the labels of the others.</summary>
    public IReadOnlyCollection<EntityType>? Types { get; init; }
}

/// <summary>
/// The statistical recognizer: features → label scores → BIO Viterbi per sentence, span confidences from forward–backward,
/// then user names (<see cref="EntitySpotter"/>) overriding the model, then document-level consistency. Immutable and
/// thread-safe; scratch memory comes from the array pool.
/// </summary>
internal sealed class EntityRecognizer
{
    private const int L = NerLabels.Count;
    private readonly NerModel _model;
    private readonly NerFeatureExtractor _extractor;
    private readonly EntitySpotter? _spotter;
    private readonly EntityRecognizerOptions _options;
    private readonly ulong _profileSalt;
    private readonly bool[] _disabledLabels = new bool[NerLabels.Count];

    public EntityRecognizer(NerModel model, NerLexicons lexicons, EntitySpotter? spotter = null, EntityRecognizerOptions? options = null)
    {
        if (model.LexiconId != lexicons.Id)
        {
            throw new InvalidDataException(Internal.ErrorMessages.BadModel("NER model", "it was trained with other lexicons than the ones in this NewsNer build (retrain it, or use the NewsNer version it was trained with)"));
        }

        _model = model;
        _extractor = new NerFeatureExtractor(lexicons);
        _spotter = spotter is { Count: > 0 } ? spotter : null;
        _options = options ?? new EntityRecognizerOptions();
        _profileSalt = model.SaltFor(_options.Profile);
        if (_options.Types is { } types)
        {
            foreach (var type in Enum.GetValues<EntityType>())
            {
                if (!types.Contains(type))
                {
                    _disabledLabels[NerLabels.Begin(type)] = true;
                    _disabledLabels[NerLabels.Inside(type)] = true;
                }
            }
        }
    }

    public NerModel Model => _model;

    public NerLexicons Lexicons => _extractor.Lexicons;

    /// <summary>The same recognizer with user names added.</summary>
    public EntityRecognizer WithSpotter(EntitySpotter spotter) => new(_model, _extractor.Lexicons, spotter, _options);

    /// <summary>The embedded list of places kept literal (see <see cref="EntityRecognizerOptions.LiteralPlaces"/>).</summary>
    public static EntitySpotter DefaultLiteralPlaces => s_literalPlaces.Value;

    private static readonly Lazy<EntitySpotter> s_literalPlaces = new(() => new EntitySpotter(
        Internal.EmbeddedResources.ReadLines("ner/literal-places.fr.txt").Select(name => (EntityType.Location, name)), FrenchTokenizer.Default));

    /// <summary>Best labels for one sentence's tokens, and for each token the confidence of the span it starts (0 elsewhere).</summary>
    public void Tag(ReadOnlySpan<Token> tokens, Span<int> labels, Span<float> spanConfidence)
    {
        var n = tokens.Length;
        if (n == 0)
        {
            return;
        }

        var infos = ArrayPool<NerFeatureExtractor.TokenInfo>.Shared.Rent(n);
        var features = ArrayPool<ulong>.Shared.Rent(n * NerFeatureExtractor.MaxFeatures);
        var counts = ArrayPool<int>.Shared.Rent(n);
        var floats = ArrayPool<float>.Shared.Rent(n * L * 2);
        var back = ArrayPool<byte>.Shared.Rent(n * L);
        try
        {
            _extractor.Extract(tokens, infos.AsSpan(0, n), features, counts);
            var emissions = floats.AsSpan(0, n * L);
            emissions.Clear();
            // Scoring waits on memory (the weight table is larger than the caches): the next token's slots are fetched
            // while the current token is scored.
            _model.Prefetch(features.AsSpan(0, counts[0]));
            for (var i = 0; i < n; i++)
            {
                if (i + 1 < n)
                {
                    _model.Prefetch(features.AsSpan((i + 1) * NerFeatureExtractor.MaxFeatures, counts[i + 1]));
                }

                _model.Score(features.AsSpan(i * NerFeatureExtractor.MaxFeatures, counts[i]), emissions.Slice(i * L, L), _profileSalt);
                for (var y = 1; y < L; y++)
                {
                    if (_disabledLabels[y])
                    {
                        emissions[(i * L) + y] = -1e30f;
                    }
                }
            }

            NerDecoder.Viterbi(emissions, n, _model, labels, floats.AsSpan(n * L, n * L), back);
            if (!spanConfidence.IsEmpty)
            {
                spanConfidence[..n].Clear();

                // Forward–backward only serves the spans' confidences: none in the sentence, nothing to compute; and the
                // backward scores are read from the first span's end on.
                var firstEnd = FirstSpanEnd(labels[..n]);
                if (firstEnd < 0)
                {
                    return;
                }

                var lattice = ArrayPool<double>.Shared.Rent((2 * n * L) + (3 * n));
                try
                {
                    var alpha = lattice.AsSpan(0, n * L);
                    var beta = lattice.AsSpan(n * L, n * L);
                    var scales = lattice.AsSpan(2 * n * L, 3 * n);
                    var logZ = NerDecoder.ForwardBackward(emissions, n, _model, alpha, beta, scales, betaFrom: firstEnd);
                    for (var i = 0; i < n; i++)
                    {
                        if (NerLabels.IsBegin(labels[i]))
                        {
                            var end = i + 1;
                            while (end < n && NerLabels.IsInside(labels[end]))
                            {
                                end++;
                            }

                            spanConfidence[i] = NerDecoder.SpanProbability(emissions, n, _model, alpha, beta, scales, logZ, i, end, NerLabels.TypeOf(labels[i]));
                        }
                    }
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(lattice);
                }
            }
        }
        finally
        {
            ArrayPool<NerFeatureExtractor.TokenInfo>.Shared.Return(infos);
            ArrayPool<ulong>.Shared.Return(features);
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<float>.Shared.Return(floats);
            ArrayPool<byte>.Shared.Return(back);
        }
    }

    // End (exclusive) of the first span of a label sequence, or -1 when it has none.
    private static int FirstSpanEnd(ReadOnlySpan<int> labels)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (NerLabels.IsBegin(labels[i]))
            {
                var end = i + 1;
                while (end < labels.Length && NerLabels.IsInside(labels[end]))
                {
                    end++;
                }

                return end;
            }
        }

        return -1;
    }

    /// <summary>Recognizes the name mentions of a document, in text order, non-overlapping.</summary>
    public void Recognize(ReadOnlySpan<Token> tokens, ReadOnlySpan<Sentence> sentences, List<EntityMention> mentions, CancellationToken cancellationToken = default)
    {
        var labels = ArrayPool<int>.Shared.Rent(Math.Max(1, tokens.Length));
        var confidence = ArrayPool<float>.Shared.Rent(Math.Max(1, tokens.Length));
        try
        {
            var spotted = _spotter is null ? null : new List<(int First, int Count, EntityType Type)>();
            for (var s = 0; s < sentences.Length; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sentence = sentences[s];
                var first = sentence.FirstToken;
                var n = sentence.TokenCount;
                if (n == 0 || first < 0 || first + n > tokens.Length)
                {
                    continue;
                }

                var sentenceTokens = tokens.Slice(first, n);
                var sentenceLabels = labels.AsSpan(first, n);
                Tag(sentenceTokens, sentenceLabels, confidence.AsSpan(first, n));
                if (spotted is not null)
                {
                    spotted.Clear();
                    _spotter!.Match(sentenceTokens, spotted);
                    foreach (var (start, count, type) in spotted)
                    {
                        Override(sentenceLabels, confidence.AsSpan(first, n), start, count, type);
                    }
                }
            }

            if (_options.LiteralPlaces is { } places)
            {
                ApplyLiteralPlaces(places, tokens, sentences, labels.AsSpan(0, tokens.Length));
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (_options.DocumentConsistency)
            {
                DocumentConsistency.Apply(tokens, sentences, labels.AsSpan(0, tokens.Length), confidence.AsSpan(0, tokens.Length));
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var s = 0; s < sentences.Length; s++)
            {
                var sentence = sentences[s];
                var end = Math.Min(sentence.FirstToken + sentence.TokenCount, tokens.Length);
                for (var i = Math.Max(0, sentence.FirstToken); i < end; i++)
                {
                    if (!NerLabels.IsBegin(labels[i]))
                    {
                        continue;
                    }

                    var j = i + 1;
                    while (j < end && labels[j] == labels[i] + 1)
                    {
                        j++;
                    }

                    if (confidence[i] >= _options.MinConfidence)
                    {
                        mentions.Add(new EntityMention(tokens[i].Start, tokens[j - 1].End, i, j - i, NerLabels.TypeOf(labels[i]), s, confidence[i]));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
            ArrayPool<float>.Shared.Return(confidence);
        }
    }

    // Organization spans that are exactly a listed building or seat of power become locations.
    private static void ApplyLiteralPlaces(EntitySpotter places, ReadOnlySpan<Token> tokens, ReadOnlySpan<Sentence> sentences, Span<int> labels)
    {
        var matches = new List<(int First, int Count, EntityType Type)>();
        var org = NerLabels.Begin(EntityType.Organization);
        foreach (var sentence in sentences)
        {
            if (sentence.FirstToken < 0 || sentence.FirstToken + sentence.TokenCount > tokens.Length)
            {
                continue;
            }

            matches.Clear();
            places.Match(tokens.Slice(sentence.FirstToken, sentence.TokenCount), matches);
            foreach (var (first, count, _) in matches)
            {
                var start = sentence.FirstToken + first;
                var end = start + count;
                if (labels[start] != org || (end < labels.Length && labels[end] == org + 1))
                {
                    continue;
                }

                var whole = true;
                for (var k = start + 1; k < end; k++)
                {
                    whole &= labels[k] == org + 1;
                }

                if (whole)
                {
                    labels[start] = NerLabels.Begin(EntityType.Location);
                    for (var k = start + 1; k < end; k++)
                    {
                        labels[k] = NerLabels.Inside(EntityType.Location);
                    }
                }
            }
        }
    }

    // A user name replaces whatever the model tagged over its tokens; model spans cut by it are trimmed away.
    private static void Override(Span<int> labels, Span<float> confidence, int start, int count, EntityType type)
    {
        var end = start + count;
        // Remove model spans overlapping the match.
        var i = start;
        while (i > 0 && NerLabels.IsInside(labels[i]))
        {
            i--;
        }

        for (; i < labels.Length && (i < end || NerLabels.IsInside(labels[i])); i++)
        {
            labels[i] = NerLabels.Outside;
            confidence[i] = 0;
        }

        labels[start] = NerLabels.Begin(type);
        confidence[start] = 1f;
        for (var k = start + 1; k < end; k++)
        {
            labels[k] = NerLabels.Inside(type);
        }
    }
}
