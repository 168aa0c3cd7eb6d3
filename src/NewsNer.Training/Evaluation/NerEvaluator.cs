using NewsNer.Entities;
using NewsNer.Sentences;
using NewsNer.Tokenization;
using NewsNer.Training.Conll;

namespace NewsNer.Training.Evaluation;

/// <summary>
/// Tags the given tokens of CoNLL documents with a recognizer (no re-tokenization: each document's tokens become one text
/// with single spaces, its sentences stay as given) and scores strict spans like conlleval.
/// </summary>
public sealed class NerEvaluator
{
    private readonly EntityRecognizer _recognizer;

    internal NerEvaluator(EntityRecognizer recognizer) => _recognizer = recognizer;

    /// <summary>The profiles of the model (annotation conventions it can follow).</summary>
    public IReadOnlyList<string> Profiles => _recognizer.Model.Profiles;

    /// <summary>The model's default profile (the news convention the library's pipeline uses).</summary>
    public string DefaultProfile => _recognizer.Model.DefaultProfile;

    /// <summary>The profile value that asks for the profile to be identified from the text (<see cref="ChooseProfile"/>).</summary>
    public const string AutoProfile = "auto";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NerModel> s_models = new(StringComparer.Ordinal);

    private static NerModel LoadModel(string? modelPath)
    {
        if (modelPath is null)
        {
            return NerResources.Model;
        }

        return s_models.GetOrAdd(Path.GetFullPath(modelPath), path =>
        {
            using var stream = File.OpenRead(path);
            return NerModel.Read(stream);
        });
    }

    /// <summary>
    /// Resolves the profile (annotation convention) to evaluate documents with, never looking at their labels: a profile
    /// name is kept, <see cref="AutoProfile"/> asks the model's profile classifier (summed sentence log-probabilities over
    /// all the documents: one file follows one convention), null means the model's default. The entity types are the
    /// ones the profile's training corpora annotate (WikiANN: no MISC), unless <paramref name="types"/> is given.
    /// </summary>
    /// <returns>The profile (null = the default), the types (null = all) and a one-line explanation.</returns>
    public static (string? Profile, IReadOnlyCollection<EntityType>? Types, string Explanation) ChooseProfile(string? modelPath, string? profile, IReadOnlyList<ConllDocument> documents, IReadOnlyCollection<EntityType>? types = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var model = LoadModel(modelPath);
        var classifier = model.ProfileClassifier;
        var explanation = string.Empty;
        if (profile == AutoProfile)
        {
            if (classifier is null || model.Profiles.Length == 0)
            {
                profile = null;
                explanation = "profile auto: the model has no profile classifier, using its default profile";
            }
            else
            {
                var k = classifier.Classes.Length;
                var total = new double[k];
                var votes = new int[k];
                var sentence = new double[k];
                var features = new HashSet<int>();
                var count = 0;
                foreach (var s in documents.SelectMany(d => d.Sentences))
                {
                    features.Clear();
                    ProfileClassifier.Features(TrainingCorpus.MakeTokens(s.Tokens), features);
                    Array.Clear(sentence);
                    classifier.AddLogProbabilities(features, sentence);
                    for (var c = 0; c < k; c++)
                    {
                        total[c] += sentence[c];
                    }

                    votes[Array.IndexOf(sentence, sentence.Max())]++;
                    count++;
                }

                var best = Array.IndexOf(total, total.Max());
                profile = classifier.Classes[best];
                var ranked = Enumerable.Range(0, k).OrderByDescending(c => votes[c]).Select(c => $"{classifier.Classes[c]} {votes[c]}");
                explanation = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"profile auto: {profile} (highest summed log-probability of the text's {count} sentences under the model's profile classifier; sentence votes: {string.Join(", ", ranked)})");
            }
        }
        else
        {
            explanation = $"profile: {profile ?? model.DefaultProfile} ({(profile is null ? "the model's default" : "given")})";
        }

