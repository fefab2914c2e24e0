using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace TacticalRag.Api.Tests.Telemetry;

/// <summary>
/// The service defaults' tracing rules as the web front end meets them, on real Kestrel: a page's files, Blazor's hub,
/// a circuit's start, a route change and keystrokes that call nothing, and database reads no user started
/// (security-stamp checks, the key ring) leave no trace; the page request and each ask are one trace each, their
/// calls inside them.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class PagePlumbingTraceTests
{
    private static readonly ActivitySource Components = new("Microsoft.AspNetCore.Components");
    private static readonly ActivitySource Npgsql = new("Npgsql");

    [Fact]
    public async Task APageLoadWithItsPlumbingIsOneTraceAndThreeAsksAreThreeMore()
    {
        var spans = new ExportedSpans();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing =>
            tracing.AddSource(Components.Name, Npgsql.Name).AddInMemoryExporter(spans));
        await using var app = builder.Build();
        app.MapGet("/", () => "page");
        app.MapGet("/app.css", () => "body {}");
        app.MapGet("/_framework/blazor.web.js", () => "//");
        app.MapGet("/_content/lib/site.js", () => "//");
        app.MapPost("/_blazor/negotiate", () => "{}");
        app.MapPost("/api/ask", () =>
        {
            using var query = Npgsql.StartActivity("identity", ActivityKind.Client); // a read the ask makes: part of its trace
            return "answer";
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var browser = new HttpClient { BaseAddress = new Uri(address) };

        // The browser: its requests carry no trace context (nothing outside the server traces them).
        using (SuppressInstrumentationScope.Begin())
        {
            foreach (var path in new[] { "/", "/app.css", "/_framework/blazor.web.js", "/_content/lib/site.js" })
            {
                (await browser.GetAsync(path)).EnsureSuccessStatusCode();
            }
            (await browser.PostAsync("/_blazor/negotiate", null)).EnsureSuccessStatusCode();
        }
        using (Components.StartActivity("Microsoft.AspNetCore.Components.Server.Circuits.StartCircuit"))
        {
        }
        using (Components.StartActivity("Microsoft.AspNetCore.Components.Navigate"))
        {
        }
        using (Npgsql.StartActivity("identity", ActivityKind.Client)) // the circuit's security-stamp check, once a minute
        {
        }
        for (var key = 0; key < 5; key++)
        {
            using var keystroke = Components.StartActivity("Microsoft.AspNetCore.Components.HandleEvent"); // oninput: calls nothing
        }
        for (var i = 0; i < 3; i++)
        {
            using var userEvent = Components.StartActivity("Microsoft.AspNetCore.Components.HandleEvent");
            (await browser.PostAsync("/api/ask", null)).EnsureSuccessStatusCode();
        }
        await app.StopAsync();

        // Other tests' hosts share this process and its instrumentation: only this app's spans count.
        var port = new Uri(address).Port;
        bool Mine(Activity s) => s.Source.Name == Components.Name || s.Source.Name == Npgsql.Name || s.GetTagItem("server.port") is int p && p == port;
        var traces = spans.Snapshot().Where(Mine).GroupBy(s => s.TraceId).ToList();
        var roots = traces.Select(t => t.Single(s => s.ParentSpanId == default)).ToList();
        Assert.Equal(4, traces.Count);
        Assert.Single(roots, r => r.Kind == ActivityKind.Server && r.GetTagItem("url.path") as string == "/");
        var asks = traces.Where(t => t.Any(s => s.OperationName == "Microsoft.AspNetCore.Components.HandleEvent")).ToList();
        Assert.Equal(3, asks.Count);
        Assert.All(asks, ask =>
        {
            Assert.Contains(ask, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/api/ask");
            Assert.Contains(ask, s => s.Source.Name == Npgsql.Name);
        });
    }
}
