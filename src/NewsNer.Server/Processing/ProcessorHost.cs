using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsNer.Server.Processing;

/// <summary>
/// Builds the processor (the pipeline: models and lexicons, about 0.6 s) once, in the background, when the host starts,
/// so that the liveness check answers at once and readiness turns true only when the models are loaded. Readiness
/// turns false again when the host starts shutting down, so that load balancers stop sending work. A build that
/// fails stops the server (the serve verb exits 1).
/// </summary>
internal sealed partial class ProcessorHost(Func<IDocumentProcessor> factory, IHostApplicationLifetime lifetime, ILogger<ProcessorHost> logger) : IHostedService
{
    private readonly TaskCompletionSource<IDocumentProcessor> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IDocumentProcessor? _processor;
    private volatile bool _stopping;

    /// <summary>The processor, or null while it is being built (or if its build failed).</summary>
    public IDocumentProcessor? Processor => _processor;

    /// <summary>Whether requests can be processed: the models are loaded and the server is not shutting down.</summary>
    public bool IsReady => _processor is not null && !_stopping;

    /// <summary>Whether the host is shutting down.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Why the build failed, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>How long the build took, once done.</summary>
    public TimeSpan? LoadTime { get; private set; }

    /// <summary>Completes with the processor once built (faults if the build failed).</summary>
    public Task<IDocumentProcessor> Ready => _ready.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _stopping = true);
        _ = Task.Run(Load, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Load()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var processor = factory();
            LoadTime = clock.Elapsed;
            _processor = processor;
            LogLoaded(logger, clock.Elapsed.TotalSeconds);
            _ready.TrySetResult(processor);
        }
        catch (Exception error)
        {
            Failure = ServerMessages.LoadFailed(error);
            LogLoadFailed(logger, error, Failure);
            _ready.TrySetException(error);
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Models loaded in {Seconds:0.00} s: ready")]
    private static partial void LogLoaded(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogLoadFailed(ILogger logger, Exception error, string message);
}
