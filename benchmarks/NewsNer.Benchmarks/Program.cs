using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using NewsNer.Benchmarks;

// Entry point.
//   dotnet run -c Release -- --filter '*'                 the full suite (BenchmarkSwitcher: any BenchmarkDotNet option)
//   dotnet run -c Release -- --ci                         the short CI run of the key benchmarks ([BenchmarkCategory("ci")])
//   dotnet run -c Release -- corpus OUT_FOLDER SIZE_MB    writes a folder of article files for the memory measurement
//   dotnet run -c Release -- profile CLASS METHOD INPUT N [--allocations]
//                                                         one benchmark method in a loop, for profilers: CPU and wall time,
//                                                         bytes allocated and GC pauses per call (and the types allocated)
//   dotnet run -c Release -- dump OUT.jsonl                the benchmark documents through the pipeline, to diff outputs
//   dotnet run -c Release -- dump-shapes OUT.jsonl CHARS   every scaling shape at one size through the pipeline, to diff
//   dotnet run -c Release -- check-jsonl OUT.jsonl N       reads back an extract output: N records, every document valid
//   dotnet run -c Release -- scaling [--shapes a,b] [--stages s,t] [--check s,t] [--chars N] [--repeat R]
//                                                         each input shape at n and 4n characters, stage by stage, in this
//                                                         process: time ratios, allocations, peak RSS (the CI gate 50-scaling)
if (args is ["corpus", var folder, var size])
{
    var (files, bytes) = NewsCorpus.WriteFolder(folder, long.Parse(size, CultureInfo.InvariantCulture) * 1_000_000, NewsCorpus.FindSharedData(), NewsCorpus.SamplesDirectory);
    Console.WriteLine($"{files} files, {bytes:N0} bytes in {folder} (from {NewsCorpus.BuildText(1000).Origin})");
    return 0;
}

if (args is ["corpus", ..])
{
    Console.Error.WriteLine("usage: corpus OUT_FOLDER SIZE_MB");
    return 2;
}

if (args is ["profile", var className, var methodName, var input, var iterations, .. var options] && options.All(o => o == "--allocations"))
{
    return ProfileRun.Run(className, methodName, input, int.Parse(iterations, CultureInfo.InvariantCulture), allocations: options.Length > 0);
}

if (args is ["dump", var output])
{
    // Every benchmark document through the default pipeline as JSON lines: run before and after a hot-path change,
    // the two files must be byte-identical (tokens, sentences, entities with confidences, events).
    using var writer = new StreamWriter(output);
    var lines = new NewsNer.Serialization.NewsJsonLinesWriter(writer);
    foreach (var text in BenchmarkInputs.Documents(BenchmarkInputs.Sample).Concat(BenchmarkInputs.Documents(BenchmarkInputs.Articles)))
    {
        lines.Write(NewsNer.NewsPipeline.CreateDefault().Process(text, PreparedDocument.Options));
    }

    return 0;
}

if (args is ["dump-shapes", var shapesOutput, var shapeChars])
{
    // Every scaling shape at one size through the default pipeline as JSON lines, to diff outputs before and after a
    // change to a stage's algorithm (the rewrite of a quadratic part must not change what it finds).
    using var writer = new StreamWriter(shapesOutput);
    var lines = new NewsNer.Serialization.NewsJsonLinesWriter(writer);
    foreach (var shape in NewsNer.Benchmarks.Scaling.ScalingShapes.All)
    {
        lines.Write(NewsNer.NewsPipeline.CreateDefault().Process(shape.Generate(int.Parse(shapeChars, CultureInfo.InvariantCulture)), PreparedDocument.Options with { Source = shape.Name }));
    }

    return 0;
}

