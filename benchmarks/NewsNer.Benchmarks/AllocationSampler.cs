using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace NewsNer.Benchmarks;

/// <summary>
/// Samples the runtime's allocation ticks in process (the <c>GCAllocationTick</c> event, one per ~100 KB allocated, with
/// the type of the object that crossed the mark), so the profile verb can say which types a benchmark method allocates
/// without an external tracer. Counts are approximate by nature: a type's share of the ticks is its share of the bytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int GcKeyword = 0x1;
    private const int AllocationTickEventId = 10;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    /// <summary>Starts counting (ticks before this are ignored).</summary>
    public void Start() => _recording = true;

    /// <summary>Stops counting.</summary>
    public void Stop() => _recording = false;

    /// <summary>The types with the most sampled bytes, largest first.</summary>
    public IEnumerable<(string Type, long Bytes, double Share)> Top(int count)
    {
        var total = Math.Max(1, _bytes.Values.Sum());
        return _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value, (double)p.Value / total));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventId != AllocationTickEventId || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var typeIndex = names.IndexOf("TypeName");
        var amountIndex = names.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        var type = payload[typeIndex] as string ?? "?";
        var amount = Convert.ToInt64(payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
    }
}
