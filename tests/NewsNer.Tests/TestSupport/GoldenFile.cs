using System.Text;

namespace NewsNer.Tests.TestSupport;

/// <summary>
/// Compares a readable dump with its golden file under <c>tests/NewsNer.Tests/Golden</c> and shows a line diff on
/// failure. Set <c>NEWSNER_UPDATE_GOLDEN=1</c> to rewrite the golden files on purpose (then review the git diff).
/// </summary>
internal static class GoldenFile
{
    public static void Verify(string name, string actual)
    {
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("NEWSNER_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), name), actual, new UTF8Encoding(false));
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        Assert.True(File.Exists(path), $"Golden file {name} is missing. Run the tests once with NEWSNER_UPDATE_GOLDEN=1 to create it, then review it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"{name} differs from the golden file (- expected, + actual). If the change is intended, rerun with NEWSNER_UPDATE_GOLDEN=1 and review the diff.\n{Diff(expected, actual)}");
        }
    }

    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "NewsNer.Tests", "Golden");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/NewsNer.Tests/Golden was not found above the test output directory.");
    }

    // A line diff from the longest common subsequence, showing changed lines with two lines of context.
    private static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Op, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (y < b.Length && (x >= a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(('+', b[y++]));
            }
            else
            {
                lines.Add(('-', a[x++]));
            }
        }

        var output = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < lines.Count && shown < 200; i++)
        {
            var near = false;
            for (var k = Math.Max(0, i - 2); k <= Math.Min(lines.Count - 1, i + 2); k++)
            {
                near |= lines[k].Op != ' ';
            }

            if (near)
            {
                output.Append(lines[i].Op).Append(' ').AppendLine(lines[i].Text);
                shown++;
            }
        }

        return output.ToString();
    }
}
