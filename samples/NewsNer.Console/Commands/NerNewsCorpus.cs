using System.Globalization;
using NewsNer.Cli.Extraction;
using NewsNer.Training.News;

namespace NewsNer.Cli.Commands;

/// <summary>One annotated article of a news set: what the training reads and what the pipeline processes.</summary>
/// <param name="Id">The article id (<c>NNN</c>).</param>
/// <param name="Fold">Its cross-validation fold (from <c>folds.tsv</c>), or −1 when the set has no folds.</param>
/// <param name="Article">The parsed article file (text the pipeline sees, date, metadata).</param>
/// <param name="Gold">The gold entities.</param>
internal sealed record NerNewsItem(string Id, int Fold, Article Article, IReadOnlyList<NewsGoldEntity> Gold)
{
    public NewsArticle ToTraining() => new(Id, Article.Text, Gold);

    public DocumentInput ToInput() =>
        new(Article.Text, new DocumentOptions { Source = Id + ".txt", PublicationDate = Article.Date, Metadata = Article.Metadata() }, Id);
}

/// <summary>
/// Reads an annotated news set (<c>../shared/data/events-train</c>: <c>articles/NNN.txt</c>, <c>gold/NNN.json</c>,
/// <c>folds.tsv</c>). Articles are parsed as the console's <c>extract</c> parses them (<see cref="Article"/>), so the
/// training text is exactly the text the pipeline sees. The data are read from the shared folder at run time and
/// never copied into the repository.
/// </summary>
internal static class NerNewsCorpus
{
    /// <summary>The news training set under a shared folder.</summary>
    public static string TrainingSet(string shared) => Path.Combine(shared, "data", "events-train");

    /// <summary>Reads the articles of a set; with <paramref name="folds"/>, only those of the given folds.</summary>
    /// <exception cref="UsageException">The folder, an article or its gold is missing or unreadable.</exception>
    public static List<NerNewsItem> Read(string setDirectory, IReadOnlySet<int>? folds = null)
    {
        var articles = Path.Combine(setDirectory, "articles");
        var gold = Path.Combine(setDirectory, "gold");
        if (!Directory.Exists(articles) || !Directory.Exists(gold))
        {
            throw new UsageException($"'{setDirectory}' is not an annotated news set: it needs articles/ and gold/ (pass --shared DIR)");
        }

        var foldOf = ReadFolds(setDirectory);
        if (folds is not null && foldOf.Count == 0)
        {
            throw new UsageException($"'{setDirectory}' has no folds.tsv: folds cannot be chosen");
        }

        var items = new List<NerNewsItem>();
        foreach (var path in Directory.EnumerateFiles(gold, "*.json").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            var fold = foldOf.TryGetValue(id, out var f) ? f : -1;
            if (folds is not null && !folds.Contains(fold))
            {
                continue;
            }

            var articlePath = Path.Combine(articles, id + ".txt");
            try
            {
                var article = Article.Parse(TextFiles.Read(articlePath, CliContext.StrictUtf8));
                items.Add(new NerNewsItem(id, fold, article, NewsGold.ReadEntities(File.ReadAllText(path))));
            }
            catch (Exception error) when (error is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read article {id} of '{setDirectory}': {error.Message}");
            }
        }

        if (items.Count == 0)
        {
            throw new UsageException($"no annotated article in '{setDirectory}'{(folds is null ? string.Empty : " for folds " + string.Join(',', folds.Order()))}");
        }

        return items;
    }

    /// <summary><c>folds.tsv</c> (<c>id&lt;TAB&gt;fold</c>, a header line), or an empty map when the set has none.</summary>
    public static Dictionary<string, int> ReadFolds(string setDirectory)
    {
        var path = Path.Combine(setDirectory, "folds.tsv");
        var folds = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return folds;
        }

        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var fold))
            {
                folds[parts[0].Trim()] = fold;
            }
        }

        return folds;
    }

    /// <summary>Parses the fold numbers an option gives (<c>0,1,2</c>): at least one, none negative.</summary>
    public static SortedSet<int> ParseFolds(string list, string option) => [.. IntegerList.Parse(list, option, minimum: 0)];
}
