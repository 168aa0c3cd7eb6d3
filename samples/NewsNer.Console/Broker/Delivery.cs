using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace NewsNer.Cli.Broker;

/// <summary>
/// A message taken off a queue, copied out of the client's buffers (which are reused once the callback returns), with
/// the connection it came on: its delivery tag can only be acknowledged there.
/// </summary>
internal sealed record Delivery(
    BrokerConnection Connection,
    ulong Tag,
    bool Redelivered,
    byte[] Body,
    string? MessageId,
    string? CorrelationId,
    string? ContentType,
    IReadOnlyDictionary<string, object?> Headers)
{
    /// <summary>The quorum queue's count of earlier deliveries that were not acknowledged (0 on the first delivery).</summary>
    public long DeliveryCount => Headers.TryGetValue("x-delivery-count", out var value) ? ToLong(value) : 0;

    public static Delivery From(BrokerConnection connection, BasicDeliverEventArgs message)
    {
        var properties = message.BasicProperties;
        var headers = properties.Headers is { Count: > 0 } h
            ? new Dictionary<string, object?>(h, StringComparer.Ordinal)
            : (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>();
        return new Delivery(
            connection,
            message.DeliveryTag,
            message.Redelivered,
            message.Body.ToArray(),
            properties.MessageId,
            properties.CorrelationId,
            properties.ContentType,
            headers);
    }

    /// <summary>A header as text (AMQP carries header strings as bytes).</summary>
    public string? HeaderText(string name) => Headers.TryGetValue(name, out var value) ? value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        null => null,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    } : null;

    private static long ToLong(object? value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        uint ui => ui,
        ulong ul => (long)Math.Min(ul, long.MaxValue),
        byte[] bytes when long.TryParse(Encoding.UTF8.GetString(bytes), out var parsed) => parsed,
        _ => 0,
    };
}
