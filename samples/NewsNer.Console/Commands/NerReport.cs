using System.CommandLine;
using System.Globalization;
using System.Text;
using NewsNer.Entities;
using NewsNer.Training.Conll;
using NewsNer.Training.Evaluation;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>ner-report</c>: evaluates a model on the split of every shared NER corpus and writes the per-corpus table (P/R/F1
/// per type and overall); with <c>--check-floors</c> it fails when a corpus is under its floor (issue 3).
/// </summary>
internal sealed class NerReportCommand : ICliCommand
{
    /// <summary>Corpora in report order, with the floor of strict span F1 on the test split (0 = reported only).</summary>
    /// <summary>
    /// Corpora in report order, with the floor of strict span F1 on the test split (0 = reported only) and the model
    /// profile (annotation convention) matching the corpus's guidelines, used when the model has it.
    /// </summary>
    /// The last column: whether the corpus annotates MISC (WikiANN, Le Temps and Europeana do not: predictions are then
    /// restricted to PER, LOC and ORG, the corpus's label set).
    public static readonly (string Corpus, double Floor, string? Profile, bool Misc)[] Corpora =
    [
        ("sequoia-fr", 0.82, "sequoia", true), ("wikiann-fr", 0.86, "wikiann", false), ("wikineural-fr", 0.88, "wikineural", true),
        ("hipe2020-fr", 0.70, "historical", true), ("newseye-fr", 0, "historical", true), ("letemps-fr", 0, "historical", false),
        ("europeana-fr", 0, "historical", false),
    ];

    public Command Create(CliContext context)
    {
        var shared = new Option<string>("--shared") { Description = "The shared data folder", DefaultValueFactory = _ => "../shared" };
        var model = new Option<string?>("--model") { Description = "Model file (default: the embedded model)" };
        var split = new Option<string>("--split") { Description = "test (default) or dev", DefaultValueFactory = _ => "test" };
        var output = new Option<string?>("--out") { Description = "Also write the Markdown table to this file" };
        var floors = new Option<bool>("--check-floors") { Description = "Exit with 1 when a corpus is below its floor" };
        var corpora = new Option<string?>("--corpora") { Description = "Only these corpora (comma-separated)" };
        var defaultOnly = new Option<bool>("--default-profile") { Description = "Use the model's default profile for every corpus" };
        var command = new Command("ner-report", "Evaluate a model on every shared NER corpus and print the per-corpus table")
        {
            shared, model, split, output, floors, corpora, defaultOnly,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model) is { } m ? context.ResolvePath(m) : null;
            var profiles = NerEvaluator.Create(modelPath).Profiles;
            var only = parse.GetValue(corpora)?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            var table = new StringBuilder();
            table.AppendLine("| corpus | profile | PER P/R/F1 | LOC P/R/F1 | ORG P/R/F1 | MISC P/R/F1 | overall P | overall R | overall F1 | floor |");
            table.AppendLine("|---|---|---|---|---|---|---:|---:|---:|---:|");
            var failed = new List<string>();
            foreach (var (corpus, floor, wanted, misc) in Corpora)
            {
                if (only is not null && !only.Contains(corpus))
                {
                    continue;
                }

                var path = Path.Combine(context.ResolvePath(parse.GetValue(shared)!), "data", "ner", corpus, parse.GetValue(split) + ".conll");
                if (!File.Exists(path))
                {
                    continue;
                }

                var profile = !parse.GetValue(defaultOnly) && wanted is not null && profiles.Contains(wanted) ? wanted : null;
                EntityType[]? types = misc ? null : [EntityType.Person, EntityType.Location, EntityType.Organization];
                var scores = NerEvaluator.Create(modelPath, profile: profile, types: types).Evaluate(ConllReader.ReadFile(path));
                var o = scores.Overall;
                string Cell(string type) => scores.ByType.TryGetValue(type, out var c) && c.TruePositives + c.FalseNegatives > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{c.Precision:0.000} / {c.Recall:0.000} / {c.F1:0.000}")
                    : "–";
                table.AppendLine(CultureInfo.InvariantCulture, $"| {corpus} | {profile ?? "default"} | {Cell("PER")} | {Cell("LOC")} | {Cell("ORG")} | {Cell("MISC")} | {o.Precision:0.000} | {o.Recall:0.000} | **{o.F1:0.000}** | {(floor > 0 ? floor.ToString("0.00", CultureInfo.InvariantCulture) : "–")} |");
                context.Stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{corpus}: F1 {o.F1:0.00000}{(floor > 0 ? $" (floor {floor:0.00})" : string.Empty)}"));
                if (floor > 0 && o.F1 < floor)
                {
                    failed.Add(string.Create(CultureInfo.InvariantCulture, $"{corpus} {o.F1:0.0000} < {floor:0.00}"));
                }
            }

            context.Stdout.Write(table);
            var file = parse.GetValue(output);
            if (file is not null)
            {
                File.WriteAllText(context.ResolvePath(file), table.ToString());
            }

            if (parse.GetValue(floors) && failed.Count > 0)
            {
                context.Stderr.WriteLine("below the floor: " + string.Join("; ", failed));
                return 1;
            }

            return 0;
        });
        return command;
    }
}
