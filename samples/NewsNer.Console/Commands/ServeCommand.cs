using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsNer.Server;
using NewsNer.Server.Processing;

namespace NewsNer.Cli.Commands;

/// <summary>
/// <c>newsner serve</c>: the HTTP service (docs/service.md). Listens on loopback unless told otherwise (then an API key is
/// required), builds the pipeline once at start-up, and on SIGTERM or Ctrl-C stops accepting, lets the requests in
/// flight finish within the grace period and exits 0.
/// </summary>
internal sealed class ServeCommand : ICliCommand
{
    /// <summary>The environment variable that may hold the API key (safer than a command-line argument, which <c>ps</c> shows).</summary>
    public const string ApiKeyVariable = "NEWSNER_API_KEY";

    private static readonly System.Buffers.SearchValues<char> s_number = System.Buffers.SearchValues.Create("0123456789.");

    public Command Create(CliContext context)
    {
        var defaults = new ServerOptions();
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on: 127.0.0.1 (the default: this machine only), ::1, localhost, or 0.0.0.0 / :: for every interface (needs an API key).",
            HelpName = "ADDRESS",
            DefaultValueFactory = _ => defaults.Host,
        };
        var port = new Option<int>("--port")
        {
            Description = "TCP port; 0 picks a free one (printed at start).",
            HelpName = "PORT",
            DefaultValueFactory = _ => ServerOptions.DefaultPort,
        };
        var workers = new Option<int>("--max-concurrency")
        {
            Description = "Documents processed at once (pipeline threads); 0 (the default) uses every core.",
            HelpName = "N",
        };
        var queue = new Option<int>("--queue")
        {
            Description = "Requests admitted beyond those being processed; past it, 503 with Retry-After.",
            HelpName = "N",
            DefaultValueFactory = _ => defaults.QueueLimit,
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Time limit of one document's processing, in seconds (503, or an error record in a batch).",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => defaults.DocumentTimeout.TotalSeconds,
        };
        var maxDocument = new Option<long>("--max-document-size")
        {
            Description = "Largest body of /v1/extract and largest batch line (413 past it): bytes, or with KB, MB, KiB, MiB. Default: 4MiB.",
            HelpName = "SIZE",
            CustomParser = ParseSize,
        };
        var maxBatch = new Option<long>("--max-batch-size")
        {
            Description = "Largest body of /v1/extract/batch. Default: 256MiB.",
            HelpName = "SIZE",
            CustomParser = ParseSize,
        };
        var window = new Option<int>("--batch-window")
        {
            Description = "Documents of one batch in flight at once (bounds its memory); 0 (the default) means four per worker.",
            HelpName = "N",
        };
        var grace = new Option<double>("--grace")
        {
            Description = "On SIGTERM or Ctrl-C, seconds given to the requests in flight before they are cut.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => defaults.ShutdownGrace.TotalSeconds,
        };
        var apiKeyFile = new Option<string?>("--api-key-file")
        {
            Description = $"A file holding the API key that requests must send in X-API-Key (or Authorization: Bearer). The {ApiKeyVariable} environment variable works too. Required with a non-loopback --host.",
            HelpName = "PATH",
        };
        var cors = new Option<string[]>("--cors-origin")
        {
            Description = "An origin allowed to call from a browser (repeatable; * for any). Default: none (CORS off).",
            HelpName = "ORIGIN",
            AllowMultipleArgumentsPerToken = false,
        };
        var connections = new Option<int>("--max-connections")
        {
            Description = "Open connections at most.",
            HelpName = "N",
            DefaultValueFactory = _ => defaults.MaxConnections,
        };
        var logText = new Option<bool>("--log-text") { Description = "Include the first 200 characters of each article in the request log (off by default)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No request log lines (start-up messages and errors only)." };

