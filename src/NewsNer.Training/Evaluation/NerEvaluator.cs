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

    /// <summary>An evaluator for a model file (null = the embedded model).</summary>
    /// <param name="modelPath">A model written by <c>newsner train</c>, or null.</param>
    /// <param name="documentConsistency">Whether the document-level second pass runs (as in the pipeline).</param>
    /// <param name="profile">The model profile (annotation convention), or null for its default.</param>
    /// <param name="types">Only these types are predicted (the types a corpus annotates), or null for all.</param>
    public static NerEvaluator Create(string? modelPath, bool documentConsistency = true, string? profile = null, IReadOnlyCollection<EntityType>? types = null)
    {
        NerModel model;
        if (modelPath is null)
        {
            model = NerResources.Model;
        }
        else
        {
            using var stream = File.OpenRead(modelPath);
            model = NerModel.Read(stream);
        }

        return new NerEvaluator(new EntityRecognizer(model, NerLexicons.Default, null, new EntityRecognizerOptions
        {
            DocumentConsistency = documentConsistency,
            Profile = profile,
            Types = types,
            LiteralPlaces = string.IsNullOrEmpty(profile) || profile == model.DefaultProfile ? EntityRecognizer.DefaultLiteralPlaces : null,
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
