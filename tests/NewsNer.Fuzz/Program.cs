// Fuzz targets for NewsNer (see docs/fuzzing.md and tools/fuzz.sh).
//   NewsNer.Fuzz TARGET               run under afl-fuzz (SharpFuzz), reading each input from the fuzzer
//   NewsNer.Fuzz TARGET FILE...       run the target on files (a finding, a seed folder): prints each failure, exits 1 on any
//   NewsNer.Fuzz json-seeds OUT TEXT...  write the JSON seeds: each text through the default pipeline, with and without tokens
using NewsNer;
using NewsNer.Fuzz;
using NewsNer.Serialization;
using SharpFuzz;

if (args is ["json-seeds", var outDir, .. var texts])
{
    Directory.CreateDirectory(outDir);
    foreach (var path in texts)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var document = NewsPipeline.CreateDefault().Process(FuzzInput.ToText(File.ReadAllBytes(path)), new DocumentOptions { Source = name, PublicationDate = new DateOnly(2025, 11, 4) });
        File.WriteAllText(Path.Combine(outDir, name + ".json"), NewsJson.Serialize(document));
        File.WriteAllText(Path.Combine(outDir, name + ".no-tokens.json"), NewsJson.Serialize(document, new NewsJsonOptions { IncludeTokens = false, Indented = true }));
    }

    using var error = new StreamWriter(Path.Combine(outDir, "error-record.jsonl"));
    NewsJson.WriteError(error, "a.txt", "cannot read: boom");
    error.WriteLine();
    error.Write(File.ReadAllText(Path.Combine(outDir, Path.GetFileNameWithoutExtension(texts[0]) + ".json")));
    return 0;
}

if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: NewsNer.Fuzz TARGET [FILE|FOLDER...]; targets: {string.Join(", ", FuzzTargets.All.Keys.Order(StringComparer.Ordinal))}");
    return 2;
}

// Instrumented code writes its coverage to SharpFuzz's trace map, which Fuzzer.Run attaches to the fuzzer's shared
// memory; until then (building the pipeline once below, or re-running findings outside the fuzzer) it needs a map of
// its own, or the first instrumented branch writes through a null pointer.
unsafe
{
    SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
}

FuzzTargets.Warm();
if (args.Length == 1)
{
    Fuzzer.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.ToArray());
    });
    return 0;
}

var failures = 0;
var files = args.Skip(1).SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFiles(path).Order(StringComparer.Ordinal) : (IEnumerable<string>)[path]).ToList();
foreach (var file in files)
{
    try
    {
        target(File.ReadAllBytes(file));
    }
    catch (Exception error)
    {
        failures++;
        Console.WriteLine($"FAIL {file}: {error.GetType().Name}: {error.Message}");
        Console.WriteLine(error.StackTrace);
    }
}

Console.WriteLine($"{args[0]}: {files.Count - failures} passed, {failures} failed");
return failures == 0 ? 0 : 1;
