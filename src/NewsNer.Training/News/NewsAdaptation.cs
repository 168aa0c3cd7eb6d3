using System.Diagnostics;
using System.Globalization;
using NewsNer.Entities;
using NewsNer.Training.Crf;
using Newtonsoft.Json;

namespace NewsNer.Training.News;

/// <summary>
/// How the news layer is trained. The defaults are the recipe of the shipped model and of every cross-validation fold
/// model (<c>docs/training.md</c>): change them only with a new measurement.
/// </summary>
public sealed record NewsAdaptationOptions
{
    /// <summary>Strength of the L2 prior that pulls every weight towards the corpus model's (per parameter, on the summed loss).</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>Maximum L-BFGS iterations.</summary>
    public int MaxIterations { get; init; } = 80;

    /// <summary>Stops when the loss improves by less than this fraction per iteration.</summary>
    public double Tolerance { get; init; } = 1e-5;

    /// <summary>Features the corpus model lacks are learned only when the news set has them this many times or more.</summary>
    public int MinNewFeatureCount { get; init; } = 2;

    /// <summary>A feature whose weights move less than this (largest absolute change over the labels) keeps the corpus weights.</summary>
    public float ChangeThreshold { get; init; } = 0.002f;

    /// <summary>Threads for the gradient (no effect on the result).</summary>
    public int Threads { get; init; } = 2;

    /// <summary>
    /// Corpus sentences trained on beside the news (a sample: <c>PATH@max=N@weight=W</c>), with the library's tokens and
    /// no domain copies: they give the news-only feature templates examples the news set is too small to give.
    /// </summary>
    public IReadOnlyList<TrainingSource> CorpusSample { get; init; } = [];

    /// <summary>The profile the layer defines (the model's default).</summary>
    public string Profile { get; init; } = "news";

    /// <summary>Progress messages, or null.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>
/// Domain adaptation of the entity recognizer to news (Chelba &amp; Acero 2004): a CRF trained on the news training set
/// (gold surface forms projected onto the library's tokens, <see cref="NewsProjection"/>) whose L2 prior is centred on
/// the frozen corpus model's weights instead of zero. The result is the corpus model plus a news layer
/// (<see cref="NerModelLayer"/>): the features the news data moved, with their new weights, and the news transitions.
/// The corpus profiles keep their exact weights.
/// </summary>
public static class NewsAdaptation
{
    /// <summary>
    /// Trains the news layer over <paramref name="baseModel"/> (its own layer, if it has one, is dropped first: the layer
    /// is always trained from the corpus model) on <paramref name="articles"/> and writes the model (gzip).
    /// </summary>
    /// <param name="baseModel">A model file, or null for the model embedded in NewsNer.</param>
    /// <param name="articles">The training articles.</param>
    /// <param name="options">The recipe (defaults: the shipped one).</param>
    /// <param name="output">Where to write the model.</param>
    /// <returns>The projection counts of the training articles.</returns>
    public static NewsProjectionStats Train(Stream? baseModel, IReadOnlyList<NewsArticle> articles, NewsAdaptationOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var model = baseModel is null ? NerResources.Model : NerModel.Read(baseModel);
        // A model trained without lexicons (id 0) is adapted without them, as the pipeline runs it.
        var lexicons = model.LexiconId == NerLexicons.Empty.Id ? NerLexicons.Empty : NerLexicons.Default;
        (model, var stats) = TrainModel(model, articles, options, lexicons);
        NerTrainer.Save(model, output);
        return stats;
    }

    /// <summary>The news training sentences of some articles: the pipeline's sentences with projected gold labels.</summary>
    internal static (List<TrainingSentence> Sentences, NewsProjectionStats Stats) Sentences(IReadOnlyList<NewsArticle> articles)
    {
        // The guide annotates PER, LOC and ORG only: an O token of the news set may be MISC (partial labels).
        const ushort Misc = (1 << 7) | (1 << 8);
        var sentences = new List<TrainingSentence>();
        var stats = new NewsProjectionStats();
        foreach (var article in articles)
        {
            var projected = NewsProjection.Project(article.Text, article.Entities);
            stats = stats.Add(projected.Stats);
            foreach (var sentence in projected.Sentences)
            {
                if (sentence.TokenCount == 0)
                {
                    continue;
                }

                var labels = projected.Labels[sentence.FirstToken..sentence.EndToken];
                var allowed = new ushort[labels.Length];
                for (var i = 0; i < labels.Length; i++)
                {
                    allowed[i] = (ushort)((1 << labels[i]) | (labels[i] == NerLabels.Outside ? Misc : 0));
                }

                sentences.Add(new TrainingSentence
                {
                    Tokens = projected.Tokens[sentence.FirstToken..sentence.EndToken],
                    Labels = labels,
                    Allowed = allowed,
                    IsPartial = true,
                    Domain = "news",
                });
            }
        }

        return (sentences, stats);
    }

