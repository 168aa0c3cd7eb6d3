using System.Globalization;
using NewsNer.Serialization;

namespace NewsNer.Training.Evaluation.News;

/// <summary>
/// Cross-validation by article on an annotated news set: for each fold in turn, a pipeline is made from the other
/// folds only (<see cref="NewsCrossValidationOptions.PipelineForFold"/> trains whatever is learned), runs on the
/// fold's articles, and is scored with <see cref="NewsScorer"/>; the counts are summed over folds.
/// </summary>
public static class NewsCrossValidation
{
    /// <summary>Runs the cross-validation.</summary>
    public static NewsCrossValidationResult Run(NewsDataset dataset, NewsCrossValidationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        var folds = options.Folds ?? dataset.FoldNumbers;
        var byFold = new SortedDictionary<int, NewsScore>();
        var total = new NewsScore();
        var articleScores = new List<(int Fold, ArticleScore Score)>();
        foreach (var fold in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var training = dataset.OutsideFold(fold).ToList();
            var test = dataset.InFold(fold).ToList();
            options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"fold {fold}: {training.Count} training articles, {test.Count} scored"));
            var pipeline = options.PipelineForFold(fold, training);
            var score = new NewsScore();
            var inputs = test.Select(a => new DocumentInput(a.Text, a.Options, a.Id));
            foreach (var result in pipeline.ProcessMany(inputs, new BatchOptions { MaxDegreeOfParallelism = options.Parallelism }, cancellationToken))
            {
                var document = result.Document ?? throw new InvalidOperationException($"article {result.Id}: {result.Error?.Message}", result.Error);
                var article = NewsScorer.Score(dataset.Gold[result.Id!], document);
                score.Add(article);
                articleScores.Add((fold, article));
                if (options.OutputDirectory is { } outDir)
                {
                    Directory.CreateDirectory(outDir);
                    File.WriteAllText(Path.Combine(outDir, result.Id + ".json"), NewsJson.Serialize(document, new NewsJsonOptions { IncludeTokens = false }));
                }
            }

            byFold[fold] = score;
            total.Add(score);
        }

        return new NewsCrossValidationResult(byFold, total, articleScores);
    }
}

/// <summary>How <see cref="NewsCrossValidation.Run"/> runs.</summary>
public sealed record NewsCrossValidationOptions
{
    /// <summary>
    /// The pipeline that scores fold <c>k</c>, given the articles of the other folds (train on them only). Called once
    /// per fold.
    /// </summary>
    public required Func<int, IReadOnlyList<NewsArticle>, NewsPipeline> PipelineForFold { get; init; }

    /// <summary>The folds to score (default: every fold of the set).</summary>
    public IReadOnlyList<int>? Folds { get; init; }

    /// <summary>Documents processed at once (0: every core).</summary>
    public int Parallelism { get; init; }

    /// <summary>Where to write each scored article's <c>newsner/1</c> JSON (<c>NNN.json</c>, without tokens), or null.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Progress messages, or null.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>The scores of a cross-validation: per fold, summed, and per article for error analysis.</summary>
/// <param name="ByFold">The scores of each fold.</param>
/// <param name="Total">The counts summed over folds.</param>
/// <param name="Articles">Every scored article with its fold.</param>
public sealed record NewsCrossValidationResult(
    IReadOnlyDictionary<int, NewsScore> ByFold,
    NewsScore Total,
    IReadOnlyList<(int Fold, ArticleScore Score)> Articles);
