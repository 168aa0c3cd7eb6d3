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
    // The model as the chosen profile sees it (weights and transitions): the model itself for its default profile.
    private readonly NerModel _view;

    // The news profile's decoding constraints (see Tag): only with a news layer, under its own (default) profile, so
    // that the corpus profiles decode exactly as they were trained.
    private readonly bool _newsConstraints;
    private readonly bool[] _excludedTypes = new bool[Enum.GetValues<EntityType>().Max(t => (int)t) + 1];

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
        _view = model.ForProfile(_options.Profile);
        _newsConstraints = model.Layer is not null && ReferenceEquals(_view, model);
        if (_options.Types is { } types)
        {
            // The names of the other types are still decoded, then dropped: forbidding their labels in decoding would
            // make a person's name the best remaining type (a place) instead of no name at all.
            foreach (var type in Enum.GetValues<EntityType>())
            {
                _excludedTypes[(int)type] = !types.Contains(type);
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
            _view.Prefetch(features.AsSpan(0, counts[0]));
            for (var i = 0; i < n; i++)
            {
                if (i + 1 < n)
                {
                    _view.Prefetch(features.AsSpan((i + 1) * NerFeatureExtractor.MaxFeatures, counts[i + 1]));
                }

                _view.Score(features.AsSpan(i * NerFeatureExtractor.MaxFeatures, counts[i]), emissions.Slice(i * L, L));
                if (_newsConstraints)
                {
                    Constrain(tokens, i, emissions.Slice(i * L, L));
                }
            }

            NerDecoder.Viterbi(emissions, n, _view, labels, floats.AsSpan(n * L, n * L), back);
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
                    var logZ = NerDecoder.ForwardBackward(emissions, n, _view, alpha, beta, scales, betaFrom: firstEnd);
                    for (var i = 0; i < n; i++)
                    {
                        if (NerLabels.IsBegin(labels[i]))
                        {
                            var end = i + 1;
                            while (end < n && NerLabels.IsInside(labels[end]))
                            {
                                end++;
                            }

                            spanConfidence[i] = NerDecoder.SpanProbability(emissions, n, _view, alpha, beta, scales, logZ, i, end, NerLabels.TypeOf(labels[i]));
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

    /// <summary>
    /// Organizations of the linking lexicon (<c>Resources/fr/linking/organizations.tsv</c>) that the news profile tags
    /// where the model left them untagged: names of two words or more (<c>Programme alimentaire mondial</c>, <c>État
    /// islamique</c>) and acronyms in capitals (<c>PAM</c>, <c>MENA</c>), as written; single words (<c>Petra</c>,
    /// <c>Sputnik</c>) are left to the model.
    /// </summary>
    private static readonly Lazy<EntitySpotter> s_knownOrganizations = new(() => new EntitySpotter(
        Internal.EmbeddedResources.ReadLines("fr/linking/organizations.tsv")
            .Select(line => line.Split('\t'))
            .Where(cells => cells.Length > 1 && (cells[1].Contains(' ', StringComparison.Ordinal) || (cells[1].Length >= 2 && cells[1].All(c => char.IsUpper(c) || char.IsDigit(c)))))
            .Select(cells => (EntityType.Organization, cells[1])),
        FrenchTokenizer.Default));

    private static void TagKnownOrganizations(ReadOnlySpan<Token> tokens, Span<int> labels, Span<float> confidence, List<(int First, int Count, EntityType Type)> matches)
    {
        matches.Clear();
        s_knownOrganizations.Value.Match(tokens, matches);
        foreach (var (start, count, type) in matches)
        {
            var free = start + count == labels.Length || !NerLabels.IsInside(labels[start + count]);
            for (var k = start; k < start + count && free; k++)
            {
                free = labels[k] == NerLabels.Outside;
            }

            if (free)
            {
                labels[start] = NerLabels.Begin(type);
                confidence[start] = 0.9f;
                for (var k = start + 1; k < start + count; k++)
                {
                    labels[k] = NerLabels.Inside(type);
                }
            }
        }
    }

    /// <summary>
    /// Hard constraints of the news convention: a name never runs across a line break (a byline, then the outlet on the
    /// next line), and never starts with an elided article (<c>l'Élysée</c> is the name <c>Élysée</c>).
    /// </summary>
    private static void Constrain(ReadOnlySpan<Token> tokens, int i, Span<float> emissions)
    {
        if (i > 0 && NerFeatureExtractor.BreakBefore(tokens[i]))
        {
            for (var y = 2; y < L; y += 2)
            {
                emissions[y] = -1e30f;
            }
        }

        if (IsElidedArticle(tokens[i].Span))
        {
            for (var y = 1; y < L; y += 2)
            {
                emissions[y] = -1e30f;
            }
        }
    }

    /// <summary>An elided word on its own (<c>l'</c>, <c>d'</c>, <c>L’</c>, <c>qu'</c>): letters then an apostrophe.</summary>
    internal static bool IsElidedArticle(ReadOnlySpan<char> token)
    {
        if (token.Length is < 2 or > 7 || token[^1] is not ('\'' or '\u2019'))
        {
            return false;
        }

        foreach (var c in token[..^1])
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
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
            List<(int First, int Count, EntityType Type)>? known = null;
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
                if (_newsConstraints)
                {
                    OutletRules.Default.Apply(sentenceTokens, sentenceLabels, confidence.AsSpan(first, n));
                    known ??= [];
                    TagKnownOrganizations(sentenceTokens, sentenceLabels, confidence.AsSpan(first, n), known);
                }

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

            // News convention: names written together in one hyphenated token (Séoul-Tokyo) are mentioned apart.
            var named = _newsConstraints && HasHyphenatedName(tokens, labels.AsSpan(0, tokens.Length)) ? NamesMentionedAlone(tokens, sentences, labels.AsSpan(0, tokens.Length)) : null;
            var parts = named is null ? null : new List<(int Start, int End, EntityType Type)>();
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

                    if (confidence[i] < _options.MinConfidence || _excludedTypes[(int)NerLabels.TypeOf(labels[i])])
                    {
                        continue;
                    }

                    if (j == i + 1 && named is not null && CompoundNames.TrySplit(tokens[i], NerLabels.TypeOf(labels[i]), _extractor.Lexicons, named.GetValueOrDefault, parts!))
                    {
                        foreach (var (start, stop, type) in parts!)
                        {
                            if (!_excludedTypes[(int)type])
                            {
                                mentions.Add(new EntityMention(start, stop, i, 1, type, s, confidence[i]));
                            }
                        }
                    }
                    else
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

    // Whether a one-token span has a hyphen (the only spans that may be names written together).
    private static bool HasHyphenatedName(ReadOnlySpan<Token> tokens, ReadOnlySpan<int> labels)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (NerLabels.IsBegin(labels[i]) && (i + 1 == labels.Length || !NerLabels.IsInside(labels[i + 1])) && tokens[i].Span.IndexOf('-') > 0)
            {
                return true;
            }
        }

        return false;
    }

    // The names the document's spans give alone (one token without a hyphen, or several tokens; and the first and last
    // words of a person's name), with their type.
    private static Dictionary<string, EntityType?> NamesMentionedAlone(ReadOnlySpan<Token> tokens, ReadOnlySpan<Sentence> sentences, ReadOnlySpan<int> labels)
    {
        var names = new Dictionary<string, EntityType?>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            var end = Math.Min(sentence.EndToken, tokens.Length);
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

                var type = NerLabels.TypeOf(labels[i]);
                if (j > i + 1 || tokens[i].Span.IndexOf('-') < 0)
                {
                    names[tokens[i].Source[tokens[i].Start..tokens[j - 1].End]] = type;
                }

                // A person's first and last words name them too: "Moon-Kim" after "Moon Jae-in" and "Kim Jong-un".
                if (type == EntityType.Person && j > i + 1)
                {
                    names.TryAdd(tokens[i].Text, type);
                    names.TryAdd(tokens[j - 1].Text, type);
                }

                i = j - 1;
            }
        }

        return names;
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