    internal static (NerModel Model, NewsProjectionStats Stats) TrainModel(NerModel model, IReadOnlyList<NewsArticle> articles, NewsAdaptationOptions options, NerLexicons lexicons)
    {
        const int L = NerLabels.Count;
        var log = options.Log ?? (_ => { });
        var clock = Stopwatch.StartNew();
        var baseModel = model.WithoutLayer();
        if (baseModel.LexiconId != lexicons.Id)
        {
            throw new InvalidDataException(Internal.ErrorMessages.BadModel("NER model", "it was trained with other lexicons than the ones in this NewsNer build"));
        }

        var (sentences, stats) = Sentences(articles);
        var newsSentences = sentences.Count;
        foreach (var source in options.CorpusSample)
        {
            var sample = TrainingCorpus.Load(source with { Domain = null }, TrainingTokenization.Library);
            log(string.Create(CultureInfo.InvariantCulture, $"corpus sample {source.Path}: {sample.Count} sentences, weight {source.Weight}"));
            sentences.AddRange(sample);
        }

        log(string.Create(CultureInfo.InvariantCulture, $"news set: {articles.Count} articles, {newsSentences} sentences, {sentences.Take(newsSentences).Sum(s => s.Tokens.Length)} tokens; {stats.FormsFound} of {stats.Forms} gold forms found, {stats.Occurrences} occurrences labelled ({stats.NotOnTokenBoundaries} off token boundaries, {stats.CrossingSentences} across sentences, {stats.Overlapping} inside longer ones)"));

        var extractor = new NerFeatureExtractor(lexicons);
        var scratch = new float[L];
        var table = FeatureTable.Build(sentences, extractor, 1, (key, count) => count >= options.MinNewFeatureCount || baseModel.TryGetBaseWeights(key, scratch));
        var prior = Prior(baseModel, table, out var inBase);
        var trainer = new CrfTrainer(table, sentences, options.L2, options.Threads, prior);
        log(string.Create(CultureInfo.InvariantCulture, $"{table.FeatureCount} features ({inBase.Count(b => b)} in the corpus model), {table.Ids.Length} occurrences ({clock.Elapsed.TotalSeconds:0}s)"));
        var x = trainer.Train(options.MaxIterations, options.Tolerance, log);
        var weights = new float[L];

        var modifiedKeys = new List<ulong>();
        var modifiedWeights = new List<NerModel.Weights>();
        var addedKeys = new List<ulong>();
        var addedWeights = new List<NerModel.Weights>();
        for (var f = 0; f < table.FeatureCount; f++)
        {
            var change = 0.0;
            var largest = 0.0;
            for (var y = 0; y < L; y++)
            {
                weights[y] = (float)x[(f * L) + y];
                change = Math.Max(change, Math.Abs(x[(f * L) + y] - prior[(f * L) + y]));
                largest = Math.Max(largest, Math.Abs(x[(f * L) + y]));
            }

            if (change < options.ChangeThreshold || (!inBase[f] && largest < options.ChangeThreshold))
            {
                continue;
            }

            var quantized = baseModel.Quantize(weights);
            (inBase[f] ? modifiedKeys : addedKeys).Add(table.Keys[f]);
            (inBase[f] ? modifiedWeights : addedWeights).Add(quantized);
        }

        var t = trainer.TransitionOffset;
        var transitions = new float[L * L];
        var start = new float[L];
        var end = new float[L];
        for (var k = 0; k < L * L; k++)
        {
            transitions[k] = NerDecoder.Allowed[k] ? (float)x[t + k] : float.NegativeInfinity;
        }

        for (var y = 0; y < L; y++)
        {
            start[y] = NerLabels.IsInside(y) ? float.NegativeInfinity : (float)x[t + (L * L) + y];
            end[y] = (float)x[t + (L * L) + L + y];
        }

        var metadata = JsonConvert.SerializeObject(new Dictionary<string, object?>
        {
            ["recipe"] = "news adaptation (L2 prior centred on the corpus model)",
            ["articles"] = articles.Count,
            ["sentences"] = newsSentences,
            ["tokens"] = sentences.Take(newsSentences).Sum(s => s.Tokens.Length),
            ["corpusSample"] = options.CorpusSample.Select(c => new { path = Path.GetFileName(Path.GetDirectoryName(c.Path)) + "/" + Path.GetFileName(c.Path), c.Weight, c.MaxSentences }),
            ["l2"] = options.L2,
            ["maxIterations"] = options.MaxIterations,
            ["minNewFeatureCount"] = options.MinNewFeatureCount,
            ["changeThreshold"] = options.ChangeThreshold,
            ["trainingSeconds"] = Math.Round(clock.Elapsed.TotalSeconds),
        });
        var layer = new NerModelLayer(options.Profile, NerFeatureExtractor.Version, transitions, start, end,
            [.. modifiedKeys], [.. modifiedWeights], [.. addedKeys], [.. addedWeights], metadata);
        log(string.Create(CultureInfo.InvariantCulture, $"news layer: {modifiedKeys.Count} corpus features changed, {addedKeys.Count} added ({clock.Elapsed.TotalSeconds:0}s)"));
        return (baseModel.WithLayer(layer), stats);
    }

    // The corpus model's weights of the table's features (0 for the features it lacks) and its transitions.
    private static double[] Prior(NerModel baseModel, FeatureTable table, out bool[] inBase)
    {
        const int L = NerLabels.Count;
        var prior = new double[(table.FeatureCount * L) + (L * L) + (2 * L)];
        inBase = new bool[table.FeatureCount];
        Span<float> weights = stackalloc float[L];
        for (var f = 0; f < table.FeatureCount; f++)
        {
            inBase[f] = baseModel.TryGetBaseWeights(table.Keys[f], weights);
            for (var y = 0; y < L; y++)
            {
                prior[(f * L) + y] = weights[y];
            }
        }

        var t = table.FeatureCount * L;
        for (var k = 0; k < L * L; k++)
        {
            prior[t + k] = float.IsFinite(baseModel.BaseTransitions[k]) ? baseModel.BaseTransitions[k] : 0;
        }

        for (var y = 0; y < L; y++)
        {
            prior[t + (L * L) + y] = float.IsFinite(baseModel.BaseStart[y]) ? baseModel.BaseStart[y] : 0;
            prior[t + (L * L) + L + y] = float.IsFinite(baseModel.BaseEnd[y]) ? baseModel.BaseEnd[y] : 0;
        }

        return prior;
    }
}
