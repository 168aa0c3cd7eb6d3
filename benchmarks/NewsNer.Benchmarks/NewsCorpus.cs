using System.Text;

namespace NewsNer.Benchmarks;

/// <summary>
/// French news-like text for the benchmarks and the memory measurement, built at run time and never committed: the
/// events-dev article bodies of <c>../shared/data</c>, then sentences of the CoNLL training splits joined back into
/// running text (French spacing, five sentences per paragraph): Sequoia and WikiNEuRal first (modern text), then the
/// historical newspapers, WikiANN and Europeana when more is asked for. Without <c>../shared</c>, the
/// <c>samples/*.txt</c> articles are repeated.
/// </summary>
internal static class NewsCorpus
{
    /// <summary>Smallest article size when a text is cut into articles (the sample article has 3,083 characters).</summary>
    public const int ArticleChars = 3_000;

    /// <summary>Shared text at least this long is used (repeated if need be) rather than the samples.</summary>
    public const int MinSharedChars = 1_000_000;

    // Modern corpora first: the 1 MB benchmark corpus comes from the first three sources only.
    private static readonly string[] s_conllCorpora = ["sequoia-fr", "wikineural-fr", "hipe2020-fr", "newseye-fr", "letemps-fr", "wikiann-fr", "europeana-fr"];

    /// <summary>About <paramref name="chars"/> characters of text, cut at a line end, and where it came from.</summary>
    public static (string Text, string Origin) BuildText(int chars) => BuildText(chars, FindSharedData(), SamplesDirectory);