if (args is ["check-jsonl", var jsonl, var expectedRecords])
{
    // Every line of a `newsner extract --format jsonl` output read back: a document (its offsets checked against its text
    // by the reader) or an error record, as many as expected. For the scaling gate's folder of hostile files.
    var (documents, errors, invalid) = (0, 0, new List<string>());
    using (var reader = new StreamReader(jsonl))
    {
        foreach (var result in NewsNer.Serialization.NewsJson.ReadLines(reader))
        {
            if (result.Succeeded)
            {
                documents++;
            }
            else if (result.Error?.InnerException is NewsNer.Serialization.ErrorRecordException)
            {
                errors++;
                Console.WriteLine($"  error record: {result.Id}: {result.Error.Message}");
            }
            else
            {
                invalid.Add($"{result.Id ?? "?"}: {result.Error?.Message}");
            }
        }
    }

    Console.WriteLine($"{documents} documents, {errors} error records, {invalid.Count} invalid lines (expected {expectedRecords} records)");
    invalid.ForEach(line => Console.WriteLine("  INVALID " + line));
    return invalid.Count == 0 && documents + errors == int.Parse(expectedRecords, CultureInfo.InvariantCulture) ? 0 : 1;
}

if (args is ["scaling", .. var scalingArgs])
{
    return NewsNer.Benchmarks.Scaling.ScalingRun.Run(scalingArgs);
}

if (args.Contains("--ci"))
{
    return CiRun.Run([.. args.Where(a => a != "--ci")]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>
/// The short run of <c>.ci/run</c>: the methods marked <c>[BenchmarkCategory("ci")]</c>, one launch, one warm-up and three
/// measured iterations of about 100 ms, so each benchmark takes a few seconds; the cold-start class keeps its own job
/// (fresh processes) with three launches. Prints BenchmarkDotNet's summary tables.
/// </summary>
internal static class CiRun
{
    public const string Category = "ci";

    public static int Run(string[] extraArgs)
    {
        ColdStartBenchmarks.Launches = 3;
        var job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
            .WithId("CiShort");
        string? artifacts = extraArgs is ["--artifacts", var path] ? path : null;

        // A fresh config per class: ManualConfig's Add* methods change the instance they are called on.
        IConfig ConfigFor(bool withJob)
        {
            var config = DefaultConfig.Instance.AddFilter(new AnyCategoriesFilter([Category])).WithOptions(ConfigOptions.DisableLogFile);
            config = artifacts is null ? config : config.WithArtifactsPath(artifacts);
            return withJob ? config.AddJob(job) : config;
        }

        var runs = new List<BenchmarkRunInfo>();
        foreach (var type in BenchmarkTypes())
        {
            // A job in the config would run beside the class's own job (BenchmarkDotNet unions them): classes with a job
            // of their own (the cold start) get none.
            var hasOwnJob = type.GetCustomAttributes<ConfigAttribute>().Any(c => c.Config.GetJobs().Any()) || type.GetCustomAttributes<JobConfigBaseAttribute>().Any();
            var info = BenchmarkConverter.TypeToBenchmarks(type, ConfigFor(withJob: !hasOwnJob));
            if (info.BenchmarksCases.Length > 0)
            {
                runs.Add(info);
            }
        }

        var summaries = BenchmarkRunner.Run([.. runs]);

        // All the tables together at the end, where a CI log reader looks.
        Console.WriteLine();
        Console.WriteLine("== benchmark summary (short CI run: 1 launch, 1 warm-up, 3 iterations; a shared machine makes it noisy)");
        if (summaries.FirstOrDefault() is { } first)
        {
            foreach (var line in first.HostEnvironmentInfo.ToFormattedString())
            {
                Console.WriteLine(line);
            }
        }

        foreach (var summary in summaries)
        {
            Console.WriteLine();
            Console.WriteLine(summary.Title.Split('-')[0]);
            PrintTable(summary.Table);
        }

        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static void PrintTable(BenchmarkDotNet.Reports.SummaryTable table)
    {
        var columns = Enumerable.Range(0, table.ColumnCount).Where(c => table.Columns[c].NeedToShow).ToArray();
        var widths = columns.Select(c => Math.Max(table.FullHeader[c].Length, table.FullContent.Max(row => row[c].Length))).ToArray();
        string Row(string[] cells) => "| " + string.Join(" | ", columns.Select((c, k) => cells[c].PadLeft(widths[k]))) + " |";
        Console.WriteLine(Row(table.FullHeader));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in table.FullContent)
        {
            Console.WriteLine(Row(row));
        }
    }

    /// <summary>The classes holding benchmarks, in name order.</summary>
    public static IEnumerable<Type> BenchmarkTypes() => typeof(CiRun).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
        .OrderBy(t => t.Name, StringComparer.Ordinal);
}
