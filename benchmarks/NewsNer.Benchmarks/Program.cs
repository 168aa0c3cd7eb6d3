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
//   dotnet run -c Release -- profile CLASS METHOD INPUT N  one benchmark method in a loop, for profilers and CPU time
//   dotnet run -c Release -- dump OUT.jsonl                the benchmark documents through the pipeline, to diff outputs
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

if (args is ["profile", var className, var methodName, var input, var iterations])
{
    return ProfileRun.Run(className, methodName, input, int.Parse(iterations, CultureInfo.InvariantCulture));
}

if (args is ["dump", var output])
{
    // Every benchmark document through the default pipeline as JSON lines: run before and after a hot-path change,
    // the two files must be byte-identical (tokens, sentences, entities with confidences, events).
    using var writer = new StreamWriter(output);
    var lines = new NewsNer.Serialization.NewsJsonLinesWriter(writer);
    foreach (var text in BenchmarkInputs.Documents(BenchmarkInputs.Sample).Concat(BenchmarkInputs.Documents(BenchmarkInputs.Corpus)))
    {
        lines.Write(NewsNer.NewsPipeline.CreateDefault().Process(text, PreparedDocument.Options));
    }

    return 0;
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
        var filter = new AnyCategoriesFilter([Category]);
        var baseConfig = DefaultConfig.Instance.AddFilter(filter).WithOptions(ConfigOptions.DisableLogFile);
        if (extraArgs is ["--artifacts", var artifacts])
        {
            baseConfig = baseConfig.WithArtifactsPath(artifacts);
        }

        var runs = new List<BenchmarkRunInfo>();
        foreach (var type in BenchmarkTypes())
        {
            // A job in the config would run beside the class's own job (BenchmarkDotNet unions them): classes with a job
            // of their own (the cold start) get none.
            var hasOwnJob = type.GetCustomAttributes<ConfigAttribute>().Any(c => c.Config.GetJobs().Any()) || type.GetCustomAttributes<JobConfigBaseAttribute>().Any();
            var info = BenchmarkConverter.TypeToBenchmarks(type, hasOwnJob ? baseConfig : baseConfig.AddJob(job));
            if (info.BenchmarksCases.Length > 0)
            {
                runs.Add(info);
            }
        }

        var summaries = BenchmarkRunner.Run([.. runs]);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>The classes holding benchmarks, in name order.</summary>
    public static IEnumerable<Type> BenchmarkTypes() => typeof(CiRun).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
        .OrderBy(t => t.Name, StringComparer.Ordinal);
}
