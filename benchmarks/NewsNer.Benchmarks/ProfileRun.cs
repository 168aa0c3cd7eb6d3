using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace NewsNer.Benchmarks;

/// <summary>
/// Runs one benchmark method in a plain loop, outside BenchmarkDotNet, for profilers (<c>perf record</c>,
/// <c>perf stat</c>, <c>valgrind --tool=callgrind</c>, <c>dotnet-trace</c>) and for CPU-time figures on a shared machine:
/// <c>profile CLASS METHOD INPUT ITERATIONS</c> prints the process CPU time, the wall time, the bytes allocated and the GC pauses per invocation after the
/// warm-up. The class's global setups run first, as BenchmarkDotNet runs them.
/// </summary>
internal static class ProfileRun
{
    public static int Run(string className, string methodName, string input, int iterations, bool allocations = false)
    {
        var type = CiRun.BenchmarkTypes().FirstOrDefault(t => t.Name == className)
            ?? throw new ArgumentException($"no benchmark class {className}");
        var method = type.GetMethod(methodName) ?? throw new ArgumentException($"no method {methodName} in {className}");
        var instance = Activator.CreateInstance(type)!;
        type.GetProperty("Input")?.SetValue(instance, input);
        // As BenchmarkDotNet: the setup targeting this method if there is one, else the general one.
        var setups = type.GetMethods().Select(m => (Method: m, Attribute: m.GetCustomAttribute<GlobalSetupAttribute>())).Where(s => s.Attribute is not null).ToList();
        var setup = setups.FirstOrDefault(s => s.Attribute!.Targets.Contains(methodName)).Method ?? setups.FirstOrDefault(s => s.Attribute!.Targets.Length == 0).Method;
        setup?.Invoke(instance, null);

        // Warm-up: tiered compilation reaches its optimized code after some calls (later on a loaded machine, where the
        // background compiler waits for a core).
        var warmup = Stopwatch.StartNew();
        var calls = 0;
        while (calls < 10 || warmup.ElapsedMilliseconds < 5000)
        {
            method.Invoke(instance, null);
            calls++;
        }

        Thread.Sleep(200);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
        var collections0 = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pause0 = GC.GetTotalPauseDuration();
        using var sampler = allocations ? new AllocationSampler() : null;
        sampler?.Start();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            method.Invoke(instance, null);
        }

        wall.Stop();
        sampler?.Stop();
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocated0) / iterations;
        var collections = (GC.CollectionCount(0) - collections0.Item1, GC.CollectionCount(1) - collections0.Item2, GC.CollectionCount(2) - collections0.Item3);
        var pause = (GC.GetTotalPauseDuration() - pause0).TotalMilliseconds / iterations;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds / iterations;
        var perCall = wall.Elapsed.TotalMilliseconds / iterations;
        var tokens = type.GetMethod(nameof(ITokenThroughput.TokensPerInvocation), BindingFlags.Public | BindingFlags.Static) is { } count ? (long)count.Invoke(null, [methodName, input])! : 0;
        var rates = tokens > 0 ? string.Create(CultureInfo.InvariantCulture, $", {tokens / cpu / 1000:F3} M tokens/s (CPU), {tokens / perCall / 1000:F3} M tokens/s (wall)") : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{className}.{methodName} [{input}] x{iterations}: {cpu:F3} ms CPU/call, {perCall:F3} ms wall/call, {tokens} tokens{rates}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocated {allocated:N0} B/call, GC pauses {pause:F3} ms/call, collections gen0/1/2 {collections.Item1}/{collections.Item2}/{collections.Item3} in {iterations} calls"));
        foreach (var (typeName, bytes, share) in sampler?.Top(25) ?? [])
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {share,6:P1} {bytes / iterations,14:N0} B/call  {typeName}"));
        }

        return 0;
    }
}
