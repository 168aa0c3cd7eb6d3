using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using NewsNer.Serialization;
using NewsNer.Server;
using NewsNer.Tests.TestSupport;

namespace NewsNer.Tests.Server;

/// <summary>Graceful shutdown on a real Kestrel and in a real <c>newsner serve</c> process: stop accepting, finish the work in flight, exit 0.</summary>
public sealed partial class ShutdownTests
{
    [Fact]
    public async Task Stopping_refuses_new_connections_and_lets_the_request_in_flight_finish()
    {
        using var gated = new GatedProcessor();
        await using var server = await KestrelServer.StartAsync(new ServerOptions { ShutdownGrace = TimeSpan.FromSeconds(20) }, () => gated);
        using var client = server.CreateClient();
        var inFlight = client.PostAsync("/v1/extract", Http.Text("Une requête en cours."));
        await gated.WaitStartedAsync();

        var clock = Stopwatch.StartNew();
        var stopping = server.Host.StopAsync();
        await LimitsTests.WaitUntil(() => !CanConnect(server.Address));
        Assert.False(stopping.IsCompleted, "the host waits for the request in flight");

        await Task.Delay(200);
        gated.Release();
        var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Une requête en cours.", NewsJson.Deserialize(await response.Content.ReadAsStringAsync()).Text);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"stopped {clock.Elapsed} after the request ended, well within the grace period");
    }

    [Fact]
    public async Task Work_longer_than_the_grace_period_is_cut_when_it_ends()
    {
        using var gated = new GatedProcessor();
        await using var server = await KestrelServer.StartAsync(new ServerOptions { ShutdownGrace = TimeSpan.FromMilliseconds(500) }, () => gated);
        using var client = server.CreateClient();
        var inFlight = client.PostAsync("/v1/extract", Http.Text("Trop long."));
        await gated.WaitStartedAsync();

        var clock = Stopwatch.StartNew();
        await server.Host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(8));
        await Assert.ThrowsAnyAsync<Exception>(async () => (await inFlight).EnsureSuccessStatusCode());
        gated.Release();
    }

    [Fact]
    public async Task Sigterm_lets_the_request_in_flight_finish_and_the_process_exits_0()
    {
        // A real `newsner serve` with the real pipeline; the request is a long text so that it is still running when the signal comes.
        var console = Path.Combine(AppContext.BaseDirectory, "NewsNer.Console.dll");
        var start = new ProcessStartInfo("dotnet", [console, "serve", "--port", "0", "--quiet", "--grace", "60", "--max-document-size", "64MiB", "--timeout", "120"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var listening = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var address = new Uri(ListeningUrl().Match(listening ?? "").Value);
            Assert.Contains("ready", await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)), StringComparison.Ordinal);
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };

            var article = File.ReadAllText(RepoPaths.SampleArticle);
            var text = new StringBuilder();
            while (text.Length < 3_000_000)
            {
                text.Append(article).Append("\n\n");
            }

            var inFlight = client.PostAsync("/v1/extract?tokens=false", Http.Text(text.ToString()));
            await LimitsTests.WaitUntil(() => Metric(client, "newsner_documents_processing") >= 1);
            var signalled = Stopwatch.StartNew();
            Assert.Equal(0, Kill(process.Id, Sigterm));

            var response = await inFlight;
            var answeredAfter = signalled.Elapsed;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(text.Length, NewsJson.Deserialize(await response.Content.ReadAsStringAsync()).Text.Length);
            Assert.True(answeredAfter > TimeSpan.FromMilliseconds(50), $"the request should still have been running at the signal (answered {answeredAfter} after)");

            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the process should exit once the request is done");
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("newsner serve: stopped", await process.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await stderr;
        }
    }

    private const int Sigterm = 15;

    // kill(2): .NET sends only SIGKILL to other processes (Process.Kill).
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [System.Text.RegularExpressions.GeneratedRegex("http://[0-9.]+:[0-9]+")]
    private static partial System.Text.RegularExpressions.Regex ListeningUrl();

    private static double Metric(HttpClient client, string name)
    {
        var text = client.GetStringAsync("/metrics").GetAwaiter().GetResult();
        var line = text.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool CanConnect(Uri address)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect(address.Host, address.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
