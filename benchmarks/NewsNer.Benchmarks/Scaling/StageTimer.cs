using System.Diagnostics;
using System.Runtime.InteropServices;
using NewsNer.Pipeline;

namespace NewsNer.Benchmarks.Scaling;

/// <summary>
/// Times the stages of the default pipeline one by one on a text (each stage on the output of the ones before it, as
/// <see cref="NewsPipeline.Process"/> chains them) and the whole <see cref="NewsPipeline.Process"/> call, with the bytes
/// each allocates. Shared by the scaling benchmark and the <c>scaling</c> command of the gate.
/// </summary>
internal static class StageTimer
{
    /// <summary>The name of the row that times a whole <see cref="NewsPipeline.Process"/> call.</summary>
    public const string Pipeline = "pipeline";

    /// <summary>The stages of the default pipeline, in order, then <see cref="Pipeline"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. NewsPipeline.CreateDefault().StageNames, Pipeline];

    /// <summary>
    /// Runs the default pipeline's stages in order on <paramref name="text"/> up to the last one named in
    /// <paramref name="timed"/>, and returns the wall time and allocated bytes of each stage named there.
    /// </summary>
    public static Dictionary<string, Measure> RunStages(string text, ISet<string> timed, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, Measure>(StringComparer.Ordinal);
        var stages = NewsPipeline.CreateDefault().Stages;
        var last = -1;
        for (var i = 0; i < stages.Count; i++)
        {
            if (timed.Contains(stages[i].Name))
            {
                last = i;
            }
        }

        var state = new AnnotationState(text, PreparedDocument.Options);
        for (var i = 0; i <= last; i++)
        {
            var stage = stages[i];
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpuTime();
            var clock = Stopwatch.StartNew();
            stage.Run(state, cancellationToken);
            clock.Stop();
            cpu = ThreadCpuTime() - cpu;
            state.Done |= stage.Produces;
            if (timed.Contains(stage.Name))
            {
                results[stage.Name] = new Measure(clock.Elapsed, cpu, GC.GetAllocatedBytesForCurrentThread() - allocated, state.Tokens.Length);
            }
        }

        return results;
    }

    /// <summary>Times one <see cref="NewsPipeline.Process"/> call of the default pipeline.</summary>
    public static Measure RunPipeline(string text, CancellationToken cancellationToken)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpuTime();
        var clock = Stopwatch.StartNew();
        var document = NewsPipeline.CreateDefault().Process(text, PreparedDocument.Options, cancellationToken);
        clock.Stop();
        cpu = ThreadCpuTime() - cpu;
        return new Measure(clock.Elapsed, cpu, GC.GetAllocatedBytesForCurrentThread() - allocated, document.Tokens.Length);
    }

    /// <summary>
    /// CPU time consumed by the calling thread (user and system, page faults and the collections it runs included), or
    /// <see cref="TimeSpan.Zero"/> where the clock is not available. On a shared machine it does not count the time the
    /// thread waited for a core, so it is the steadier measure of the work done.
    /// </summary>
    public static TimeSpan ThreadCpuTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            return TimeSpan.Zero;
        }

        return clock_gettime(ClockThreadCpuTime, out var time) == 0 ? TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100)) : TimeSpan.Zero;
    }

    private const int ClockThreadCpuTime = 3;

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

/// <summary>One timing: wall time, CPU time of the timing thread, bytes allocated on it, tokens of the document.</summary>
internal readonly record struct Measure(TimeSpan Time, TimeSpan Cpu, long Allocated, int Tokens);
