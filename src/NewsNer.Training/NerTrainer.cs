using System.Diagnostics;
using System.Globalization;
using NewsNer.Entities;
using NewsNer.Training.Crf;
using NewsNer.Training.MaxEnt;
using Newtonsoft.Json;

namespace NewsNer.Training;

/// <summary>The learner that fits the recognizer's weights.</summary>
public enum NerLearner
{
    /// <summary>Linear-chain CRF trained by L-BFGS (NewsNer's own; the shipped model).</summary>
    Crf,

    /// <summary>Microsoft.ML multiclass maximum entropy (L-BFGS) per token, with transition scores estimated from label bigrams.</summary>
    MaxEnt,
}

/// <summary>How to train a recognizer model. Training is deterministic for given options.</summary>
public sealed record NerTrainingOptions
{
    /// <summary>Training data.</summary>
    public required IReadOnlyList<TrainingSource> Sources { get; init; }

    /// <summary>The learner. Default: CRF.</summary>
    public NerLearner Learner { get; init; } = NerLearner.Crf;

    /// <summary>L2 regularization strength (per parameter, on the summed loss). Default 1.</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>Features seen fewer times are dropped. Default 2.</summary>
    public int MinFeatureCount { get; init; } = 2;

    /// <summary>Maximum optimizer iterations. Default 150.</summary>
    public int MaxIterations { get; init; } = 150;

    /// <summary>Stops when the loss improves by less than this fraction per iteration. Default 1e-4.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Threads used for the gradient (results do not depend on it for the CRF). Default 2.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Seed for the learners that use randomness (ML.NET). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Features whose largest absolute weight is below this are left out of the model file. Default 1e-3.</summary>
    public float PruneThreshold { get; init; } = 1e-3f;

    /// <summary>
    /// With domain-tagged sources: the profile whose weights the model uses by default (null = the weights shared by all
    /// domains alone). Other domains stay available as profiles.
    /// </summary>
    public string? DefaultProfile { get; init; }

    /// <summary>The tokens training sentences are seen with. Default: both the corpus's and the library's.</summary>
    public TrainingTokenization Tokenization { get; init; } = TrainingTokenization.Both;

    /// <summary>Progress messages, or null.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// CRF only: iterations after which a snapshot of the model is written (to choose the iteration count on dev data in
    /// one run; the snapshots equal the models of shorter runs), with where to write each, or null.
    /// </summary>
    public IReadOnlyDictionary<int, string>? Checkpoints { get; init; }
}

/// <summary>Trains NewsNer entity recognition models from CoNLL data. The result loads with <c>NewsPipelineBuilder.UseEntities(Stream)</c>.</summary>
public static class NerTrainer
{
    /// <summary>Trains a model and writes it to <paramref name="output"/> (Brotli-compressed).</summary>
    public static void Train(NerTrainingOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var model = TrainModel(options, NerLexicons.Default);
        Save(model, output);
    }

