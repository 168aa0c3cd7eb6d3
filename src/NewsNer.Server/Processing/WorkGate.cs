namespace NewsNer.Server.Processing;

/// <summary>
/// Back-pressure. A request is first <em>admitted</em> (at most workers + queue requests at once, counted from before
/// their body is read: memory stays bounded); past that it is refused at once (503). An admitted request then waits,
/// in arrival order, for one of the <see cref="Workers"/> worker permits, and the pipeline runs only while a permit is
/// held: CPU-bound work never runs on more threads than the limit, whatever the number of connections.
/// </summary>
internal sealed class WorkGate : IDisposable
{
    private readonly SemaphoreSlim _workers;
    private readonly int _admissionLimit;
    private int _admitted;

    public WorkGate(int workers, int queueLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        Workers = workers;
        _workers = new SemaphoreSlim(workers, workers);
        _admissionLimit = workers + queueLimit;
    }

    /// <summary>The number of worker permits.</summary>
    public int Workers { get; }

    /// <summary>Requests admitted and not yet answered.</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>Worker permits in use (documents being processed, including work past its time limit that has not yet stopped).</summary>
    public int Busy => Workers - _workers.CurrentCount;

    /// <summary>Admits a request, or returns null when workers and queue are full.</summary>
    public Admission? TryAdmit()
    {
        while (true)
        {
            var admitted = Volatile.Read(ref _admitted);
            if (admitted >= _admissionLimit)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _admitted, admitted + 1, admitted) == admitted)
            {
                return new Admission(this);
            }
        }
    }

    /// <summary>Waits (in arrival order) for a worker permit; dispose the permit to give it back.</summary>
    public async Task<IDisposable> AcquireWorkerAsync(CancellationToken cancellationToken)
    {
        await _workers.WaitAsync(cancellationToken);
        return new Permit(_workers);
    }

    /// <summary>A worker permit if one is free and nobody waits for it, else null (a batch takes extra workers this way, never ahead of others).</summary>
    public IDisposable? TryAcquireWorker() => _workers.Wait(0) ? new Permit(_workers) : null;

    public void Dispose() => _workers.Dispose();

    /// <summary>A request's place; disposing it frees the place.</summary>
    internal sealed class Admission(WorkGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref gate._admitted);
            }
        }
    }

    private sealed class Permit(SemaphoreSlim semaphore) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