    /// <summary>
    /// About <paramref name="chars"/> characters of text from <paramref name="sharedData"/> (a <c>../shared/data</c>
    /// folder; repeated when it holds less than asked but at least <see cref="MinSharedChars"/> or half the request) or,
    /// when it is null or too small, from the <c>.txt</c> files of <paramref name="samplesDirectory"/>.
    /// </summary>
    public static (string Text, string Origin) BuildText(int chars, string? sharedData, string samplesDirectory)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chars);
        var builder = new StringBuilder(chars + 4096);
        if (sharedData is not null && Directory.Exists(Path.Combine(sharedData, "events-dev", "articles")))
        {
            var used = new List<string> { "events-dev bodies" };
            AppendArticles(builder, Path.Combine(sharedData, "events-dev", "articles"));
            foreach (var corpus in s_conllCorpora)
            {
                if (builder.Length >= chars)
                {
                    break;
                }

                if (AppendDetokenized(builder, Path.Combine(sharedData, "ner", corpus, "train.conll"), chars))
                {
                    used.Add(corpus);
                }
            }

            // All the shared text is about 4.4 MB: larger requests (the memory folders of 10 and 100 MB) repeat it rather than
            // fall back to the one sample article.
            if (builder.Length >= Math.Min(chars / 2, MinSharedChars))
            {
                var origin = $"../shared/data ({string.Join(", ", used)}; CoNLL train sentences detokenized)";
                return (Repeat(builder, chars), origin);
            }

            builder.Clear();
        }

        var samples = Directory.EnumerateFiles(samplesDirectory, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        if (samples.Length == 0)
        {
            throw new FileNotFoundException($"No .txt sample in {samplesDirectory} to build the benchmark corpus from.");
        }

        foreach (var sample in samples)
        {
            builder.Append(sample.TrimEnd()).Append("\n\n");
        }

        return (Repeat(builder, chars), "samples/*.txt repeated");
    }

    /// <summary>
    /// Cuts a text into article-sized documents at blank lines: whole paragraphs, at least <paramref name="minChars"/>
    /// characters each (the last one may be shorter). Joined with blank lines, they give back the text without its
    /// leading and trailing blank lines.
    /// </summary>
    public static string[] SplitArticles(string text, int minChars = ArticleChars)
    {
        var articles = new List<string>();
        var start = 0;
        var span = text.AsSpan();
        while (start < text.Length)
        {
            // Skip blank lines between articles.
            while (start < text.Length && text[start] == '\n')
            {
                start++;
            }

            if (start >= text.Length)
            {
                break;
            }

            var end = start + minChars;
            if (end >= text.Length)
            {
                end = text.Length;
            }
            else
            {
                var blank = span[end..].IndexOf("\n\n");
                end = blank < 0 ? text.Length : end + blank;
            }

            articles.Add(text[start..end].TrimEnd('\n'));
            start = end;
        }

        return [.. articles];
    }

    /// <summary>
    /// Writes a folder of article files (<c>000001.txt</c>, …) totalling at least <paramref name="bytes"/> bytes of UTF-8,
    /// for the console's memory measurement: the articles of a pool of text (all the shared data, about 4.4 MB, or the
    /// samples) written in turn, the pool repeated as often as needed. Returns the file count and the bytes written.
    /// </summary>
    public static (int Files, long Bytes) WriteFolder(string folder, long bytes, string? sharedData, string samplesDirectory)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        Directory.CreateDirectory(folder);
        var pool = SplitArticles(BuildText((int)Math.Min(bytes, 12_000_000), sharedData, samplesDirectory).Text);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        long written = 0;
        var files = 0;
        while (written < bytes)
        {
            var article = pool[files % pool.Length];
            var path = Path.Combine(folder, (files + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + ".txt");
            var content = utf8.GetBytes(article + "\n");
            File.WriteAllBytes(path, content);
            written += content.Length;
            files++;
        }

        return (files, written);
    }

    /// <summary>The <c>Samples</c> folder beside the benchmark binaries (a copy of <c>samples/*.txt</c>).</summary>
    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "Samples");

    /// <summary><c>../shared/data</c> beside the clone holding these binaries, when it exists.</summary>
    public static string? FindSharedData()
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

    // The text repeated (when the sources are smaller than asked) and cut at a line end, so the last sentence is whole.
    private static string Repeat(StringBuilder builder, int chars)
    {
        var once = builder.ToString();
        if (once.Length < chars)
        {
            while (builder.Length < chars)
            {
                builder.Append(once);
            }
        }

        var text = builder.ToString();
        if (text.Length <= chars)
        {
            return text;
        }

        var cut = text.LastIndexOf('\n', chars);
        return text[..(cut > 0 ? cut : chars)];
    }

    // Title line, "source:" and "date:" header lines, blank line, body: keep the title and body.
    private static void AppendArticles(StringBuilder builder, string folder)
    {
        foreach (var article in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(article))
            {
                if (!line.StartsWith("source:", StringComparison.Ordinal) && !line.StartsWith("date:", StringComparison.Ordinal))
                {
                    builder.Append(line).Append('\n');
                }
            }

            builder.Append('\n');
        }
    }

    // Sentences of a CoNLL file (TOKEN<TAB>TAG or TOKEN TAG, blank line between sentences, '#' comments) as running
    // text, five per paragraph, until the builder holds `limit` characters. False when the file is missing.
    private static bool AppendDetokenized(StringBuilder builder, string path, int limit)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var sentence = new List<string>();
        var sentences = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith("-DOCSTART-", StringComparison.Ordinal) || line.StartsWith("# ", StringComparison.Ordinal))
            {
                if (sentence.Count > 0)
                {
                    Detokenize(builder, sentence);
                    sentence.Clear();
                    builder.Append(++sentences % 5 == 0 ? "\n\n" : " ");
                    if (builder.Length >= limit)
                    {
                        return true;
                    }
                }

                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            tab = tab > 0 ? tab : line.IndexOf(' ', StringComparison.Ordinal);
            sentence.Add(tab <= 0 ? line : line[..tab]);
        }

        if (sentence.Count > 0)
        {
            Detokenize(builder, sentence);
            builder.Append("\n\n");
        }

        return true;
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
}
