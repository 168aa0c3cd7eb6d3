using System.Diagnostics;
using System.Globalization;
using Newtonsoft.Json;

namespace NewsNer.Cli.Broker;

/// <summary>
/// What a worker did, for its progress lines and its final summary: documents, error records, tokens, and the time from
/// the first article received to the last one acknowledged (the throughput a measurement script reads back from the
/// <c>summary</c> line, one JSON object), with the CPU time the process used from the first article to the stop: on a
/// shared machine, the figure that does not depend on what else runs.
/// </summary>
internal sealed class WorkerStatistics
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _received;
    private long _documents;
    private long _errors;
    private long _tokens;
    private long _firstTicks = -1;
    private long _lastTicks = -1;
    private long _firstUtcTicks;
    private long _lastUtcTicks;
    private TimeSpan _cpuAtFirst;
    private TimeSpan _cpu;
    private int _gen2AtFirst;
    private int _gen2;

    public long Documents => Interlocked.Read(ref _documents);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Articles acknowledged: documents and error records.</summary>
    public long Completed => Documents + Errors;

    public long Tokens => Interlocked.Read(ref _tokens);

    /// <summary>From the first article received to the last acknowledged.</summary>
    public TimeSpan Busy
    {
        get
        {
            var first = Interlocked.Read(ref _firstTicks);
            var last = Interlocked.Read(ref _lastTicks);
            return first < 0 || last < first ? TimeSpan.Zero : TimeSpan.FromTicks(last - first);
        }
    }

    public void Received()
    {
        Interlocked.Increment(ref _received);
        if (Interlocked.CompareExchange(ref _firstTicks, _clock.Elapsed.Ticks, -1) == -1)
        {
            Interlocked.Exchange(ref _firstUtcTicks, DateTime.UtcNow.Ticks);
            _cpuAtFirst = ProcessorTime();
            _gen2AtFirst = GC.CollectionCount(2);
        }
    }

    public void Processed(int tokens)
    {
        Interlocked.Increment(ref _documents);
        Interlocked.Add(ref _tokens, tokens);
        Touch();
    }

    public void Failed()
    {
        Interlocked.Increment(ref _errors);
        Touch();
    }

    /// <summary>Stops the clocks; the CPU time of the process since the first article is read here.</summary>
    public void Stop()
    {
        _clock.Stop();
        if (Interlocked.Read(ref _firstTicks) >= 0)
        {
            _cpu = ProcessorTime() - _cpuAtFirst;
            _gen2 = GC.CollectionCount(2) - _gen2AtFirst;
        }
    }

    public string Describe()
    {
        var seconds = Busy.TotalSeconds;
        var rate = seconds > 0 ? FormattableString.Invariant($", {Completed / seconds:0.0} articles/s, {Tokens / seconds:0} tokens/s") : "";
        return FormattableString.Invariant($"{Documents:N0} documents, {Errors:N0} error records (dead-lettered), {Tokens:N0} tokens{rate}");
    }

    /// <summary>The summary as one JSON object: counts, first and last times (UTC, ISO 8601), busy seconds.</summary>
    public string ToJson()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(writer))
        {
            json.WriteStartObject();
            json.WritePropertyName("documents");
            json.WriteValue(Documents);
            json.WritePropertyName("errors");
            json.WriteValue(Errors);
            json.WritePropertyName("received");
            json.WriteValue(Interlocked.Read(ref _received));
            json.WritePropertyName("tokens");
            json.WriteValue(Tokens);
            json.WritePropertyName("first");
            json.WriteValue(Utc(Interlocked.Read(ref _firstUtcTicks)));
            json.WritePropertyName("last");
            json.WriteValue(Utc(Interlocked.Read(ref _lastUtcTicks)));
            json.WritePropertyName("busySeconds");
            json.WriteValue(Math.Round(Busy.TotalSeconds, 3));
            json.WritePropertyName("cpuSeconds");
            json.WriteValue(Math.Round(_cpu.TotalSeconds, 3));
            json.WritePropertyName("gen2Collections");
            json.WriteValue(_gen2);
            json.WriteEndObject();
        }

        return writer.ToString();
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string? Utc(long ticks) => ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    private void Touch()
    {
        Interlocked.Exchange(ref _lastTicks, _clock.Elapsed.Ticks);
        Interlocked.Exchange(ref _lastUtcTicks, DateTime.UtcNow.Ticks);
    }
}
