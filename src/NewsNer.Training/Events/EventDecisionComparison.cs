using System.Globalization;
using NewsNer.Events.Decisions;
using NewsNer.Training.Evaluation.News;

namespace NewsNer.Training.Events;

/// <summary>
/// Compares, decision by decision, the rules with each Microsoft.ML learner by cross-validation by article: for each
/// fold, every decision is trained on the other folds' examples (second-stage examples from cross-fitted first-stage
/// predictions, as in training) and scored on the fold's examples (second-stage examples from the first stage trained
/// on the other folds, as when serving). Prints accuracy, F1 (of "yes", or macro over classes), ROC AUC (two classes)
/// and log loss of the pooled held-out predictions.
/// </summary>
public static class EventDecisionComparison
{
    /// <summary>Runs the comparison and prints one table per decision.</summary>
    /// <param name="dataset">The annotated set.</param>
    /// <param name="folds">The folds to score.</param>
    /// <param name="linkingForFold">The pipeline up to linking that tags fold k's articles and its training articles.</param>
    /// <param name="learners">The learners to compare (the rules are always included).</param>
    /// <param name="options">Learners of the first stage feeding the second, and the seed.</param>
    /// <param name="output">Where to print.</param>
    public static void Run(NewsDataset dataset, IReadOnlyList<int> folds, Func<int, NewsPipeline> linkingForFold, IReadOnlyList<DecisionLearner> learners, EventTrainingOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var all = new[] { DecisionLearner.Rules }.Concat(learners.Where(l => l != DecisionLearner.Rules)).ToList();
        var predictions = new Dictionary<(EventDecision, DecisionLearner), List<(int Label, float[] Probabilities)>>();
        foreach (var fold in folds)
        {
            var linking = linkingForFold(fold);
            var training = EventExamples.Read(linking, dataset.OutsideFold(fold), dataset.Gold);
            var test = EventExamples.Read(linking, dataset.InFold(fold), dataset.Gold);
            var firstStage = EventModelTrainer.TrainFirstStage(training, options);
            var trainExamples = EventExamples.FirstStage(training);
            var testExamples = EventExamples.FirstStage(test);
            foreach (var (decision, list) in EventModelTrainer.CrossFittedSecondStage(training, options))
            {
                trainExamples[decision] = list;
            }

            var decided = test.Select(a => (a, LearnedMeetingAssembler.Decide(a.Index, a.Statistics, a.Candidates, firstStage))).ToList();
            foreach (var (decision, list) in EventExamples.SecondStage(decided))
            {
                testExamples[decision] = list;
            }

            options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"fold {fold}: {string.Join(", ", trainExamples.Select(d => $"{d.Key} {d.Value.Count}/{testExamples[d.Key].Count}"))} training/test examples"));
            foreach (var decision in Enum.GetValues<EventDecision>())
            {
                var classes = EventExamples.Classes(decision);
                foreach (var learner in all)
                {
                    var model = learner == DecisionLearner.Rules ? null : DecisionTrainer.Train(trainExamples[decision], classes, learner, options.Seed);
                    var list = predictions.TryGetValue((decision, learner), out var found) ? found : predictions[(decision, learner)] = [];
                    var features = new FeatureVector();
                    foreach (var example in testExamples[decision])
                    {
                        var probabilities = new float[classes];
                        if (model is null)
                        {
                            probabilities[example.Rule] = 1f;
                        }
                        else
                        {
                            DecisionTrainer.Load(features, example);
                            model.Probabilities(features, probabilities);
                        }

                        list.Add((example.Label, probabilities));
                    }
                }
            }
        }

        foreach (var decision in Enum.GetValues<EventDecision>())
        {
            var classes = EventExamples.Classes(decision);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {decision} ({predictions[(decision, DecisionLearner.Rules)].Count} held-out examples) | accuracy | {(classes == 2 ? "F1 (yes)" : "macro-F1")} | ROC AUC | log loss |"));
            output.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var learner in all)
            {
                var list = predictions[(decision, learner)];
                var accuracy = list.Count == 0 ? 0 : list.Count(p => ArgMax(p.Probabilities) == p.Label) / (double)list.Count;
                var f1 = classes == 2 ? F1(list, 1) : Enumerable.Range(0, classes).Average(c => F1(list, c));
                var auc = classes == 2 && learner != DecisionLearner.Rules ? Auc(list).ToString("0.000", CultureInfo.InvariantCulture) : "–";
                var logLoss = learner == DecisionLearner.Rules ? "–" : LogLoss(list).ToString("0.000", CultureInfo.InvariantCulture);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {learner} | {accuracy:0.000} | {f1:0.000} | {auc} | {logLoss} |"));
            }

            output.WriteLine();
        }
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static double F1(List<(int Label, float[] Probabilities)> list, int c)
    {
        var tp = list.Count(p => p.Label == c && ArgMax(p.Probabilities) == c);
        var fp = list.Count(p => p.Label != c && ArgMax(p.Probabilities) == c);
        var fn = list.Count(p => p.Label == c && ArgMax(p.Probabilities) != c);
        return tp == 0 ? 0 : 2.0 * tp / ((2 * tp) + fp + fn);
    }

    private static double LogLoss(List<(int Label, float[] Probabilities)> list) =>
        list.Count == 0 ? 0 : -list.Average(p => Math.Log(Math.Max(1e-6, p.Probabilities[p.Label])));

    /// <summary>Area under the ROC curve: the probability that a random positive scores above a random negative (ties count half).</summary>
    private static double Auc(List<(int Label, float[] Probabilities)> list)
    {
        var ranked = list.OrderBy(p => p.Probabilities[1]).ToList();
        double rankSum = 0;
        var positives = 0;
        for (var i = 0; i < ranked.Count;)
        {
            var j = i;
            while (j < ranked.Count && ranked[j].Probabilities[1] == ranked[i].Probabilities[1])
            {
                j++;
            }

            var averageRank = (i + j + 1) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (ranked[k].Label == 1)
                {
                    rankSum += averageRank;
                    positives++;
                }
            }

            i = j;
        }

        var negatives = ranked.Count - positives;
        return positives == 0 || negatives == 0 ? 0 : (rankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }
}
