using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using NewsNer.Serialization;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace NewsNer.Cli.Broker;

/// <summary>What <c>newsner worker</c> was asked to do, after parsing.</summary>
internal sealed record WorkerOptions
{
    public required BrokerSettings Broker { get; init; }

    /// <summary>Articles processed at once (each on its own core).</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Unacknowledged articles held at once: bounds memory; a little more than <see cref="Parallel"/> keeps the cores fed.</summary>
    public ushort Prefetch { get; init; } = 4;

    public long MaxBytes { get; init; } = 2 * 1024 * 1024;

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries of one article, counted by the broker, after which it is a poison message.</summary>
    public int MaxAttempts { get; init; } = 5;

    public bool IncludeTokens { get; init; } = true;

    /// <summary>How long a stop waits for the articles being processed before returning them to the queue.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stop after this many articles (0: never).</summary>
    public long MaxMessages { get; init; }

    /// <summary>Stop after this long without an article (zero: never).</summary>
    public TimeSpan IdleExit { get; init; }

    /// <summary>Interval of the progress line on standard error (zero: none).</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// <c>newsner worker</c>: a competing consumer of the articles queue. Each article is processed, its <c>newsner/1</c>
/// result (or error record) is published to the results exchange with publisher confirms, and only then is the article
/// acknowledged: a worker killed at any moment loses nothing, its unacknowledged articles go to other workers (which
/// may publish a result twice: results carry the document id so that <c>collect</c> keeps one). A poison article (not
/// UTF-8, over the size or time limit, failing, or delivered too many times) gets an error record and a copy in the
/// dead-letter queue, and is acknowledged: it is never redelivered forever. A lost connection (broker restart) is
/// reopened with backoff; a stop (SIGTERM, Ctrl-C) finishes the articles in hand and returns the others.
/// </summary>
internal sealed class NewsWorker(WorkerOptions options, ArticleProcessor processor, TextWriter log) : IDisposable
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(5);

    private readonly TimedProcessor _processor = new(processor, options.TimeLimit);
    private readonly NewsJsonOptions _json = new() { IncludeTokens = options.IncludeTokens };
    private readonly Lock _logLock = new();
    private readonly CancellationTokenSource _done = new();
    private readonly string _name = $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
    private long _lastActivity = Stopwatch.GetTimestamp();
    private int _inFlight;
    private long _started;
    private volatile bool _stopping;

    public WorkerStatistics Statistics { get; } = new();

