using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace TacticalRag.ModelServerSim;

/// <summary>One Kestrel instance serving every protocol (vLLM, Ollama, the two rerank APIs); a new one is built each time the simulator starts listening.</summary>
internal static class SimulatorApp
{
    /// <summary>Hung requests end as soon as the server stops (see <see cref="SimDelay"/>); this only bounds a stuck stop.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    public static async Task<WebApplication> StartAsync(SimulatorState state, int port, CancellationToken ct)
    {
        // The empty builder reads no configuration, environment or appsettings: the simulator behaves the same in any test host.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next =>
                {
                    var stopping = listen.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                    var loading = new LoadingConnectionMiddleware(state, stopping);
                    return connection => loading.InvokeAsync(connection, next);
                });
            });
        });

        var app = builder.Build();
        app.UseRequestGates(state);
        app.MapVllm(state);
        app.MapOllama(state);
        app.MapTei(state);
        app.MapVllmRerank(state);
        app.MapEmbeddings(state);
        try
        {
            await app.StartAsync(ct);
            return app;
        }
        catch
        {
            // A failed start (port taken) must not leave a half-built host behind.
            await app.DisposeAsync();
            throw;
        }
    }

    public static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new Uri(addresses.Addresses.First()).Port;
    }
}
