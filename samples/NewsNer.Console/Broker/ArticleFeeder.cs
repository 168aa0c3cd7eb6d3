using System.Diagnostics;
using System.Globalization;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace NewsNer.Cli.Broker;

/// <summary>What <c>newsner enqueue</c> did.</summary>
internal sealed class EnqueueSummary
{
    public int Published { get; set; }

    public int AlreadyEnqueued { get; set; }

    public List<(string Where, string Message)> Failures { get; } = [];

    public TimeSpan Elapsed { get; set; }
}

/// <summary>
/// <c>newsner enqueue</c>: publishes articles to the articles queue with publisher confirms, keeping up to
/// <see cref="Window"/> publishes in flight. An article counts as enqueued (and goes into the journal) only when the
/// broker confirms it. When the connection drops, the unconfirmed articles are published again on a new connection
/// (a broker restart costs at most duplicates, which <c>collect</c> drops by id).
/// </summary>
internal sealed class ArticleFeeder(BrokerSettings broker, EnqueueJournal journal, TextWriter log)
{
    private const int MaxRecoveriesWithoutProgress = 10;

    private int _recoveriesWithoutProgress;

    /// <summary>Publishes awaiting their confirm at once.</summary>
    public int Window { get; init; } = 256;

    /// <summary>How long to keep trying to reach the broker after a failure before giving up.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromMinutes(5);

    public async Task<EnqueueSummary> RunAsync(IEnumerable<ArticleItem> items, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var summary = new EnqueueSummary();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Queue<Pending>();
        BrokerConnection? connection = null;
        try
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (item.Article is not { } article)
                {
                    Fail(summary, item.Where, item.Error!);
                    continue;
                }

                if (seen.TryGetValue(article.Id, out var first))
                {
                    Fail(summary, item.Where, $"id '{article.Id}' was already given by {first}: ids must be unique (results are de-duplicated by id)");
                    continue;
                }

                seen[article.Id] = item.Where;
                if (journal.Contains(article.Id))
                {
                    summary.AlreadyEnqueued++;
                    continue;
                }

                connection ??= await ConnectAsync(cancellationToken);
                pending.Enqueue(new Pending(article, Publish(connection, article, cancellationToken)));
                while (pending.Count >= Window)
                {
                    connection = await ConfirmOldestAsync(pending, connection, summary, cancellationToken);
                }
            }

            while (pending.Count > 0)
            {
                connection = await ConfirmOldestAsync(pending, connection!, summary, cancellationToken);
            }
        }
        finally
        {
            journal.Flush();
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            summary.Elapsed = clock.Elapsed;
        }

        return summary;
    }

    private async Task<BrokerConnection> ConfirmOldestAsync(Queue<Pending> pending, BrokerConnection connection, EnqueueSummary summary, CancellationToken cancellationToken)
    {
        try
        {
            await pending.Peek().Confirm;
            var done = pending.Dequeue();
            journal.Add(done.Article.Id);
            summary.Published++;
            _recoveriesWithoutProgress = 0;
            return connection;
        }
        catch (Exception error) when (IsRetryable(error) && !cancellationToken.IsCancellationRequested)
        {
            // Every publish after the failed one is in doubt: wait for them to settle, then publish again what is not confirmed.
            var unconfirmed = new List<OutgoingArticle>();
            foreach (var item in pending)
            {
                try
                {
                    await item.Confirm;
                    journal.Add(item.Article.Id);
                    summary.Published++;
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    unconfirmed.Add(item.Article);
                }
            }

            pending.Clear();
            if (++_recoveriesWithoutProgress > MaxRecoveriesWithoutProgress)
            {
                throw new BrokerSetupException($"the broker keeps failing the same articles ({Describe(error)}); giving up after {MaxRecoveriesWithoutProgress} attempts");
            }

            log.WriteLine($"newsner enqueue: {Describe(error)}; publishing {unconfirmed.Count} unconfirmed articles again");
            await connection.DisposeAsync();
            var again = await ConnectAsync(cancellationToken);
            foreach (var article in unconfirmed)
            {
                pending.Enqueue(new Pending(article, Publish(again, article, cancellationToken)));
            }

            return again;
        }
    }

    private async Task<BrokerConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var backoff = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await BrokerConnection.OpenAsync(broker, "newsner enqueue", cancellationToken);
            }
            catch (Exception error) when (error is BrokerUnreachableException { InnerException: AuthenticationFailureException } or AuthenticationFailureException)
            {
                throw new BrokerSetupException(BrokerErrors.AuthenticationFailed(broker));
            }
            catch (Exception error) when (BrokerSettings.IsTransient(error) && deadline.Elapsed < RetryFor)
            {
                log.WriteLine($"newsner enqueue: cannot reach the broker at {broker.Display} ({Describe(error)}); retrying in {backoff.TotalSeconds:0.##} s");
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private Task Publish(BrokerConnection connection, OutgoingArticle article, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            MessageId = article.Id,
            ContentType = ArticleMessage.JsonContentType,
            ContentEncoding = "utf-8",
            DeliveryMode = DeliveryModes.Persistent,
            AppId = "newsner enqueue",
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        };
        try
        {
            return connection.PublishAsync("", broker.ArticlesQueue, properties, article.Body, cancellationToken).AsTask();
        }
        catch (Exception error) when (IsRetryable(error))
        {
            return Task.FromException(error);
        }
    }

    private void Fail(EnqueueSummary summary, string where, string message)
    {
        summary.Failures.Add((where, message));
        log.WriteLine($"newsner enqueue: {where}: {message}");
    }

    private static bool IsRetryable(Exception error) => BrokerSettings.IsTransient(error) || error is PublishException or ObjectDisposedException;

    private static string Describe(Exception error) => error switch
    {
        PublishException { IsReturn: true } => "the broker could not route an article (was the queue deleted?)",
        PublishException => "the broker refused an article",
        BrokerUnreachableException { InnerException: { } inner } => inner.Message.ReplaceLineEndings(" "),
        _ => error.Message.ReplaceLineEndings(" "),
    };

    private sealed record Pending(OutgoingArticle Article, Task Confirm);

    /// <summary>Formats a rate for the summary.</summary>
    public static string Rate(int count, TimeSpan elapsed) =>
        (count / Math.Max(elapsed.TotalSeconds, 1e-9)).ToString("0.0", CultureInfo.InvariantCulture);
}
