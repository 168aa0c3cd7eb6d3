using System.Globalization;

namespace NewsNer.Training.Evaluation.News;

/// <summary>One article of an annotated news set, as the pipeline reads it.</summary>
/// <param name="Id">The article id (<c>NNN</c>).</param>
/// <param name="Text">The document text (title, blank line, body).</param>
/// <param name="Options">Publication date, source and metadata.</param>
public sealed record NewsArticle(string Id, string Text, DocumentOptions Options);

/// <summary>
/// An annotated news set in the format of <c>../shared/data/events-train</c>: <c>articles/NNN.txt</c>,
/// <c>gold/NNN.json</c> and, for cross-validation, <c>folds.tsv</c> (<c>id&lt;TAB&gt;fold</c>).
/// </summary>
public sealed class NewsDataset
{
    private NewsDataset(IReadOnlyList<NewsArticle> articles, IReadOnlyDictionary<string, GoldArticle> gold, IReadOnlyDictionary<string, int> folds)
    {
        Articles = articles;
        Gold = gold;
        Folds = folds;
    }

    /// <summary>The articles with a gold file, in id order.</summary>
    public IReadOnlyList<NewsArticle> Articles { get; }

    /// <summary>Gold annotation by article id.</summary>
    public IReadOnlyDictionary<string, GoldArticle> Gold { get; }

    /// <summary>Fold by article id (empty without <c>folds.tsv</c>).</summary>
    public IReadOnlyDictionary<string, int> Folds { get; }

    /// <summary>The fold numbers, in order.</summary>
    public IReadOnlyList<int> FoldNumbers => [.. Folds.Values.Distinct().Order()];

    /// <summary>The articles of one fold.</summary>
    public IEnumerable<NewsArticle> InFold(int fold) => Articles.Where(a => Folds.TryGetValue(a.Id, out var f) && f == fold);

    /// <summary>The articles of every other fold (the training set of <paramref name="fold"/>).</summary>
    public IEnumerable<NewsArticle> OutsideFold(int fold) => Articles.Where(a => Folds.TryGetValue(a.Id, out var f) && f != fold);

    /// <summary>The same articles as one fold numbered 0 (to score a fixed pipeline on the whole set).</summary>
    public NewsDataset WithSingleFold() => new(Articles, Gold, Articles.ToDictionary(a => a.Id, _ => 0, StringComparer.Ordinal));

    /// <summary>Reads a set.</summary>
    /// <param name="directory">The folder holding <c>articles/</c>, <c>gold/</c> and optionally <c>folds.tsv</c>.</param>
    /// <param name="readArticle">Turns an article file's content into its text and options (the console's header reader).</param>
    /// <exception cref="DirectoryNotFoundException">A folder is missing.</exception>
    public static NewsDataset Load(string directory, Func<string, string, NewsArticle> readArticle)
    {
        ArgumentNullException.ThrowIfNull(readArticle);
        var goldDir = Path.Combine(directory, "gold");
        var articlesDir = Path.Combine(directory, "articles");
        if (!Directory.Exists(goldDir) || !Directory.Exists(articlesDir))
        {
            throw new DirectoryNotFoundException($"{directory} must hold articles/ and gold/ folders");
        }

        var gold = GoldArticle.LoadFolder(goldDir).ToDictionary(g => g.Id, StringComparer.Ordinal);
        var articles = new List<NewsArticle>();
        foreach (var id in gold.Keys.Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(articlesDir, id + ".txt");
            if (File.Exists(path))
            {
                articles.Add(readArticle(id, File.ReadAllText(path)));
            }
        }

        var folds = new Dictionary<string, int>(StringComparer.Ordinal);
        var foldsPath = Path.Combine(directory, "folds.tsv");
        if (File.Exists(foldsPath))
        {
            foreach (var line in File.ReadLines(foldsPath))
            {
                var cells = line.Split('\t');
                if (cells.Length >= 2 && int.TryParse(cells[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var fold))
                {
                    folds[cells[0].Trim()] = fold;
                }
            }
        }

        return new NewsDataset(articles, gold, folds);
    }
}
