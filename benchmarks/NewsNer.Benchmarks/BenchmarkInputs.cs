using System.Text;

namespace NewsNer.Benchmarks;

/// <summary>
/// The texts the benchmarks run on: the sample article shipped in <c>samples/</c>, and about 1 MB of French news-like
/// text built in memory at run time from <c>../shared/data</c> when it is beside the clone (the events-dev article
/// bodies, then detokenized sentences of the Sequoia and WikiNEuRal training splits), otherwise from
/// <c>samples/*.txt</c> repeated. Nothing built here is written to disk.
/// </summary>
internal static class BenchmarkInputs
{
    public const string Sample = "sample";
    public const string Corpus = "corpus-1MB";
    private const int CorpusChars = 1_000_000;

    private static readonly Lazy<string> s_sample = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "al-chaar-poutine.fr.txt")));
    private static readonly Lazy<(string Text, string Origin)> s_corpus = new(BuildCorpus);

    public static string Get(string name) => name switch
    {
        Sample => s_sample.Value,
        Corpus => s_corpus.Value.Text,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown benchmark input."),
    };

    /// <summary>Where the corpus text came from, for the report.</summary>
    public static string CorpusOrigin => s_corpus.Value.Origin;

    private static (string, string) BuildCorpus()
    {
        var builder = new StringBuilder(CorpusChars + 4096);
        var data = FindSharedData();
        if (data is not null)
        {
            foreach (var article in Directory.EnumerateFiles(Path.Combine(data, "events-dev", "articles"), "*.txt").Order(StringComparer.Ordinal))
            {
                // Title line, "source:" and "date:" header lines, blank line, body: keep the title and body.
                foreach (var line in File.ReadLines(article))
                {
                    if (!line.StartsWith("source:", StringComparison.Ordinal) && !line.StartsWith("date:", StringComparison.Ordinal))
                    {
                        builder.Append(line).Append('\n');
                    }
                }

                builder.Append('\n');
            }

            foreach (var corpus in new[] { "sequoia-fr", "wikineural-fr" })
            {
                AppendDetokenized(builder, Path.Combine(data, "ner", corpus, "train.conll"));
                if (builder.Length >= CorpusChars)
                {
                    break;
                }
            }

            if (builder.Length >= CorpusChars / 2)
            {
                return (Truncate(builder), "../shared/data (events-dev bodies, Sequoia and WikiNEuRal train sentences, detokenized)");
            }

            builder.Clear();
        }

        var samples = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        while (builder.Length < CorpusChars)
        {
            foreach (var sample in samples)
            {
                builder.Append(sample).Append("\n\n");
            }
        }

        return (Truncate(builder), "samples/*.txt repeated");
    }

    private static string Truncate(StringBuilder builder)
    {
        var text = builder.ToString();
        if (text.Length <= CorpusChars)
        {
            return text;
        }

        // Cut at a paragraph or line end so the last sentence is whole.
        var cut = text.LastIndexOf('\n', CorpusChars);
        return text[..(cut > 0 ? cut : CorpusChars)];
    }

    // Sentences of a CoNLL file (TOKEN<TAB>TAG, blank line between sentences) as running text, five per paragraph.
    private static void AppendDetokenized(StringBuilder builder, string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var sentence = new List<string>();
        var sentences = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                if (sentence.Count > 0)
                {
                    Detokenize(builder, sentence);
                    sentence.Clear();
                    builder.Append(++sentences % 5 == 0 ? "\n\n" : " ");
                    if (builder.Length >= CorpusChars)
                    {
                        return;
                    }
                }

                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            sentence.Add(tab < 0 ? line : line[..tab]);
        }
    }

    // French typography: no space before , . ) ] and hyphenated clitics, none after ( [ and elisions.
    private static void Detokenize(StringBuilder builder, List<string> tokens)
    {
        var glueNext = true;
        foreach (var token in tokens)
        {
            var glueBefore = token is "," or "." or ")" or "]" or "..." || token.StartsWith('-') && token.Length > 1 && char.IsLetter(token[1]);
            if (!glueNext && !glueBefore)
            {
                builder.Append(' ');
            }

            builder.Append(token);
            glueNext = token is "(" or "[" || token.EndsWith('\'') || token.EndsWith('’');
        }
    }

    private static string? FindSharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsNer.sln")))
            {
                var data = Path.Combine(dir.FullName, "..", "shared", "data");
                return Directory.Exists(Path.Combine(data, "events-dev")) ? Path.GetFullPath(data) : null;
            }
        }

        return null;
    }
}
