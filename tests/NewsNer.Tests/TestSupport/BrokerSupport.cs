using System.Diagnostics;
using System.Text;
using NewsNer.Cli.Broker;
using RabbitMQ.Client;

namespace NewsNer.Tests.TestSupport;

/// <summary>
/// A test that needs a real RabbitMQ: it runs when <c>NEWSNER_AMQP_URI</c> names one (<c>.ci/broker-tests.sh</c> starts a
/// throw-away node with <c>.ci/rabbitmq.sh</c> and sets it) and is reported Skipped otherwise — never passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrokerFactAttribute : FactAttribute
{
    public BrokerFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(BrokerSettings.UriVariable)))
        {
            Skip = $"needs a RabbitMQ broker: run .ci/broker-tests.sh (it starts one with .ci/rabbitmq.sh), or set {BrokerSettings.UriVariable}";
        }
        else if (!OperatingSystem.IsLinux())
        {
            Skip = "the broker tests signal worker processes (SIGKILL, SIGTERM): Linux only";
        }
    }
}

/// <summary>
/// The test broker: its URI, a unique queue prefix per test (queues deleted at dispose), queue counts, raw publishing and
/// a restart of the node (through <c>.ci/rabbitmq.sh</c>, which started it).
/// </summary>
internal sealed class TestBroker : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private TestBroker(BrokerSettings settings, IConnection connection, IChannel channel)
    {
        Settings = settings;
        _connection = connection;
        _channel = channel;
    }

    public static string Uri => Environment.GetEnvironmentVariable(BrokerSettings.UriVariable)!;

    public BrokerSettings Settings { get; }

    public string Prefix => Settings.Prefix;

    /// <summary>Connects and declares the topology under a fresh prefix.</summary>
    public static async Task<TestBroker> CreateAsync(string name)
    {
        var settings = BrokerSettings.Parse(Uri, $"test-{name}-{Guid.NewGuid():N}"[..40]);
        var factory = settings.CreateFactory("newsner tests");
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await settings.DeclareTopologyAsync(channel, CancellationToken.None);
        return new TestBroker(settings, connection, channel);
    }

    /// <summary>Messages ready in a queue (a fresh connection each time: the node may have restarted).</summary>
    public async Task<uint> ReadyAsync(string queue)
    {
        await using var connection = await Settings.CreateFactory("newsner tests").CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            await Task.Delay(200);
        }
    }

    /// <summary>Publishes a raw message to the articles queue, confirmed.</summary>
    public async Task PublishArticleAsync(byte[] body, string? messageId, string? contentType)
    {
        var properties = new BasicProperties { MessageId = messageId, ContentType = contentType, DeliveryMode = DeliveryModes.Persistent };
        await _channel.BasicPublishAsync("", Settings.ArticlesQueue, mandatory: true, properties, body);
    }

    /// <summary>Publishes a raw result to the results exchange, confirmed.</summary>
    public async Task PublishResultAsync(string json, string? messageId)
    {
        var properties = new BasicProperties { MessageId = messageId, ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
        await _channel.BasicPublishAsync(Settings.ResultsExchange, "", mandatory: true, properties, Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Takes every message of a queue (acknowledged: the queue is emptied; a fresh connection: the node may have restarted).</summary>
    public async Task<List<BasicGetResult>> DrainAsync(string queue)
    {
        await using var connection = await Settings.CreateFactory("newsner tests").CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<BasicGetResult>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>Takes the first message of the articles queue and returns it unacknowledged: its delivery count goes up by one.</summary>
    public async Task<string?> ReturnOnceAsync()
    {
        await using var channel = await _connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(Settings.ArticlesQueue, autoAck: false);
        Assert.NotNull(message);
        await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
        return message.BasicProperties.MessageId;
    }

    /// <summary>Stops the node (keeping its data), waits, starts it again on the same port.</summary>
    public static async Task RestartNodeAsync(TimeSpan down)
    {
        await RunScriptAsync("stop-node");
        await Task.Delay(down);
        await RunScriptAsync("start-node");
    }

    public static async Task RunScriptAsync(string verb)
    {
        Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NEWSNER_RABBITMQ_STATE")),
            "NEWSNER_RABBITMQ_STATE is not set: start the broker with .ci/rabbitmq.sh (the restart test stops and starts that node)");

        // The script's output goes to a file, not a pipe: a node it starts must not keep the test waiting on an open pipe.
        var log = Path.Combine(Path.GetTempPath(), $"newsner-rabbitmq-{verb}-{Guid.NewGuid():N}.log");
        var script = Path.Combine(RepoPaths.Root, ".ci", "rabbitmq.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", "exec bash \"$0\" \"$1\" >\"$2\" 2>&1", script, verb, log]))!;
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(process.ExitCode == 0, $"rabbitmq.sh {verb} failed: {File.ReadAllText(log)}");
        }
        finally
        {
            File.Delete(log);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A fresh connection: the one held since the start may have been closed by a restart of the node.
            await using var connection = await Settings.CreateFactory("newsner tests").CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            foreach (var queue in new[] { Settings.ArticlesQueue, Settings.ResultsQueue, Settings.DeadLetterQueue })
            {
                await channel.QueueDeleteAsync(queue);
            }

            await channel.ExchangeDeleteAsync(Settings.ResultsExchange);
            await channel.ExchangeDeleteAsync(Settings.DeadLetterExchange);
            await _connection.CloseAsync();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Best effort: the broker may be down after a failed restart test; its state folder is deleted anyway.
        }

        _connection.Dispose();
    }
}

/// <summary>A console process (<c>dotnet NewsNer.Console.dll …</c>) with its standard error captured, that tests can signal.</summary>
internal sealed class ConsoleProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();

    private ConsoleProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string Stderr
    {
        get
        {
            lock (_lock)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The console built beside the test assembly's configuration (Release or Debug).</summary>
    public static string ConsoleDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var path = Path.Combine(RepoPaths.Root, "samples", "NewsNer.Console", "bin", configuration, "net10.0", "NewsNer.Console.dll");
            Assert.True(File.Exists(path), $"{path} is missing: build the solution ({configuration}) first");
            return path;
        }
    }

    public static ConsoleProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        info.ArgumentList.Add(ConsoleDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[BrokerSettings.UriVariable] = TestBroker.Uri;
        info.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var console = new ConsoleProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (console._lock)
                {
                    console._stderr.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        process.StandardInput.Close();
        return console;
    }

    /// <summary>SIGKILL: the process dies at once, holding whatever it held.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: asks the process to stop cleanly.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"process {_process.Id} did not exit within {timeout.TotalSeconds:0} s; its standard error:\n{Stderr}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
