// Checks the NewsNer package as a user gets it: the embedded resources load, the sample article is processed, the JSON
// round-trips, a batch runs. Exit code 0 when every check holds.
using NewsNer;
using NewsNer.Serialization;

if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: PackageConsumer <article.txt>");
    return 2;
}

var failures = 0;
void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    failures += condition ? 0 : 1;
}

var text = File.ReadAllText(args[0]);
var pipeline = NewsPipeline.CreateDefault();
var document = pipeline.Process(text, new DocumentOptions { PublicationDate = new DateOnly(2025, 10, 15), Source = Path.GetFileName(args[0]) });

Console.WriteLine($"stages: {string.Join(", ", pipeline.StageNames)}");
Console.WriteLine($"{document.Tokens.Length} tokens, {document.Sentences.Length} sentences, {document.Entities.Length} entities, {document.Events.Length} events");
Check(document.Tokens.Length > 100, "tokens found");
Check(document.Sentences.Length > 5, "sentences found");
Check(document.Tokens.All(t => text.AsSpan(t.Start, t.Length).SequenceEqual(t.Span)), "token offsets index the text");

// Entities come from the recognizer stage: a package whose default pipeline recognizes names must find them here.
var recognizes = pipeline.StageNames.Length > 2;
Check(!recognizes || document.Entities.Length > 0, recognizes ? "entities found" : "no recognizer stage in this package: entities not expected");
Check(!recognizes || document.Entities.Any(e => e.Canonical.Contains("Poutine", StringComparison.Ordinal)), recognizes ? "Poutine recognized" : "(skipped) Poutine recognized");

var json = NewsJson.Serialize(document);
var again = NewsJson.Deserialize(json);
Check(again.Text == text && again.Tokens.Length == document.Tokens.Length && again.Entities.Length == document.Entities.Length, "JSON round trip");

var results = pipeline.ProcessMany([new DocumentInput(text, Id: "a"), new DocumentInput(null, Id: "b"), new DocumentInput("Fin.", Id: "c")], BatchOptions.AllCores).ToList();
Check(results.Select(r => r.Id).SequenceEqual(["a", "b", "c"]) && results[0].Succeeded && !results[1].Succeeded && results[2].Succeeded, "batch keeps order and isolates failures");

Console.WriteLine(failures == 0 ? "package consumer: all checks passed" : $"package consumer: {failures} checks failed");
return failures == 0 ? 0 : 1;
