using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using NewsNer.Serialization;
using RabbitMQ.Client.Exceptions;

namespace NewsNer.Cli.Broker;

/// <summary>What <c>newsner collect</c> was asked to do, after parsing.</summary>
internal sealed record CollectOptions
{
    public required BrokerSettings Broker { get; init; }

    /// <summary>Stop once the output holds this many documents (0: no target).</summary>
    public long Expect { get; init; }

    /// <summary>Stop after this long without a result (zero: never, until interrupted).</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Results per commit: written, made durable, then acknowledged together (and one Parquet part each).</summary>
    public int Batch { get; init; } = 500;

    /// <summary>The longest a written result waits for its commit.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>What <c>newsner collect</c> did.</summary>
internal sealed class CollectSummary
{
    public long Existing { get; set; }

    public long Written { get; set; }

    public long Errors { get; set; }

    public long Duplicates { get; set; }

    public string StopReason { get; set; } = "";

    public bool ExpectationMissed { get; set; }

    public long Total => Existing + Written;
}

/// <summary>
/// <c>newsner collect</c>: drains the results queue into JSON Lines or Parquet, keeping one result per document id (the
/// first; later ones are redelivery duplicates). Results are acknowledged only after the output holding them is
/// durable, so a collector killed at any moment loses nothing: what it had not committed comes again. A lost connection
/// commits what was written and reconnects.
/// </summary>
internal sealed class ResultCollector(CollectOptions options, IResultSink sink, TextWriter log)
{
    /// <summary>Collects until a stop condition; a stop by <paramref name="cancellationToken"/> (SIGTERM, Ctrl-C) is one, after committing.</summary>
    public async Task<CollectSummary> RunAsync(CancellationToken cancellationToken)
    {
        var summary = new CollectSummary();
        try
        {
            return await CollectAsync(summary, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            summary.StopReason = "interrupted (SIGTERM or Ctrl-C); what was written is on disk and acknowledged";
            summary.ExpectationMissed = options.Expect > 0 && summary.Total < options.Expect;
            return summary;
        }
    }

    private async Task<CollectSummary> CollectAsync(CollectSummary summary, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(await sink.ReadExistingIdsAsync(cancellationToken), StringComparer.Ordinal);
        summary.Existing = seen.Count;
        if (options.Expect > 0 && summary.Total >= options.Expect)
        {
            summary.StopReason = $"the output already holds {summary.Total} documents (--expect {options.Expect})";
            return summary;
        }

        var backoff = TimeSpan.FromMilliseconds(250);
        var idle = Stopwatch.StartNew();
        while (true)
        {
            BrokerConnection? connection = null;
            try
            {
                var deliveries = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
                connection = await BrokerConnection.OpenAsync(options.Broker, "newsner collect", cancellationToken);
                await connection.StartConsumingAsync(options.Broker.ResultsQueue, (ushort)Math.Clamp(options.Batch, 1, ushort.MaxValue), d => deliveries.Writer.TryWrite(d), cancellationToken);
                backoff = TimeSpan.FromMilliseconds(250);
                var stop = await DrainAsync(connection, deliveries.Reader, seen, summary, idle, cancellationToken);
                if (stop is not null)
                {
                    summary.StopReason = stop;
                    return summary;
                }
            }
            catch (Exception error) when (error is BrokerUnreachableException { InnerException: AuthenticationFailureException } or AuthenticationFailureException)
            {
                throw new BrokerSetupException(BrokerErrors.AuthenticationFailed(options.Broker));
            }
            catch (Exception error) when (BrokerSettings.IsTransient(error) && !cancellationToken.IsCancellationRequested)
            {
                log.WriteLine($"newsner collect: cannot reach the broker at {options.Broker.Display} ({error.Message.ReplaceLineEndings(" ")}); retrying in {backoff.TotalSeconds:0.##} s");
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }

            if (options.Idle > TimeSpan.Zero && idle.Elapsed >= options.Idle + TimeSpan.FromSeconds(30))
            {
                // The broker has been gone for long: stop as an idle collect would, with what is committed.
                summary.StopReason = $"the broker stayed unreachable for {idle.Elapsed.TotalSeconds:0} s";
                summary.ExpectationMissed = options.Expect > 0 && summary.Total < options.Expect;
                return summary;
            }

            await Task.Delay(backoff, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    // Reads deliveries until a stop condition (returns its description) or a lost connection (returns null after
    // committing, so that the duplicates the broker will send again are recognized as such).
    private async Task<string?> DrainAsync(BrokerConnection connection, ChannelReader<Delivery> reader, HashSet<string> seen, CollectSummary summary, Stopwatch idle, CancellationToken cancellationToken)
    {
        var batch = new Batch();
        try
        {
            while (true)
            {
                var wait = batch.Count > 0 ? options.CommitInterval - batch.Age : options.Idle > TimeSpan.Zero ? options.Idle - idle.Elapsed : Timeout.InfiniteTimeSpan;
                Delivery? delivery = null;
                if (reader.TryRead(out var ready))
                {
                    delivery = ready;
                }
                else if (wait == Timeout.InfiniteTimeSpan || wait > TimeSpan.Zero)
                {
                    delivery = await ReadAsync(reader, connection, wait, cancellationToken);
                }

                if (!connection.IsOpen)
                {
                    await Output(() => sink.CommitAsync(cancellationToken));
                    log.WriteLine($"newsner collect: connection lost ({await connection.Lost}); reconnecting");
                    return null;
                }

                if (delivery is null)
                {
                    if (batch.Count > 0)
                    {
                        await CommitAsync(connection, batch, cancellationToken);
                        continue;
                    }

                    if (options.Idle > TimeSpan.Zero && idle.Elapsed >= options.Idle)
                    {
                        summary.ExpectationMissed = options.Expect > 0 && summary.Total < options.Expect;
                        return $"no result for {options.Idle.TotalSeconds:0.##} s";
                    }

                    continue;
                }

                idle.Restart();
                await WriteAsync(delivery, seen, summary, cancellationToken);
                batch.Add(delivery.Tag);
                if (options.Expect > 0 && summary.Total >= options.Expect)
                {
                    await CommitAsync(connection, batch, cancellationToken);
                    return $"the output holds the {options.Expect} expected documents";
                }

                if (batch.Count >= options.Batch)
                {
                    await CommitAsync(connection, batch, cancellationToken);
                }
            }
        }
        catch (Exception error) when (BrokerSettings.IsTransient(error) && !cancellationToken.IsCancellationRequested)
        {
            // Lost while acknowledging: what was written is made durable, so that its redeliveries count as duplicates.
            await Output(() => sink.CommitAsync(cancellationToken));
            log.WriteLine($"newsner collect: connection lost ({error.Message.ReplaceLineEndings(" ")}); reconnecting");
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted: keep what was written (durable, acknowledged) and stop.
            await Output(() => sink.CommitAsync(CancellationToken.None));
            if (connection.IsOpen && batch.Count > 0)
            {
                await connection.AckAsync(batch.LastTag, multiple: true);
            }

            throw;
        }
    }

    private async Task WriteAsync(Delivery delivery, HashSet<string> seen, CollectSummary summary, CancellationToken cancellationToken)
    {
        var json = Encoding.UTF8.GetString(delivery.Body);
        var source = ResultJson.ReadSource(json);
        var id = delivery.MessageId ?? source ?? ArticleMessage.HashId(delivery.Body);
        if (!seen.Add(id))
        {
            summary.Duplicates++;
            return;
        }

        if (source is null || !json.StartsWith("{\"schema\":\"" + NewsJson.Schema + "\"", StringComparison.Ordinal))
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            NewsJson.WriteError(writer, id, "collect: the result is not a newsner/1 JSON object (was it published by a newsner worker?)");
            json = writer.ToString();
            summary.Errors++;
        }
        else if (ResultJson.IsError(delivery, json))
        {
            summary.Errors++;
        }

        await Output(() => sink.WriteAsync(id, json, cancellationToken));
        summary.Written++;
    }

    private async Task CommitAsync(BrokerConnection connection, Batch batch, CancellationToken cancellationToken)
    {
        await Output(() => sink.CommitAsync(cancellationToken));
        if (batch.Count > 0)
        {
            await connection.AckAsync(batch.LastTag, multiple: true);
        }

        batch.Clear();
    }

    // A failure to write the output ends the run; it is not a broker failure to retry.
    private async Task Output(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException && error is not OutputWriteException)
        {
            throw new OutputWriteException(sink.Name, error);
        }
    }

    private static async Task<Delivery?> ReadAsync(ChannelReader<Delivery> reader, BrokerConnection connection, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (wait != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(wait);
        }

        var read = reader.WaitToReadAsync(timeout.Token).AsTask();
        try
        {
            await Task.WhenAny(read, connection.Lost).WaitAsync(cancellationToken);
            return read.IsCompletedSuccessfully && read.Result && reader.TryRead(out var delivery) ? delivery : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The deliveries written since the last commit (their tags are consecutive on one connection).</summary>
    private sealed class Batch
    {
        private readonly Stopwatch _age = new();

        public int Count { get; private set; }

        public ulong LastTag { get; private set; }

        public TimeSpan Age => _age.Elapsed;

        public void Add(ulong tag)
        {
            if (Count++ == 0)
            {
                _age.Restart();
            }

            LastTag = Math.Max(LastTag, tag);
        }

        public void Clear()
        {
            Count = 0;
            _age.Reset();
        }
    }
}