        var command = new Command("serve", "Serve the pipeline over HTTP: POST /v1/extract, POST /v1/extract/batch, GET /v1/health, GET /metrics, the API page /docs.")
        {
            host, port, workers, queue, timeout, maxDocument, maxBatch, window, grace, apiKeyFile, cors, connections, logText, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ServerOptions
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                MaxConcurrency = parse.GetValue(workers),
                QueueLimit = parse.GetValue(queue),
                DocumentTimeout = Seconds(parse.GetValue(timeout)),
                MaxDocumentBytes = parse.GetValue(maxDocument) is > 0 and var document ? document : defaults.MaxDocumentBytes,
                MaxBatchBytes = parse.GetValue(maxBatch) is > 0 and var batch ? batch : defaults.MaxBatchBytes,
                BatchWindow = parse.GetValue(window),
                ShutdownGrace = Seconds(parse.GetValue(grace)),
                ApiKey = ReadApiKey(context, parse.GetValue(apiKeyFile)),
                CorsOrigins = parse.GetValue(cors) ?? [],
                MaxConnections = parse.GetValue(connections),
                LogText = parse.GetValue(logText),
                LogRequests = !parse.GetValue(quiet),
            };
            return await RunAsync(context, options, () => new PipelineProcessor(context.Pipeline), cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the server until <paramref name="cancellationToken"/> is cancelled (SIGTERM, Ctrl-C); returns the exit code.</summary>
    public static async Task<int> RunAsync(CliContext context, ServerOptions options, Func<IDocumentProcessor> processor, CancellationToken cancellationToken)
    {
        if (options.Validate() is [var problem, ..])
        {
            throw new UsageException(problem);
        }

        using var server = ServerHost.CreateHostBuilder(options, processor).Build();
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (IOException error)
        {
            await context.Stderr.WriteLineAsync($"newsner serve: cannot listen on {options.Host}:{options.Port}: {error.Message}");
            return ExitCodes.Failures;
        }

        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            await context.Stdout.WriteLineAsync($"newsner serve: listening on {address} (API page {address}/docs/){(options.ApiKey is null ? "" : "; API key required")}");
        }

        await context.Stdout.FlushAsync(CancellationToken.None);
        var loader = server.Services.GetRequiredService<ProcessorHost>();
        var shutdown = server.WaitForShutdownAsync(cancellationToken);
        if (await Task.WhenAny(loader.Ready, shutdown) == loader.Ready && loader.Ready.IsCompletedSuccessfully)
        {
            await context.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"newsner serve: ready (models loaded in {loader.LoadTime?.TotalSeconds:0.00} s)"));
            await context.Stdout.FlushAsync(CancellationToken.None);
        }

        await shutdown;
        if (loader.Failure is { } failure)
        {
            await context.Stderr.WriteLineAsync($"newsner serve: {failure}");
            return ExitCodes.Failures;
        }

        await context.Stdout.WriteLineAsync("newsner serve: stopped");
        return ExitCodes.Success;
    }

    /// <summary>Parses a size: bytes, or a number with KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024).</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var trimmed = text.Trim();
        var split = trimmed.AsSpan().IndexOfAnyExcept(s_number);
        var number = split < 0 ? trimmed : trimmed[..split];
        var unit = split < 0 ? "" : trimmed[split..].Trim();
        long multiplier = unit.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "KB" or "K" => 1_000,
            "MB" or "M" => 1_000_000,
            "GB" or "G" => 1_000_000_000,
            "KIB" => 1L << 10,
            "MIB" => 1L << 20,
            "GIB" => 1L << 30,
            _ => 0,
        };
        if (multiplier == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || value * multiplier > long.MaxValue / 2)
        {
            return false;
        }

        bytes = (long)(value * multiplier);
        return bytes > 0;
    }

    private static long ParseSize(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParseSize(token, out var bytes))
        {
            return bytes;
        }

        result.AddError($"{result.Parent?.ToString() ?? "size"} must be a size such as 4MiB, 500KB or 1048576, not '{token}'");
        return 0;
    }

    private static TimeSpan Seconds(double seconds) => double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;

    private static string? ReadApiKey(CliContext context, string? file)
    {
        if (file is not null)
        {
            var path = context.ResolvePath(file);
            if (!File.Exists(path))
            {
                throw new UsageException($"--api-key-file '{file}' does not exist");
            }

            var key = File.ReadAllText(path).Trim();
            return key.Length > 0 ? key : throw new UsageException($"--api-key-file '{file}' is empty");
        }

        var variable = Environment.GetEnvironmentVariable(ApiKeyVariable)?.Trim();
        return string.IsNullOrEmpty(variable) ? null : variable;
    }
}
