using System.CommandLine;
using System.Globalization;
using NewsNer.Cli.Extraction;
using NewsNer.Training.Conll;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>newsner eval-language</c>: measures the language identification of the pipeline. French side (must be 0): how
/// many French news articles (events dev and train) and French NER corpus documents (consecutive sentences grouped) come
/// out as another language. Other side: on held-out paragraphs of other languages (<c>tools/build-language-model.sh
/// DIR</c>), how many are told apart from French and named right. Exits 1 when a French document is not French.
/// </summary>
internal sealed class EvalLanguageCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var shared = new Option<string?>("--shared") { Description = "The shared data folder. Default: ../shared beside the clone.", HelpName = "DIR" };
        var heldout = new Option<string?>("--heldout") { Description = "Held-out paragraphs, one LANG.txt per language (tools/build-language-model.sh DIR).", HelpName = "DIR" };
        var sentences = new Option<int>("--sentences") { Description = "Sentences per NER corpus document.", HelpName = "N", DefaultValueFactory = _ => 10 };
        var letters = new Option<int>("--letters") { Description = "Letters per held-out document (consecutive paragraphs); single paragraphs are measured too.", HelpName = "N", DefaultValueFactory = _ => 600 };
        var command = new Command("eval-language", "Measure language identification: French documents taken for another language, other languages taken for French.")
        {
            shared, heldout, sentences, letters,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var pipeline = NewsPipeline.CreateBuilder().UseLanguageDetection().Build();
            var sharedDir = parse.GetValue(shared) is { } s ? context.ResolvePath(s) : EvalNewsCommand.FindShared(context, "data");
            var output = context.Stdout;
            var misses = 0;
            output.WriteLine("| French documents | documents | not French | languages given |");
            output.WriteLine("|---|---:|---:|---|");
            foreach (var folder in new[] { "events-dev/articles", "events-train/articles" })
            {
                var path = Path.Combine(sharedDir.EndsWith("data", StringComparison.Ordinal) ? sharedDir : Path.Combine(sharedDir, "data"), folder);
                if (Directory.Exists(path))
                {
                    var texts = Directory.EnumerateFiles(path, "*.txt").Order(StringComparer.Ordinal).Select(f => Article.Parse(File.ReadAllText(f)).Text);
                    misses += Row(output, pipeline, folder, texts, "fr", cancellationToken);
                }
            }

            var ner = Path.Combine(sharedDir.EndsWith("data", StringComparison.Ordinal) ? sharedDir : Path.Combine(sharedDir, "data"), "ner");
            if (Directory.Exists(ner))
            {
                var size = Math.Max(1, parse.GetValue(sentences));
                foreach (var corpus in Directory.EnumerateDirectories(ner).Order(StringComparer.Ordinal))
                {
                    var all = Directory.EnumerateFiles(corpus, "*.conll").Order(StringComparer.Ordinal)
                        .SelectMany(f => ConllReader.ReadFile(f)).SelectMany(d => d.Sentences).Select(s => string.Join(' ', s.Tokens)).ToList();
                    var documents = all.Chunk(size).Select(group => string.Join('\n', group));
                    misses += Row(output, pipeline, $"{Path.GetFileName(corpus)} ({size} sentences)", documents, "fr", cancellationToken);
                }
            }

            if (parse.GetValue(heldout) is { } h)
            {
                var size = Math.Max(1, parse.GetValue(letters));
                output.WriteLine();
                output.WriteLine("| held-out text | documents | named right | taken for French | languages given |");
                output.WriteLine("|---|---:|---:|---:|---|");
                foreach (var file in Directory.EnumerateFiles(context.ResolvePath(h), "*.txt").Order(StringComparer.Ordinal))
                {
                    var language = Path.GetFileNameWithoutExtension(file);
                    var paragraphs = File.ReadLines(file).Where(l => l.Length > 0).ToList();
                    HeldOutRow(output, pipeline, $"{language} ({size} letters)", Group(paragraphs, size), language, cancellationToken);
                    HeldOutRow(output, pipeline, $"{language} (paragraph ≥ 100 letters)", paragraphs.Where(p => p.Count(char.IsLetter) >= 100), language, cancellationToken);
                }
            }

            context.Stderr.WriteLine(misses == 0 ? "eval-language: no French document taken for another language" : $"eval-language: FAIL: {misses} French documents taken for another language");
            return Task.FromResult(misses == 0 ? ExitCodes.Success : ExitCodes.Failures);
        });
        return command;
    }

    // One row of the French table; returns the number of documents not identified as French (and names them).
    private static int Row(TextWriter output, NewsPipeline pipeline, string name, IEnumerable<string> texts, string expected, CancellationToken cancellationToken)
    {
        var languages = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<string>();
        var count = 0;
        foreach (var text in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = pipeline.Process(text, cancellationToken: cancellationToken);
            count++;
            languages[document.Language] = languages.GetValueOrDefault(document.Language) + 1;
            if (document.Language != expected && examples.Count < 3)
            {
                examples.Add($"'{Shorten(text)}' → {document.Language}");
            }
        }

        var misses = count - languages.GetValueOrDefault(expected);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {count} | {misses} | {Counts(languages)} |"));
        foreach (var example in examples)
        {
            output.WriteLine($"|   {example} | | | |");
        }

        return misses;
    }

    private static void HeldOutRow(TextWriter output, NewsPipeline pipeline, string name, IEnumerable<string> texts, string expected, CancellationToken cancellationToken)
    {
        var languages = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        foreach (var text in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var language = pipeline.Process(text, cancellationToken: cancellationToken).Language;
            languages[language] = languages.GetValueOrDefault(language) + 1;
            count++;
        }

        var right = languages.GetValueOrDefault(expected);
        var french = expected == "fr" ? 0 : languages.GetValueOrDefault("fr");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {count} | {right} ({Percent(right, count)}) | {french} ({Percent(french, count)}) | {Counts(languages)} |"));
    }

    private static IEnumerable<string> Group(List<string> paragraphs, int letters)
    {
        var group = new List<string>();
        var size = 0;
        foreach (var paragraph in paragraphs)
        {
            group.Add(paragraph);
            size += paragraph.Count(char.IsLetter);
            if (size >= letters)
            {
                yield return string.Join('\n', group);
                (group, size) = ([], 0);
            }
        }
    }

    private static string Percent(int part, int whole) => whole == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0.0} %");

    private static string Counts(SortedDictionary<string, int> counts) => string.Join(", ", counts.OrderByDescending(p => p.Value).Take(6).Select(p => $"{p.Key} {p.Value}"));

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 80 ? line : line[..80] + "…";
    }
}
