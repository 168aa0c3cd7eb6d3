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
    /// <summary>
    /// Corpora in report order, with the floor of strict span F1 on the test split (0 = reported only), the model profile
    /// (annotation convention) of the corpus's guidelines (what the automatic choice should find: see
    /// <see cref="ProfileAccuracyCommand"/>) and whether the corpus annotates MISC.
    /// </summary>
    public static readonly (string Corpus, double Floor, string? Profile, bool Misc)[] Corpora =
    [
        ("sequoia-fr", 0.82, "sequoia", true), ("wikiann-fr", 0.86, "wikiann", false), ("wikineural-fr", 0.88, "wikineural", true),
        ("hipe2020-fr", 0.70, "historical", true), ("newseye-fr", 0, "historical", true), ("letemps-fr", 0, "historical", false),
        ("europeana-fr", 0, "historical", false),
    ];

    public Command Create(CliContext context)
    {
        var shared = new Option<string>("--shared") { Description = "The shared data folder", DefaultValueFactory = _ => "../shared" };
        var model = NerCommandOptions.ModelOption();
        var split = new Option<string>("--split") { Description = "test (default) or dev", DefaultValueFactory = _ => "test" };
        var output = new Option<string?>("--out") { Description = "Also write the Markdown table to this file" };
        var floors = new Option<bool>("--check-floors") { Description = "Exit with 1 when a corpus is below its floor" };
        var corpora = new Option<string?>("--corpora") { Description = "Only these corpora (comma-separated)" };
        var defaultOnly = new Option<bool>("--default-profile") { Description = "Use the model's default (news) profile and all types for every corpus: what a user of the library's pipeline gets" };
        var profileOption = NerCommandOptions.ProfileOption();
        var command = new Command("ner-report", "Evaluate a model on every shared NER corpus and print the per-corpus table")
        {
            shared, model, split, output, floors, corpora, defaultOnly, profileOption,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model) is { } m ? context.ResolvePath(m) : null;
            var only = parse.GetValue(corpora)?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            var table = new StringBuilder();
            table.AppendLine("| corpus | profile | PER P/R/F1 | LOC P/R/F1 | ORG P/R/F1 | MISC P/R/F1 | overall P | overall R | overall F1 | floor |");
            table.AppendLine("|---|---|---|---|---|---|---:|---:|---:|---:|");
            var failed = new List<string>();
            foreach (var (corpus, floor, _, _) in Corpora)
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

                // The profile and the types come from the text (auto) or the options, never from the corpus's name or labels.
                var documents = ConllReader.ReadFile(path);
                var asked = parse.GetValue(defaultOnly) ? null : parse.GetValue(profileOption) is "default" or "" ? null : parse.GetValue(profileOption);
                var (profile, types, explanation) = asked is null
                    ? (null, null, "profile: the model's default, all types")
                    : NerEvaluator.ChooseProfile(modelPath, asked, documents);
                context.Stderr.WriteLine($"{corpus}: {explanation}");
                var scores = NerEvaluator.Create(modelPath, profile: profile, types: types).Evaluate(documents);
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

/// <summary>
/// <c>profile-accuracy</c>: how well the automatic profile choice (<c>--profile auto</c>) identifies each corpus's
/// convention from its text alone, per file, per document (or block of 20 sentences when the file has no document
/// markers) and per sentence.
/// </summary>
internal sealed class ProfileAccuracyCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var shared = new Option<string>("--shared") { Description = "The shared data folder", DefaultValueFactory = _ => "../shared" };
        var model = NerCommandOptions.ModelOption();
        var split = new Option<string>("--split") { Description = "dev (default) or test", DefaultValueFactory = _ => "dev" };
        var command = new Command("profile-accuracy", "Measure how well --profile auto identifies each corpus's annotation convention from its text")
        {
            shared, model, split,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model) is { } m ? context.ResolvePath(m) : null;
            context.Stdout.WriteLine("| corpus | expected profile | file: chosen | documents correct | 20-sentence blocks correct | sentences correct |");
            context.Stdout.WriteLine("|---|---|---|---:|---:|---:|");
            foreach (var (corpus, _, expected, _) in NerReportCommand.Corpora)
            {
                var path = Path.Combine(context.ResolvePath(parse.GetValue(shared)!), "data", "ner", corpus, parse.GetValue(split) + ".conll");
                if (!File.Exists(path) || expected is null)
                {
                    continue;
                }

                var documents = ConllReader.ReadFile(path);
                string? Choose(IReadOnlyList<ConllDocument> docs) => NerEvaluator.ChooseProfile(modelPath, NerEvaluator.AutoProfile, docs).Profile;
                var defaultProfile = NerEvaluator.Create(modelPath).DefaultProfile;
                bool Right(IReadOnlyList<ConllDocument> docs) => (Choose(docs) ?? defaultProfile) == expected;
                var file = Choose(documents) ?? defaultProfile;
                var sentences = documents.SelectMany(d => d.Sentences).ToList();
                var blocks = sentences.Chunk(20).Select(b => new ConllDocument(null, [.. b])).ToList();
                var docs = documents.Any(d => d.Id is not null) ? documents.Select(d => Right([d])).ToList() : null;
                var blockRight = blocks.Count(b => Right([b]));
                var sentenceRight = sentences.Count(s => Right([new ConllDocument(null, [s])]));
                context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {corpus} | {expected} | {file}{(file == expected ? " ✔" : " ✘")} | {(docs is null ? "– (no markers)" : $"{docs.Count(r => r)}/{docs.Count} ({(double)docs.Count(r => r) / docs.Count:0.0%})")} | {blockRight}/{blocks.Count} ({(double)blockRight / blocks.Count:0.0%}) | {sentenceRight}/{sentences.Count} ({(double)sentenceRight / sentences.Count:0.0%}) |"));
            }

            return 0;
        });
        return command;
    }
}