        if (types is null && profile is not null && classifier is not null && Array.IndexOf(classifier.Classes, profile) is var index and >= 0
            && classifier.Types[index].Length < 4)
        {
            types = classifier.Types[index];
            explanation += $"; types annotated under this convention: {string.Join(", ", types.Select(t => t.ToLabel()))}";
        }

        return (profile == model.DefaultProfile ? null : profile, types, explanation);
    }

    /// <summary>An evaluator for a model file (null = the embedded model).</summary>
    /// <param name="modelPath">A model written by <c>newsner train</c>, or null.</param>
    /// <param name="documentConsistency">Whether the document-level second pass runs (as in the pipeline).</param>
    /// <param name="profile">The model profile (annotation convention), or null for its default.</param>
    /// <param name="types">Only these types are predicted (the types a corpus annotates), or null for all.</param>
    public static NerEvaluator Create(string? modelPath, bool documentConsistency = true, string? profile = null, IReadOnlyCollection<EntityType>? types = null)
    {
        var model = LoadModel(modelPath);

        return new NerEvaluator(new EntityRecognizer(model, NerLexicons.Default, null, new EntityRecognizerOptions
        {
            DocumentConsistency = documentConsistency,
            Profile = profile,
            Types = types,
            LiteralPlaces = model.IsLiteralConvention(profile) ? EntityRecognizer.DefaultLiteralPlaces : null,
        }));
    }

    /// <summary>Predicted tags for every sentence of a document.</summary>
    public IReadOnlyList<string[]> Tag(ConllDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var words = document.Sentences.SelectMany(s => s.Tokens).ToList();
        var tokens = TrainingCorpus.MakeTokens(words);
        var sentences = new Sentence[document.Sentences.Length];
        var first = 0;
        for (var s = 0; s < sentences.Length; s++)
        {
            var count = document.Sentences[s].Tokens.Length;
            sentences[s] = new Sentence(tokens[first].Start, tokens[first + count - 1].End, first, count);
            first += count;
        }

        var mentions = new List<EntityMention>();
        _recognizer.Recognize(tokens, sentences, mentions);
        var tags = new string[tokens.Length];
        Array.Fill(tags, "O");
        foreach (var m in mentions)
        {
            tags[m.FirstToken] = "B-" + m.Type.ToLabel();
            for (var k = m.FirstToken + 1; k < m.EndToken; k++)
            {
                tags[k] = "I-" + m.Type.ToLabel();
            }
        }

        var result = new List<string[]>(sentences.Length);
        foreach (var s in sentences)
        {
            result.Add(tags[s.FirstToken..s.EndToken]);
        }

        return result;
    }

    /// <summary>Scores documents; optionally writes <c>TOKEN&lt;TAB&gt;GOLD&lt;TAB&gt;PRED</c> lines (blank line between sentences).</summary>
    public NerScores Evaluate(IEnumerable<ConllDocument> documents, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var scores = new NerScores();
        // Without document markers the sentences are unrelated (Wikipedia sentences, a treebank): each is its own
        // document, so the document-level pass does not carry names across them.
        var units = documents.SelectMany(d => d.Id is null
            ? d.Sentences.Select(s => new ConllDocument(null, [s]))
            : [d]);
        foreach (var doc in units)
        {
            var predicted = Tag(doc);
            for (var s = 0; s < doc.Sentences.Length; s++)
            {
                var sentence = doc.Sentences[s];
                var gold = sentence.Tags;
                scores.Add(sentence.Tags, predicted[s]);
                if (output is not null)
                {
                    for (var i = 0; i < sentence.Tokens.Length; i++)
                    {
                        output.Write(sentence.Tokens[i]);
                        output.Write('\t');
                        output.Write(gold[i]);
                        output.Write('\t');
                        output.WriteLine(predicted[s][i]);
                    }

                    output.WriteLine();
                }
            }
        }

        return scores;
    }
}
