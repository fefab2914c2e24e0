using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace TacticalRag.Bench.Suites.Yarp;

/// <summary>
/// The floor for an HTTP hop in .NET: a plain YARP reverse proxy on Kestrel (loopback, free port) with one catch-all
/// route to the vLLM simulator. Nothing else: no middleware, no transforms beyond YARP's defaults, logging at Warning.
/// </summary>
public sealed class YarpProxyHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private YarpProxyHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<YarpProxyHost> StartAsync(Uri destination, CancellationToken cancellationToken)
    {
        // The slim builder, and a content root of its own: the API's appsettings.json sits in this tool's output folder.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = "Production",
            ContentRootPath = Path.GetTempPath(),
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "vllm", ClusterId = "vllm", Match = new RouteMatch { Path = "{**path}" } }],
            [new ClusterConfig
            {
                ClusterId = "vllm",
                Destinations = new Dictionary<string, DestinationConfig> { ["simulator"] = new() { Address = destination.ToString() } },
            }]);
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new YarpProxyHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
