using System.Collections.Immutable;
using System.Text;

namespace NewsNer.Training.Conll;

/// <summary>One sentence of a CoNLL file: tokens and their BIO tags (same length).</summary>
/// <param name="Tokens">The tokens as written in the file.</param>
/// <param name="Tags">The tags (<c>O</c>, <c>B-PER</c>, …), from the tag column.</param>
public sealed record ConllSentence(ImmutableArray<string> Tokens, ImmutableArray<string> Tags);

/// <summary>A document of a CoNLL file (a <c># doc</c> or <c>-DOCSTART-</c> block; files without markers are one document).</summary>
/// <param name="Id">The document id given by a <c># doc</c> marker, empty after <c>-DOCSTART-</c>, null when the file has no markers (its sentences are then unrelated).</param>
/// <param name="Sentences">Its sentences, in order.</param>
public sealed record ConllDocument(string? Id, ImmutableArray<ConllSentence> Sentences);

/// <summary>
/// Reads CoNLL NER files: one token per line (<c>TOKEN&lt;TAB&gt;TAG</c>, or space-separated with the tag in the
/// chosen column), a blank line between sentences, <c># doc ID</c> or <c>-DOCSTART-</c> lines between documents; other
/// lines starting with <c>"# "</c> are comments.
/// </summary>
public static class ConllReader
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="tagColumn">Column of the tag (0-based; 1 = gold in TOKEN TAG or TOKEN GOLD PRED files).</param>
    public static IReadOnlyList<ConllDocument> ReadFile(string path, int tagColumn = 1)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, tagColumn);
    }

    /// <summary>Reads CoNLL text.</summary>
    /// <exception cref="FormatException">A line has no tag column.</exception>
    public static IReadOnlyList<ConllDocument> Read(TextReader reader, int tagColumn = 1)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var documents = new List<ConllDocument>();
        var sentences = ImmutableArray.CreateBuilder<ConllSentence>();
        var tokens = ImmutableArray.CreateBuilder<string>();
        var tags = ImmutableArray.CreateBuilder<string>();
        string? docId = null;
        var lineNumber = 0;

        void EndSentence()
        {
            if (tokens.Count > 0)
            {
                sentences.Add(new ConllSentence(tokens.ToImmutable(), tags.ToImmutable()));
                tokens.Clear();
                tags.Clear();
            }
        }

        void EndDocument()
        {
            EndSentence();
            if (sentences.Count > 0)
            {
                documents.Add(new ConllDocument(docId, sentences.ToImmutable()));
                sentences.Clear();
            }
        }

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.StartsWith("# doc", StringComparison.Ordinal) || line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                EndDocument();
                docId = line.StartsWith('#') ? line[5..].Trim() : string.Empty;
                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                EndSentence();
                continue;
            }

            var parts = line.Contains('\t', StringComparison.Ordinal) ? line.Split('\t') : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length <= tagColumn)
            {
                throw new FormatException($"Line {lineNumber}: expected a tag in column {tagColumn + 1}: '{line}'.");
            }

            tokens.Add(parts[0]);
            tags.Add(parts[tagColumn].Trim());
        }

        EndDocument();
        return documents;
    }
}
