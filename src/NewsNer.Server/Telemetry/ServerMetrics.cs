using System.Collections.Concurrent;
using NewsNer.Server.Processing;

namespace NewsNer.Server.Telemetry;

/// <summary>
/// The server's counters, gauges and histograms, kept with interlocked operations (thread-safe, no lock on the request
/// path but the histograms' short one). <see cref="PrometheusExporter"/> writes them for <c>GET /metrics</c>.
/// </summary>
internal sealed class ServerMetrics
{
    /// <summary>Upper bounds of the latency histograms, in seconds.</summary>
    public static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly ConcurrentDictionary<(string Endpoint, int Status), StrongBox> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _requestSeconds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox> _errors = new(StringComparer.Ordinal);
    private readonly long[] _documents = new long[Enum.GetValues<RunStatus>().Length];
    private long _tokens;
    private long _characters;
    private int _inFlight;
    private int _processing;
    private long _averageDocumentTicks;

    /// <summary>Processing time of each document (the pipeline alone, without queueing or HTTP).</summary>
    public Histogram DocumentSeconds { get; } = new(LatencyBuckets);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Processing => Volatile.Read(ref _processing);

    public long Tokens => Interlocked.Read(ref _tokens);

    public long Characters => Interlocked.Read(ref _characters);

    /// <summary>A moving average of a document's processing time, for <c>Retry-After</c>.</summary>
    public TimeSpan AverageDocumentTime => TimeSpan.FromTicks(Interlocked.Read(ref _averageDocumentTicks));

    public IEnumerable<((string Endpoint, int Status) Key, long Count)> Requests => _requests.Select(p => (p.Key, p.Value.Read()));

    public IEnumerable<(string Endpoint, Histogram Histogram)> RequestSeconds => _requestSeconds.Select(p => (p.Key, p.Value));

    public IEnumerable<(string Kind, long Count)> Errors => _errors.Select(p => (p.Key, p.Value.Read()));

    public long Documents(RunStatus status) => Interlocked.Read(ref _documents[(int)status]);

    public void RequestStarted() => Interlocked.Increment(ref _inFlight);

    public void RequestFinished(string endpoint, int status, TimeSpan elapsed)
    {
        Interlocked.Decrement(ref _inFlight);
        _requests.GetOrAdd((endpoint, status), _ => new StrongBox()).Increment();
        _requestSeconds.GetOrAdd(endpoint, _ => new Histogram(LatencyBuckets)).Observe(elapsed.TotalSeconds);
    }

    /// <summary>Counts an error by kind (<c>bad_request</c>, <c>too_large</c>, <c>timeout</c>, <c>overloaded</c>…), batch lines included.</summary>
    public void Error(string kind) => _errors.GetOrAdd(kind, _ => new StrongBox()).Increment();

    public void DocumentStarted() => Interlocked.Increment(ref _processing);

    public void DocumentStopped() => Interlocked.Decrement(ref _processing);

    public void DocumentDone(RunStatus status, Document? document, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _documents[(int)status]);
        if (document is not null)
        {
            Interlocked.Add(ref _tokens, document.Tokens.Length);
            Interlocked.Add(ref _characters, document.Text.Length);
            DocumentSeconds.Observe(elapsed.TotalSeconds);

            // Exponential moving average (1/16 weight): races lose an update now and then, which an estimate can afford.
            var average = Interlocked.Read(ref _averageDocumentTicks);
            var next = average == 0 ? elapsed.Ticks : average + ((elapsed.Ticks - average) / 16);
            Interlocked.Exchange(ref _averageDocumentTicks, next);
        }
    }

    /// <summary>A counter in a box, so that a dictionary can hold it and callers increment it in place.</summary>
    internal sealed class StrongBox
    {
        private long _value;

        public void Increment() => Interlocked.Increment(ref _value);

        public long Read() => Interlocked.Read(ref _value);
    }
}

/// <summary>A latency histogram with fixed buckets (Prometheus semantics: bucket i counts observations ≤ its bound).</summary>
internal sealed class Histogram(double[] bounds)
{
    private readonly long[] _counts = new long[bounds.Length + 1];
    private readonly Lock _lock = new();
    private double _sum;
    private long _count;

    public IReadOnlyList<double> Bounds => bounds;

    public void Observe(double value)
    {
        var bucket = Array.BinarySearch(bounds, value);
        bucket = bucket >= 0 ? bucket : ~bucket;
        lock (_lock)
        {
            _counts[bucket]++;
            _sum += value;
            _count++;
        }
    }

    /// <summary>A consistent copy: cumulative counts per bound (the last is +Inf), the sum and the count.</summary>
    public (long[] Cumulative, double Sum, long Count) Snapshot()
    {
        lock (_lock)
        {
            var cumulative = new long[_counts.Length];
            long running = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                running += _counts[i];
                cumulative[i] = running;
            }

            return (cumulative, _sum, _count);
        }
    }
}
