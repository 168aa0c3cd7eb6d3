using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsNer.Cli.Commands;

/// <summary>The entity figures of one <c>score_news.py</c> run.</summary>
internal sealed record NerNewsScores(
    IReadOnlyDictionary<string, (double P, double R, double F1)> ByType,
    double P, double R, double F1, int TruePositives, int FalsePositives, int FalseNegatives, double EventF1)
{
    public double TypeF1(string type) => ByType.TryGetValue(type, out var s) ? s.F1 : 0;
}

/// <summary>
/// Runs the shared scorer (<c>python3 score_news.py GOLD PRED IDS...</c>) and reads its entity figures: the scorer is
/// the reference (its matching: a predicted cluster matches a gold entity of the same type when one of its mention texts
/// equals one gold mention string; counts summed over the ids given).
/// </summary>
internal static partial class NerNewsScorer
{
    public static NerNewsScores Score(string python, string scorer, string gold, string predictions, IEnumerable<string> ids)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(scorer);
        start.ArgumentList.Add(gold);
        start.ArgumentList.Add(predictions);
        foreach (var id in ids)
        {
            start.ArgumentList.Add(id);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new UsageException($"cannot run '{python}': Python 3 is needed to score (install it, e.g. apt-get install python3, or pass --python PATH)");
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"the scorer failed (exit code {process.ExitCode}): {stderr.Result.Trim()}");
            }

            return Parse(output);
        }
    }

    /// <summary>Reads the scorer's report (the lines <c>entity TYPE P x R y F1 z</c>, <c>entities P ...</c>, <c>entity F1 x event F1 y</c>).</summary>
    /// <exception cref="FormatException">The report lacks its summary lines.</exception>
    public static NerNewsScores Parse(string report)
    {
        var byType = new Dictionary<string, (double, double, double)>(StringComparer.Ordinal);
        foreach (Match m in TypeLine().Matches(report))
        {
            byType[m.Groups[1].Value] = (D(m.Groups[2]), D(m.Groups[3]), D(m.Groups[4]));
        }

        var all = AllLine().Match(report);
        var last = LastLine().Match(report);
        if (!all.Success || !last.Success)
        {
            throw new FormatException("the scorer's report has no 'entities P ... (tp fp fn)' or 'entity F1 ... event F1 ...' line");
        }

        return new NerNewsScores(byType, D(all.Groups[1]), D(all.Groups[2]), D(all.Groups[3]),
            int.Parse(all.Groups[4].Value, CultureInfo.InvariantCulture), int.Parse(all.Groups[5].Value, CultureInfo.InvariantCulture),
            int.Parse(all.Groups[6].Value, CultureInfo.InvariantCulture), D(last.Groups[2]));

        static double D(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^entity (\S+)\s+P ([0-9.]+) R ([0-9.]+) F1 ([0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^entities P ([0-9.]+) R ([0-9.]+) F1 ([0-9.]+) \(tp (\d+) fp (\d+) fn (\d+)\)", RegexOptions.Multiline)]
    private static partial Regex AllLine();

    [GeneratedRegex(@"^entity F1 ([0-9.]+) event F1 ([0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex LastLine();
}