    /// <summary>Runs until <paramref name="stop"/> is cancelled, <see cref="WorkerOptions.MaxMessages"/> or <see cref="WorkerOptions.IdleExit"/> is reached.</summary>
    /// <exception cref="BrokerSetupException">The broker refuses the setup or the credentials (retrying cannot help).</exception>
    public async Task RunAsync(CancellationToken stop)
    {
        using var finish = CancellationTokenSource.CreateLinkedTokenSource(stop, _done.Token);
        var deliveries = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleWriter = true });
        var published = Channel.CreateUnbounded<Published>(new UnboundedChannelOptions { SingleReader = true });
        var loops = Enumerable.Range(0, options.Parallel).Select(_ => Task.Run(() => ProcessLoopAsync(deliveries.Reader, published.Writer), CancellationToken.None)).ToArray();
        var acknowledger = Task.Run(() => AcknowledgeLoopAsync(published.Reader), CancellationToken.None);
        var watch = Task.Run(() => WatchAsync(finish.Token), CancellationToken.None);
        BrokerConnection? connection = null;
        try
        {
            var backoff = TimeSpan.FromMilliseconds(250);
            while (!finish.IsCancellationRequested)
            {
                try
                {
                    connection = await BrokerConnection.OpenAsync(options.Broker, "newsner worker " + _name, finish.Token);
                    await connection.StartConsumingAsync(options.Broker.ArticlesQueue, options.Prefetch, d => deliveries.Writer.TryWrite(d), finish.Token);
                    Log($"connected to {options.Broker.Display}: consuming {options.Broker.ArticlesQueue}, {options.Parallel} at a time, prefetch {options.Prefetch}");
                    backoff = TimeSpan.FromMilliseconds(250);
                    var lost = await connection.Lost.WaitAsync(finish.Token);
                    Log($"connection lost ({lost}); reconnecting — the articles in hand go back to the queue");
                }
                catch (OperationCanceledException) when (finish.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception error) when (error is BrokerUnreachableException { InnerException: AuthenticationFailureException } or AuthenticationFailureException)
                {
                    throw new BrokerSetupException(BrokerErrors.AuthenticationFailed(options.Broker));
                }
                catch (Exception error) when (BrokerSettings.IsTransient(error))
                {
                    Log($"cannot reach the broker at {options.Broker.Display} ({OneLine(error)}); retrying in {backoff.TotalSeconds:0.##} s");
                }

                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }

                try
                {
                    await Task.Delay(Jitter(backoff), finish.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, s_maxBackoff.Ticks));
            }
        }
        finally
        {
            // Stop: no new deliveries; the articles being processed finish (up to the drain timeout) and are acknowledged;
            // those waiting their turn are left unacknowledged and go back to the queue when the connection closes.
            _stopping = true;
            if (connection is not null)
            {
                await connection.StopConsumingAsync();
            }

            deliveries.Writer.TryComplete();
            var drain = Task.WhenAll(loops).ContinueWith(_ => published.Writer.TryComplete(), TaskScheduler.Default).ContinueWith(_ => acknowledger, TaskScheduler.Default).Unwrap();
            var drained = await drain.WaitAsync(options.DrainTimeout, CancellationToken.None).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
            if (!drained)
            {
                Log($"{Volatile.Read(ref _inFlight)} articles still processing after {options.DrainTimeout.TotalSeconds:0} s: returned to the queue");
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            await _done.CancelAsync();
            await watch;
            Statistics.Stop();
            Log("stopped: " + Statistics.Describe());
            Log("summary " + Statistics.ToJson());
        }
    }

    public void Dispose() => _done.Dispose();

    // Processing loops (one per --parallel): read an article, process it, start publishing its result, and hand the
    // pending publish to the acknowledger, so that the next article is processed while the broker confirms this one.
    private async Task ProcessLoopAsync(ChannelReader<Delivery> reader, ChannelWriter<Published> published)
    {
        await foreach (var delivery in reader.ReadAllAsync())
        {
            if (_stopping || !delivery.Connection.IsOpen)
            {
                // Not ours to finish: unacknowledged, it goes back to the queue with its connection.
                continue;
            }

            if (options.MaxMessages > 0 && Interlocked.Increment(ref _started) > options.MaxMessages)
            {
                continue;
            }

            Interlocked.Increment(ref _inFlight);
            try
            {
                published.TryWrite(await ProcessAndPublishAsync(delivery));
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // A bug, not a bad article: the article goes back to the queue (and is dead-lettered after --max-attempts).
                Log($"{delivery.MessageId ?? "article"}: unexpected {error.GetType().Name}: {OneLine(error)}; returned to the queue");
                await TryAsync(() => delivery.Connection.NackAsync(delivery.Tag, requeue: true));
                Done();
            }
        }
    }

    private async Task<Published> ProcessAndPublishAsync(Delivery delivery)
    {
        Statistics.Received();
        var attempts = delivery.DeliveryCount + 1;
        var article = attempts > options.MaxAttempts
            ? new IncomingArticle(delivery.MessageId ?? ArticleMessage.HashId(delivery.Body), null, BrokerErrors.TooManyAttempts((int)Math.Min(attempts, int.MaxValue)))
            : ArticleMessage.Read(delivery.Body, delivery.ContentType, delivery.MessageId, options.MaxBytes);

        var outcome = article.Job is { } job ? await _processor.RunAsync(job) : new ProcessingOutcome(null, article.Error);
        var body = outcome.Document is { } document
            ? NewsJson.Serialize(document, _json)
            : ErrorRecord(article.Id, outcome.Error!);
        var result = Publish(delivery, options.Broker.ResultsExchange, ResultProperties(article.Id, delivery, outcome.Error), Encoding.UTF8.GetBytes(body));
        var deadLetter = outcome.Error is null
            ? Task.CompletedTask
            : Publish(delivery, options.Broker.DeadLetterExchange, DeadLetterProperties(article.Id, delivery, outcome.Error), delivery.Body);
        return new Published(delivery, article.Id, outcome, result, deadLetter);
    }

    // The acknowledger: waits for each result's confirm (and its dead letter's), in the order they were published, then
    // acknowledges the article. Until then the article stays unacknowledged: whatever happens, it is delivered again.
    private async Task AcknowledgeLoopAsync(ChannelReader<Published> reader)
    {
        await foreach (var item in reader.ReadAllAsync())
        {
            try
            {
                await item.Result;
                await item.DeadLetter;
                await item.Delivery.Connection.AckAsync(item.Delivery.Tag);
                Completed(item);
            }
            catch (PublishException error)
            {
                // The broker refused the result or could not route it (the results queue was deleted): the article goes
                // back to the queue after a pause, and after --max-attempts deliveries it is dead-lettered.
                Log($"{item.Id}: the broker did not accept the result ({(error.IsReturn ? "unroutable" : "refused")}); the article goes back to the queue");
                _ = Task.Delay(TimeSpan.FromSeconds(1)).ContinueWith(_ => TryAsync(() => item.Delivery.Connection.NackAsync(item.Delivery.Tag, requeue: true)), TaskScheduler.Default).Unwrap();
            }
            catch (Exception error) when (BrokerSettings.IsTransient(error) || error is ObjectDisposedException)
            {
                Log($"{item.Id}: result not confirmed, connection lost ({OneLine(error)}); the article will be delivered again");
            }
            finally
            {
                Done();
            }
        }
    }

    private void Completed(Published item)
    {
        if (item.Outcome.Document is { } document)
        {
            Statistics.Processed(document.Tokens.Length);
        }
        else
        {
            Statistics.Failed();
            Log($"{item.Id}: {item.Outcome.Error} → error record, dead-lettered");
        }

        if (options.MaxMessages > 0 && Statistics.Completed >= options.MaxMessages)
        {
            _done.Cancel();
        }
    }

    private void Done()
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());
    }

    private static Task Publish(Delivery delivery, string exchange, BasicProperties properties, byte[] body)
    {
        try
        {
            return delivery.Connection.PublishAsync(exchange, "", properties, body).AsTask();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return Task.FromException(error);
        }
    }

    private BasicProperties ResultProperties(string id, Delivery delivery, string? error) => new()
    {
        MessageId = AmqpId(id),
        CorrelationId = delivery.MessageId,
        ContentType = ArticleMessage.JsonContentType,
        ContentEncoding = "utf-8",
        Type = NewsJson.Schema,
        DeliveryMode = DeliveryModes.Persistent,
        Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        Headers = new Dictionary<string, object?>
        {
            ["newsner-status"] = error is null ? "ok" : "error",
            ["newsner-worker"] = _name,
        },
    };

    private BasicProperties DeadLetterProperties(string id, Delivery delivery, string error)
    {
        var headers = new Dictionary<string, object?>(delivery.Headers, StringComparer.Ordinal)
        {
            ["newsner-error"] = error,
            ["newsner-id"] = id,
            ["newsner-worker"] = _name,
            ["newsner-source-queue"] = options.Broker.ArticlesQueue,
            ["newsner-attempts"] = delivery.DeliveryCount + 1,
        };

        // The dead-letter queue counts its own deliveries.
        headers.Remove("x-delivery-count");
        return new BasicProperties
        {
            MessageId = delivery.MessageId ?? AmqpId(id),
            CorrelationId = delivery.CorrelationId,
            ContentType = delivery.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            Headers = headers,
        };
    }

    private async Task WatchAsync(CancellationToken finish)
    {
        var lastStatus = Stopwatch.GetTimestamp();
        try
        {
            while (!finish.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), finish);
                if (options.IdleExit > TimeSpan.Zero && Volatile.Read(ref _inFlight) == 0
                    && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity)) >= options.IdleExit)
                {
                    Log($"no article for {options.IdleExit.TotalSeconds:0.##} s: stopping (--idle-exit)");
                    await _done.CancelAsync();
                }

                if (options.StatusInterval > TimeSpan.Zero && Stopwatch.GetElapsedTime(lastStatus) >= options.StatusInterval)
                {
                    lastStatus = Stopwatch.GetTimestamp();
                    var abandoned = _processor.Abandoned;
                    Log(Statistics.Describe() + (abandoned > 0 ? $"; {abandoned} computations still running past the time limit" : ""));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A result on its way: the article it answers, and the confirms to wait for before acknowledging it.</summary>
    private sealed record Published(Delivery Delivery, string Id, ProcessingOutcome Outcome, Task Result, Task DeadLetter);

    private static string ErrorRecord(string id, string message)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        NewsJson.WriteError(writer, id, message);
        return writer.ToString();
    }

    // An id over 255 bytes cannot be a message-id; the full id is in the result's source.
    private static string AmqpId(string id) => ArticleMessage.IdBytes(id) <= ArticleMessage.MaxIdBytes ? id : ArticleMessage.HashId(Encoding.UTF8.GetBytes(id));

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.75 + Random.Shared.NextDouble() / 2);

    private static string OneLine(Exception error)
    {
        var inner = error is BrokerUnreachableException { InnerException: { } cause } ? cause : error;
        return inner.Message.ReplaceLineEndings(" ");
    }

    private static async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception error) when (BrokerSettings.IsTransient(error) || error is ObjectDisposedException)
        {
        }
    }

    private void Log(string line)
    {
        lock (_logLock)
        {
            log.WriteLine("newsner worker: " + line);
            log.Flush();
        }
    }
}
