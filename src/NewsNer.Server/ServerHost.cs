using System.ComponentModel;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsNer.Server.Http;
using NewsNer.Server.Processing;
using NewsNer.Server.Telemetry;

namespace NewsNer.Server;

/// <summary>
/// Composes the HTTP service: Kestrel bound as <see cref="ServerOptions"/> says, the processor built once at start-up
/// (<see cref="ProcessorHost"/>), the limits (<see cref="WorkGate"/>), the middleware (telemetry, error bodies, CORS,
/// API key, the API page) and the endpoints. The same host runs under <c>newsner serve</c>, in the integration tests
/// (WebApplicationFactory swaps Kestrel for its test server) and in the benchmark.
/// </summary>
internal static class ServerHost
{
    /// <summary>Where the OpenAPI document is served.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>The host builder of the service.</summary>
    /// <param name="options">Address, limits and switches (call <see cref="ServerOptions.Validate"/> first).</param>
    /// <param name="processor">Builds the processor at start-up; null for the default pipeline (<see cref="NewsPipeline.CreateDefault"/>).</param>
    /// <param name="logging">Replaces the default logging (one line per message on standard error), or null.</param>
    public static IHostBuilder CreateHostBuilder(ServerOptions options, Func<IDocumentProcessor>? processor = null, Action<ILoggingBuilder>? logging = null)
    {
        processor ??= () => new PipelineProcessor(NewsPipeline.CreateDefault());
        return new HostBuilder()
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureLogging(builder =>
            {
                builder.ClearProviders();
                if (logging is not null)
                {
                    logging(builder);
                    return;
                }

                builder.AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fff ";
                });
                builder.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
                builder.AddFilter("Microsoft", LogLevel.Warning);
            })
            .ConfigureServices(services =>
            {
                services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownGrace);

                // Signals are the console's: Program.cs turns SIGTERM and Ctrl-C into the token that stops the host.
                services.AddSingleton<IHostLifetime, QuietLifetime>();
                services.AddSingleton(options);
                services.AddSingleton<ServerMetrics>();
                services.AddSingleton(new WorkGate(options.Workers, options.QueueLimit));
                services.AddSingleton(provider => new ProcessorHost(
                    processor,
                    provider.GetRequiredService<IHostApplicationLifetime>(),
                    provider.GetRequiredService<ILogger<ProcessorHost>>()));
                services.AddHostedService(provider => provider.GetRequiredService<ProcessorHost>());
                services.AddSingleton<DocumentRunner>();
                services.AddSingleton<PrometheusExporter>();
                services.AddSingleton<ExtractEndpoint>();
                services.AddSingleton<BatchEndpoint>();
                services.AddSingleton<HealthEndpoints>();
                services.AddRouting();
                services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer(new OpenApiDescription()).AddOperationTransformer(new OpenApiRequestBodies()));
                if (options.CorsOrigins.Count > 0)
                {
                    services.AddCors(cors => cors.AddDefaultPolicy(policy =>
                    {
                        if (options.CorsOrigins.Contains("*"))
                        {
                            policy.AllowAnyOrigin();
                        }
                        else
                        {
                            policy.WithOrigins([.. options.CorsOrigins]);
                        }

                        policy.WithMethods("GET", "POST")
                            .WithHeaders("Content-Type", ApiKeyMiddleware.HeaderName, "Authorization")
                            .WithExposedHeaders("Retry-After");
                    }));
                }
            })
            .ConfigureWebHost(web => web
                .UseKestrel(kestrel =>
                {
                    kestrel.AddServerHeader = false;
                    kestrel.Limits.MaxRequestBodySize = Math.Max(options.MaxDocumentBytes, options.MaxBatchBytes);
                    kestrel.Limits.MaxConcurrentConnections = options.MaxConnections;
                    kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
                    Listen(kestrel, options);
                })
                .Configure(app => Configure(app, options)));
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, ServerOptions options)
    {
        if (options.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            if (options.Port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
            else
            {
                kestrel.ListenLocalhost(options.Port);
            }
        }
        else if (ServerOptions.TryParseAddress(options.Host, out var address))
        {
            kestrel.Listen(address, options.Port);
        }
        else
        {
            throw new InvalidOperationException(ServerMessages.BadHost(options.Host));
        }
    }

    private static void Configure(IApplicationBuilder app, ServerOptions options)
    {
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseMiddleware<RequestTelemetryMiddleware>();
        app.UseMiddleware<ErrorBodyMiddleware>();
        if (options.CorsOrigins.Count > 0)
        {
            app.UseCors();
        }

        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            app.UseMiddleware<ApiKeyMiddleware>();
        }

        // The API page: Swagger UI's assets are embedded in its assembly (no CDN, nothing read from disk).
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.DocumentTitle = "NewsNer API";
            ui.SwaggerEndpoint(OpenApiPath, "NewsNer v1");
            ui.ConfigObject.ValidatorUrl = null;
        });
        app.UseRouting();
        app.UseEndpoints(MapEndpoints);
    }

    private static void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var extract = endpoints.ServiceProvider.GetRequiredService<ExtractEndpoint>();
        var batch = endpoints.ServiceProvider.GetRequiredService<BatchEndpoint>();
        var health = endpoints.ServiceProvider.GetRequiredService<HealthEndpoints>();

        // The query parameters are declared for the OpenAPI document; the endpoints read them themselves (RequestQuery),
        // so that a bad value gets a message naming it. The request bodies are described by OpenApiRequestBodies rather
        // than Accepts(): Accepts makes routing refuse other content types before the endpoint can say why.
        endpoints.MapPost("/v1/extract", (
                HttpContext context,
                [Description("false leaves tokens out of the document (much smaller); sentences, entities and events stay. Default true.")] string? tokens,
                [Description("Entity types to recognize, comma-separated: PER, LOC, ORG, MISC. Default: all.")] string? types,
                [Description("Publication date YYYY-MM-DD (resolves 'mercredi', 'la semaine prochaine'); a JSON body's date wins.")] string? date,
                [Description("Where the text comes from (URL, file name), copied to the document; a JSON body's source wins.")] string? source,
                [Description("true indents the JSON for people to read.")] string? indent) => extract.HandleAsync(context))
            .WithName("extract")
            .WithTags("extraction")
            .WithSummary("One article in, one newsner/1 document out")
            .WithDescription("The body is the article as text/plain (UTF-8 unless a charset says otherwise) or a JSON object {\"text\", \"date\", \"source\", \"metadata\"}. "
                + "The answer is a newsner/1 document (docs/json-schema.md): text, sentences, tokens, entities, events, each with UTF-16 offsets. "
                + "Refusals carry a newsner/1 error record {\"schema\":\"newsner/1\",\"source\":…,\"error\":{\"message\":…}}.")
            .Produces<DocumentSchema>(StatusCodes.Status200OK, "application/json")
            .ProducesErrorRecords(400, 401, 413, 415, 500, 503);

        endpoints.MapPost("/v1/extract/batch", (
                HttpContext context,
                [Description("false leaves tokens out of every document. Default true.")] string? tokens,
                [Description("Entity types to recognize, comma-separated: PER, LOC, ORG, MISC. Default: all.")] string? types,
                [Description("Publication date YYYY-MM-DD for lines that give none.")] string? date,
                [Description("Source for lines that give none.")] string? source) => batch.HandleAsync(context))
            .WithName("extractBatch")
            .WithTags("extraction")
            .WithSummary("JSON Lines in, JSON Lines out, in input order")
            .WithDescription("Each line is a JSON object {\"text\", \"date\", \"source\", \"metadata\"}; blank lines are skipped. Each answer line is a newsner/1 "
                + "document or an error record (bad line, over the size limit, over the time limit), in input order, streamed and flushed line by line.")
            .Produces<DocumentSchema>(StatusCodes.Status200OK, "application/x-ndjson")
            .ProducesErrorRecords(400, 401, 413, 415, 503);

        endpoints.MapGet("/v1/health", (HttpContext context, CancellationToken _) => health.Health(context))
            .WithTags("operations").WithSummary("Status: live, ready, workers; always 200 while the process runs").Produces<HealthSchema>();
        endpoints.MapGet("/v1/health/live", (HttpContext context, CancellationToken _) => health.Live(context))
            .WithTags("operations").WithSummary("Liveness: 200 while the process runs").Produces<HealthSchema>();
        endpoints.MapGet("/v1/health/ready", (HttpContext context, CancellationToken _) => health.Ready(context))
            .WithTags("operations").WithSummary("Readiness: 200 once the models are loaded, 503 while loading and during shutdown")
            .Produces<HealthSchema>().Produces<HealthSchema>(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/metrics", (HttpContext context, CancellationToken _) => health.Metrics(context))
            .WithTags("operations").WithSummary("Prometheus metrics (text exposition format 0.0.4)").Produces<string>(contentType: "text/plain");
        endpoints.MapGet("/", (HttpContext context) =>
        {
            context.Response.Redirect("/docs/");
            return Task.CompletedTask;
        }).ExcludeFromDescription();
        endpoints.MapOpenApi("/openapi/{documentName}.json");
    }

    /// <summary>Declares the statuses an endpoint refuses with, each with a newsner/1 error record.</summary>
    private static RouteHandlerBuilder ProducesErrorRecords(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            endpoint.Produces<ErrorRecordSchema>(status, "application/json");
        }

        return endpoint;
    }

    /// <summary>A lifetime that leaves process signals alone: the console owns them (see the serve verb).</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
