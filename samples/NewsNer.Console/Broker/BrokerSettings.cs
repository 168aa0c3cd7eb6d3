using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace NewsNer.Cli.Broker;

/// <summary>
/// Where the broker is and what the queues are called. One prefix names the whole topology, so that several pipelines
/// share a broker without meeting (<c>--prefix</c>, default <c>newsner</c>):
/// <list type="bullet">
/// <item><c>PREFIX.articles</c>: quorum queue of articles to process (what <c>enqueue</c> fills and workers consume);</item>
/// <item><c>PREFIX.results</c>: fanout exchange the workers publish results to, bound to the quorum queue of the same
/// name (what <c>collect</c> drains); bind more queues to the exchange to feed other consumers;</item>
/// <item><c>PREFIX.dead</c>: fanout exchange and quorum queue of dead letters: the poison articles, kept for inspection.</item>
/// </list>
/// </summary>
internal sealed record BrokerSettings(Uri Uri, string Prefix)
{
    /// <summary>The environment variable read when <c>--amqp</c> is not given (it keeps the password out of process listings).</summary>
    public const string UriVariable = "NEWSNER_AMQP_URI";

    /// <summary>
    /// The articles queue's delivery limit: a message the broker handed out this many times without an acknowledgement
    /// is dead-lettered by the broker itself. A backstop only: workers dead-letter a message long before (<c>--max-attempts</c>).
    /// </summary>
    public const int BrokerDeliveryLimit = 20;

    public string ArticlesQueue => Prefix + ".articles";

    public string ResultsExchange => Prefix + ".results";

    public string ResultsQueue => Prefix + ".results";

    public string DeadLetterExchange => Prefix + ".dead";

    public string DeadLetterQueue => Prefix + ".dead";

    /// <summary>The URI without its password, for logs.</summary>
    public string Display => Redact(Uri);

    /// <summary>
    /// Reads <c>--amqp</c> (or <see cref="UriVariable"/>) and <c>--prefix</c>.
    /// </summary>
    /// <exception cref="UsageException">No URI, or not an amqp:// or amqps:// URI, or a prefix that cannot name a queue.</exception>
    public static BrokerSettings Parse(string? uri, string? prefix)
    {
        uri ??= Environment.GetEnvironmentVariable(UriVariable);
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new UsageException($"give the broker with --amqp amqp://USER:PASSWORD@HOST:5672/VHOST (or set {UriVariable})");
        }

        if (!Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("amqp" or "amqps"))
        {
            throw new UsageException($"--amqp must be an amqp:// or amqps:// URI, not '{RedactText(uri)}'");
        }

        prefix ??= "newsner";
        if (prefix.Length is 0 or > 200 || prefix.StartsWith("amq.", StringComparison.Ordinal) || prefix.Any(char.IsControl))
        {
            throw new UsageException($"--prefix '{prefix}' cannot name a queue: use letters, digits, '.', '-' or '_' (not starting with 'amq.')");
        }

        return new BrokerSettings(parsed, prefix);
    }

    /// <summary>
    /// A connection factory for one client of the broker. The client's own reconnection is off: each verb reconnects
    /// itself, knowing what was in flight (deliveries of a lost connection cannot be acknowledged on the next one).
    /// </summary>
    public ConnectionFactory CreateFactory(string clientName) => new()
    {
        Uri = Uri,
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        RequestedHeartbeat = TimeSpan.FromSeconds(15),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Declares the queues and exchanges (idempotent; every verb does it, so any can start first).</summary>
    /// <exception cref="BrokerSetupException">A queue exists with other settings, or the user may not declare it.</exception>
    public async Task DeclareTopologyAsync(IChannel channel, CancellationToken cancellationToken)
    {
        var quorum = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };
        try
        {
            await channel.ExchangeDeclareAsync(ResultsExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(ResultsQueue, durable: true, exclusive: false, autoDelete: false, quorum, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(ResultsQueue, ResultsExchange, "", cancellationToken: cancellationToken);
            await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, quorum, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(DeadLetterQueue, DeadLetterExchange, "", cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(ArticlesQueue, durable: true, exclusive: false, autoDelete: false, ArticlesQueueArguments(), cancellationToken: cancellationToken);
        }
        catch (OperationInterruptedException error) when (error.ShutdownReason is { ReplyCode: 403 or 406 } reason)
        {
            throw new BrokerSetupException(BrokerErrors.TopologyRefused(this, reason.ReplyText));
        }
    }

    /// <summary>The articles queue's arguments: quorum, broker-side delivery limit, at-least-once dead-lettering.</summary>
    public Dictionary<string, object?> ArticlesQueueArguments() => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-delivery-limit"] = BrokerDeliveryLimit,
        ["x-dead-letter-exchange"] = DeadLetterExchange,
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };

    /// <summary>Whether an exception means the broker cannot be reached or the connection dropped (worth retrying).</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        BrokerSetupException or OutputWriteException => false,
        BrokerUnreachableException { InnerException: AuthenticationFailureException } => false,
        AuthenticationFailureException => false,
        BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or ConnectFailureException => true,
        IOException or System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };

    private static string Redact(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri.ToString();
        }

        var user = uri.UserInfo.Split(':')[0];
        return new UriBuilder(uri) { UserName = user, Password = "" }.Uri.ToString().Replace(user + "@", user + ":***@", StringComparison.Ordinal);
    }

    private static string RedactText(string uri)
    {
        var at = uri.LastIndexOf('@');
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? uri[..(scheme + 3)] + "***" + uri[at..] : uri;
    }
}

/// <summary>
/// A local file could not be written (the output of <c>collect</c>, the journal of <c>enqueue</c>): not a broker
/// failure to retry, but the end of the run (with nothing acknowledged that is not on disk).
/// </summary>
internal sealed class OutputWriteException(string path, Exception inner) : IOException($"cannot write '{path}': {inner.Message}", inner);

/// <summary>The broker refuses the setup (a queue declared with other arguments, missing permissions): retrying cannot help.</summary>
internal sealed class BrokerSetupException(string message) : Exception(message);
