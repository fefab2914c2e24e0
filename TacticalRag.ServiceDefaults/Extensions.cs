using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TacticalRag.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Aspire's service defaults: OpenTelemetry, health endpoints, service discovery and resilience for
/// ordinary HttpClients, plus TacticalRag's own ActivitySource and Meter.
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TacticalRagTelemetry.Name)
                .AddMeter("Microsoft.Extensions.AI*"))
            .WithTracing(tracing => tracing
                .SetSampler(new BackgroundNoiseSampler())
                .AddProcessor(new IdleUiSpanFilter())
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TacticalRagTelemetry.Name)
                .AddSource("Microsoft.Extensions.AI*")
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes every few seconds would drown the traces that matter, and a page's files and Blazor's
                    // hub connection are not what a user did: the page request and the user's events are traced.
                    options.Filter = context => !IsHealthProbe(context.Request.Path) && !IsPagePlumbing(context.Request.Path);
                    // A Blazor circuit's hub calls (a render acknowledged, a JS call answered) would be a trace each,
                    // dozens per question; the user's events (Event onsubmit ...) and what they call are traced without them.
                    options.EnableAspNetCoreSignalRSupport = false;
                })
                .AddHttpClientInstrumentation(options =>
                    options.FilterHttpRequestMessage = request => !IsHealthProbe(request.RequestUri?.AbsolutePath)));

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);

    /// <summary>
    /// Static files (styles, scripts, images, fonts), the framework's and libraries' files, and Blazor's hub
    /// (<c>/_blazor</c>: its negotiation and the circuit's long-lived connection).
    /// </summary>
    private static bool IsPagePlumbing(PathString path) =>
        path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || StaticFileExtensions.Contains(System.IO.Path.GetExtension(path.Value ?? ""));

    private static readonly HashSet<string> StaticFileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".css", ".js", ".mjs", ".map", ".png", ".jpg", ".svg", ".ico", ".webp", ".woff", ".woff2", ".ttf",
    };

    private static bool IsHealthProbe(string? path) => path is not null && IsHealthProbe(new PathString(path));

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>Maps <c>/health</c> (every check must not be Unhealthy) and <c>/alive</c> (liveness only).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Orchestrators and load balancers probe without credentials.
        app.MapHealthChecks(HealthEndpointPath).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
        }).AllowAnonymous();
        return app;
    }
}
