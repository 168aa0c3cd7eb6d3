using System.Globalization;

namespace NewsNer.Cli.Broker;

/// <summary>
/// Every message of the broker verbs in one place: the reasons a worker gives in error records and dead letters (one
/// line each, saying what was wrong and, where there is one, the fix), and the setup errors that stop a verb.
/// </summary>
internal static class BrokerErrors
{
    public static string OverSizeLimit(int bytes, long limit) =>
        $"message of {Number(bytes)} bytes is over the size limit of {Number(limit)} bytes (worker --max-bytes)";

    public static string NotUtf8(string detail) => $"not valid UTF-8{detail}: send UTF-8 text or a JSON article";

    public static string NotAnArticle(string detail) =>
        $"not an article: {detail}; send text/plain UTF-8, or application/json {{\"id\", \"text\", \"date\", \"source\", \"metadata\"}}";

    public static string IdTooLong(int bytes) => $"the article id is {Number(bytes)} bytes long; ids are at most 255 bytes (an AMQP message-id)";

    public static string OverTimeLimit(TimeSpan limit) =>
        $"over the per-document time limit of {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (worker --timeout)";

    public static string ProcessingFailed(Exception error) => $"processing failed: {error.GetType().Name}: {error.Message}";

    public static string TooManyAttempts(int attempts) =>
        $"delivered {Number(attempts)} times without an acknowledgement: the workers that took it stopped or died while processing it (worker --max-attempts)";

    public static string TopologyRefused(BrokerSettings broker, string reply) =>
        $"the broker refused to set up the '{broker.Prefix}.*' queues: {reply}. A queue of that name exists with other settings "
        + "(delete it, or choose another --prefix), or this user lacks the configure permission";

    public static string AuthenticationFailed(BrokerSettings broker) =>
        $"the broker at {broker.Display} refused the user name or password";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
