using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace NewsNer.Cli.Broker;

/// <summary>
/// One connection to the broker as the verbs use it: a publishing channel with publisher confirms (a publish completes
/// when the broker has the message safe, and fails when it is refused or unroutable), and optionally a consuming channel
/// with manual acknowledgements and a prefetch limit. <see cref="Lost"/> completes when the connection or a channel
/// closes other than by <see cref="DisposeAsync"/>; the owner then opens a new connection: deliveries of a lost
/// connection can no longer be acknowledged, and the broker hands them out again.
/// </summary>
internal sealed class BrokerConnection : IAsyncDisposable
{
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(5);

    private readonly IConnection _connection;
    private readonly IChannel _publisher;
    private readonly SemaphoreSlim _acknowledgements = new(1, 1);
    private readonly TaskCompletionSource<string> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IChannel? _consumer;
    private string? _consumerTag;
    private volatile bool _closing;

    private BrokerConnection(BrokerSettings broker, IConnection connection, IChannel publisher)
    {
        Broker = broker;
        _connection = connection;
        _publisher = publisher;
        _connection.ConnectionShutdownAsync += (_, reason) => OnShutdown("connection", reason);
        _publisher.ChannelShutdownAsync += (_, reason) => OnShutdown("publishing channel", reason);
    }

    public BrokerSettings Broker { get; }

    /// <summary>Completes, with the reason, when the connection is lost.</summary>
    public Task<string> Lost => _lost.Task;

    public bool IsOpen => !_closing && !_lost.Task.IsCompleted && _connection.IsOpen;

    /// <summary>Connects, opens the publishing channel and declares the topology.</summary>
    public static async Task<BrokerConnection> OpenAsync(BrokerSettings broker, string clientName, CancellationToken cancellationToken)
    {
        var connection = await broker.CreateFactory(clientName).CreateConnectionAsync(cancellationToken);
        try
        {
            var publisher = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            await broker.DeclareTopologyAsync(publisher, cancellationToken);
            return new BrokerConnection(broker, connection, publisher);
        }
        catch
        {
            await CloseQuietlyAsync(connection);
            throw;
        }
    }

    /// <summary>Starts consuming <paramref name="queue"/> with manual acknowledgements, at most <paramref name="prefetch"/> unacknowledged at once.</summary>
    public async Task StartConsumingAsync(string queue, ushort prefetch, Action<Delivery> onDelivery, CancellationToken cancellationToken)
    {
        _consumer = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        _consumer.ChannelShutdownAsync += (_, reason) => OnShutdown("consuming channel", reason);
        await _consumer.BasicQosAsync(0, prefetch, global: false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(_consumer);
        consumer.ReceivedAsync += (_, message) =>
        {
            onDelivery(Delivery.From(this, message));
            return Task.CompletedTask;
        };
        consumer.UnregisteredAsync += (_, _) =>
        {
            // The broker cancels a consumer whose queue was deleted; a cancel of our own sets _consumerTag to null first.
            if (_consumerTag is not null)
            {
                _lost.TrySetResult("the broker cancelled the consumer (was the queue deleted?)");
            }

            return Task.CompletedTask;
        };
        _consumerTag = await _consumer.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
    }

    /// <summary>Stops deliveries (basic.cancel); messages delivered and not yet acknowledged stay ours until acknowledged or the channel closes.</summary>
    public async Task StopConsumingAsync()
    {
        if (_consumer is null || _consumerTag is not { } tag || !IsOpen)
        {
            return;
        }

        _consumerTag = null;
        try
        {
            await _consumer.BasicCancelAsync(tag).WaitAsync(s_closeTimeout);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The connection is going away anyway: unacknowledged messages go back to the queue when it closes.
        }
    }

    /// <summary>Publishes with confirms to an exchange (mandatory: an unroutable message fails instead of vanishing).</summary>
    /// <exception cref="RabbitMQ.Client.Exceptions.PublishException">The broker refused or could not route the message.</exception>
    public ValueTask PublishAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        _publisher.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body, cancellationToken);

    public async Task AckAsync(ulong tag, bool multiple = false)
    {
        await _acknowledgements.WaitAsync();
        try
        {
            await _consumer!.BasicAckAsync(tag, multiple);
        }
        finally
        {
            _acknowledgements.Release();
        }
    }

    public async Task NackAsync(ulong tag, bool requeue)
    {
        await _acknowledgements.WaitAsync();
        try
        {
            await _consumer!.BasicNackAsync(tag, multiple: false, requeue);
        }
        finally
        {
            _acknowledgements.Release();
        }
    }

    /// <summary>The number of messages ready in a queue (not counting those delivered and unacknowledged).</summary>
    public async Task<uint> CountReadyAsync(string queue, CancellationToken cancellationToken = default) =>
        (await _publisher.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;

    /// <summary>Closes the channels and the connection (unacknowledged deliveries go back to their queue).</summary>
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        _lost.TrySetResult("closed by this client");
        await CloseQuietlyAsync(_connection);
        _acknowledgements.Dispose();
    }

    private static async Task CloseQuietlyAsync(IConnection connection)
    {
        try
        {
            if (connection.IsOpen)
            {
                await connection.CloseAsync(s_closeTimeout);
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Already gone: nothing to close.
        }

        connection.Dispose();
    }

    private Task OnShutdown(string what, ShutdownEventArgs reason)
    {
        if (!_closing)
        {
            var text = string.IsNullOrEmpty(reason.ReplyText) ? reason.Exception?.Message ?? "no reason given" : reason.ReplyText;
            _lost.TrySetResult($"{what} closed by the {reason.Initiator.ToString().ToLowerInvariant()}: {text} ({reason.ReplyCode})");
        }

        return Task.CompletedTask;
    }
}
