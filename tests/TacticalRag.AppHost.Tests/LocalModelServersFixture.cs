using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace TacticalRag.AppHost.Tests;

/// <summary>
/// The graph in local mode with <c>vllm</c> and <c>ollama</c> "installed": scripts on PATH that run the model-server
/// simulator as a process on the port the AppHost hands them, the Ollama one without its model, so the AppHost's
/// pull runs. Every state the <c>ollama</c> resource shows is recorded.
/// </summary>
public sealed class LocalModelServersFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly CancellationTokenSource _stopWatching = new();
    private readonly TemporaryRedisData _redisData = new();
    private readonly TemporaryPostgresData _postgresData = new();
    private PathInstallation? _installation;
    private DistributedApplication? _app;
    private Task? _watching;

    public ConcurrentQueue<string> OllamaStates { get; } = new();

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public async Task InitializeAsync()
    {
        var simulator = Path.Combine(AppContext.BaseDirectory, "TacticalRag.ModelServerSim.dll");
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        _installation = new PathInstallation(new Dictionary<string, string>
        {
            // vllm serve MODEL --host 127.0.0.1 --port N ...
            ["vllm"] = $"""
                #!/bin/sh
                while [ $# -gt 0 ]; do [ "$1" = "--port" ] && port="$2"; shift; done
                exec "{dotnet}" "{simulator}" --port "$port"
                """,
            // ollama serve, listening where OLLAMA_HOST=127.0.0.1:N says; the pull takes a moment, so progress shows.
            ["ollama"] = $"""
                #!/bin/sh
                exec "{dotnet}" "{simulator}" --port "${"{"}OLLAMA_HOST##*:{"}"}" --ollama-model-pulled false --token-delay-ms 150
                """,
        });

        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TacticalRag_AppHost>(
            [AppHostModel.LocalInfra, _redisData.Argument, _postgresData.Argument, "--Logging:LogLevel:Default=Warning"], timeout.Token);
        _app = await builder.BuildAsync(timeout.Token);
        _watching = WatchOllamaStatesAsync(_app, _stopWatching.Token);
        await _app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "cache", "vllm", "ollama", "api" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        if (_watching is not null)
        {
            await _watching;
        }
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _installation?.Dispose();
        _redisData.Dispose();
        _postgresData.Dispose();
        _stopWatching.Dispose();
    }

    private async Task WatchOllamaStatesAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                if (update.Resource.Name == "ollama" && update.Snapshot.State?.Text is { } state && OllamaStates.LastOrDefault() != state)
                {
                    OllamaStates.Enqueue(state);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The fixture is done with the app.
        }
    }
}