    internal static void Save(NerModel model, Stream output)
    {
        // gzip: as small as Brotli's default level for this table and decompresses about twice as fast (cold load).
        using var compressed = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true);
        model.Write(compressed);
    }

    internal static NerModel TrainModel(NerTrainingOptions options, NerLexicons lexicons)
    {
        var log = options.Log ?? (_ => { });
        var clock = Stopwatch.StartNew();
        var sentences = new List<TrainingSentence>();
        foreach (var source in options.Sources)
        {
            var loaded = TrainingCorpus.Load(source, options.Tokenization);
            log($"{source.Path}: {loaded.Count} sentences, {loaded.Sum(s => s.Tokens.Length)} tokens, weight {source.Weight.ToString(CultureInfo.InvariantCulture)}");
            sentences.AddRange(loaded);
        }

        var extractor = new NerFeatureExtractor(lexicons);
        var table = FeatureTable.Build(sentences, extractor, options.MinFeatureCount);
        log($"{table.FeatureCount} features (min count {options.MinFeatureCount}), {table.Ids.Length} feature occurrences ({clock.Elapsed.TotalSeconds:0}s)");

        var metadata = new Dictionary<string, object?>
        {
            ["learner"] = options.Learner.ToString(),
            ["sources"] = options.Sources.Select(s => new { path = Path.GetFileName(Path.GetDirectoryName(s.Path)) + "/" + Path.GetFileName(s.Path), s.Weight, unlabeled = s.Unlabeled?.Select(t => t.ToLabel()), s.MaxSentences }),
            ["l2"] = options.L2,
            ["minFeatureCount"] = options.MinFeatureCount,
            ["maxIterations"] = options.MaxIterations,
            ["seed"] = options.Seed,
            ["tokenization"] = options.Tokenization.ToString(),
            ["defaultProfile"] = options.DefaultProfile,
            ["sentences"] = sentences.Count,
            ["tokens"] = sentences.Sum(s => s.Tokens.Length),
        };

        NerModel model;
        if (options.Learner == NerLearner.Crf)
        {
            var trainer = new CrfTrainer(table, sentences, options.L2, options.Threads);
            var domains = Domains(options);
            Action<int, double[]>? checkpoint = options.Checkpoints is not { Count: > 0 } checkpoints ? null : (iteration, weights) =>
            {
                if (checkpoints.TryGetValue(iteration, out var path))
                {
                    var snapshot = Export(table, weights, trainer.TransitionOffset, options.PruneThreshold, lexicons.Id, JsonConvert.SerializeObject(new Dictionary<string, object?>(metadata) { ["maxIterations"] = iteration }), domains, options.DefaultProfile);
                    using var file = File.Create(path);
                    Save(snapshot, file);
                    log($"checkpoint: iteration {iteration} written to {path}");
                }
            };
            var x = trainer.Train(options.MaxIterations, options.Tolerance, log, checkpoint);
            metadata["trainingSeconds"] = Math.Round(clock.Elapsed.TotalSeconds);
            model = Export(table, x, trainer.TransitionOffset, options.PruneThreshold, lexicons.Id, JsonConvert.SerializeObject(metadata), Domains(options), options.DefaultProfile);
        }
        else
        {
            model = MaxEntTrainer.Train(table, sentences, options, lexicons.Id, metadata, log);
        }

        log($"model: {model.FeatureCount} features kept, table capacity {model.Capacity} ({clock.Elapsed.TotalSeconds:0}s)");
        var classifier = ProfileClassifierTrainer.Train(sentences, options.Sources, options.Seed, log);
        return classifier is null ? model : model.WithProfileClassifier(classifier);
    }

    /// <summary>
    /// Trains the profile classifier of an existing multi-profile model on the given (domain-tagged) sources and writes
    /// the model with it: the classifier tells the evaluation tools which profile a CoNLL file's text follows.
    /// </summary>
    public static void AttachProfileClassifier(NerTrainingOptions options, Stream model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        var log = options.Log ?? (_ => { });
        var sentences = options.Sources.SelectMany(s => TrainingCorpus.Load(s, TrainingTokenization.Original)).ToList();
        var classifier = ProfileClassifierTrainer.Train(sentences, options.Sources, options.Seed, log)
            ?? throw new ArgumentException("A profile classifier needs sources of at least two domains (@domain=NAME).", nameof(options));
        Save(NerModel.Read(model).WithProfileClassifier(classifier), output);
    }

    internal static string[] Domains(NerTrainingOptions options) =>
        [.. options.Sources.Select(s => s.Domain).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Model from trained parameters. With domains, the plain keys get shared + default-profile weights and each other
    /// profile's copy key gets its difference to the default, so the default costs one lookup per feature.
    /// </summary>
    internal static NerModel Export(FeatureTable table, double[] x, int transitionOffset, float pruneThreshold, ulong lexiconId, string metadata, string[]? profiles = null, string? defaultProfile = null)
    {
        const int L = NerLabels.Count;
        profiles ??= [];
        if (defaultProfile is not null && Array.IndexOf(profiles, defaultProfile) < 0)
        {
            throw new ArgumentException($"The default profile '{defaultProfile}' is not one of the training domains ({string.Join(", ", profiles)}).", nameof(defaultProfile));
        }

        var idOf = new Dictionary<ulong, int>(table.FeatureCount);
        for (var f = 0; f < table.FeatureCount; f++)
        {
            idOf[table.Keys[f]] = f;
        }

        var salts = profiles.Select(NerModel.ProfileSalt).ToArray();
        var isCopy = new bool[table.FeatureCount];
        foreach (var salt in salts)
        {
            for (var f = 0; f < table.FeatureCount; f++)
            {
                if (idOf.TryGetValue(NerModel.ProfileKey(table.Keys[f], salt), out var copy))
                {
                    isCopy[copy] = true;
                }
            }
        }

        var defaultSalt = defaultProfile is null ? 0 : NerModel.ProfileSalt(defaultProfile);
        var weights = new Dictionary<ulong, float[]>();
        void Put(ulong key, float[] w)
        {
            if (w.Max(Math.Abs) >= pruneThreshold)
            {
                weights[key] = w;
            }
        }

        for (var f = 0; f < table.FeatureCount; f++)
        {
            if (isCopy[f])
            {
                continue;
            }

            var baseline = new float[L];
            if (defaultSalt != 0 && idOf.TryGetValue(NerModel.ProfileKey(table.Keys[f], defaultSalt), out var d))
            {
                for (var y = 0; y < L; y++)
                {
                    baseline[y] = (float)x[(d * L) + y];
                }
            }

            var w = new float[L];
            for (var y = 0; y < L; y++)
            {
                w[y] = (float)x[(f * L) + y] + baseline[y];
            }

            Put(table.Keys[f], w);
            foreach (var salt in salts)
            {
                if (salt == defaultSalt)
                {
                    continue;
                }

                var copyKey = NerModel.ProfileKey(table.Keys[f], salt);
                var p = new float[L];
                var present = idOf.TryGetValue(copyKey, out var c);
                for (var y = 0; y < L; y++)
                {
                    p[y] = (present ? (float)x[(c * L) + y] : 0f) - baseline[y];
                }

                Put(copyKey, p);
            }
        }

        var transitions = new float[L * L];
        var start = new float[L];
        var end = new float[L];
        for (var k = 0; k < L * L; k++)
        {
            transitions[k] = NerDecoder.Allowed[k] ? (float)x[transitionOffset + k] : float.NegativeInfinity;
        }

        for (var y = 0; y < L; y++)
        {
            start[y] = NerLabels.IsInside(y) ? float.NegativeInfinity : (float)x[transitionOffset + (L * L) + y];
            end[y] = (float)x[transitionOffset + (L * L) + L + y];
        }

        return NerModel.Create(weights, transitions, start, end, lexiconId, metadata, profiles, defaultProfile ?? string.Empty);
    }
}
