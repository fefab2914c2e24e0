using Aspire.Hosting;
using Aspire.Hosting.Testing;
using TacticalRag.ModelServerSim;

namespace TacticalRag.AppHost.Tests;

/// <summary>
/// The whole graph started once in local mode: Redis as a local <c>redis-server</c>, the two model servers as
/// simulator instances put in place through <c>TacticalRag:Endpoints</c>, the API and the web front end healthy.
/// Starting and stopping take seconds each, so one started app serves every test of a class.
/// </summary>
public sealed class WholeGraphFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly TemporaryRedisData _redisData = new();
    private readonly TemporaryPostgresData _postgresData = new();
    private DistributedApplication? _app;

    public ModelServerSimulator Vllm { get; private set; } = null!;

    public ModelServerSimulator Ollama { get; private set; } = null!;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        Vllm = await ModelServerSimulator.StartAsync(new SimulatorOptions(), timeout.Token);
        Ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions(), timeout.Token);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TacticalRag_AppHost>(
            [
                AppHostModel.LocalInfra,
                _redisData.Argument, _postgresData.Argument,
                $"--TacticalRag:Endpoints:Vllm={Vllm.BaseAddress}",
                $"--TacticalRag:Endpoints:Ollama={Ollama.BaseAddress}",
                // The resources' own logs reach the test output; keep what matters when a test fails.
                "--Logging:LogLevel:Default=Warning",
            ],
            timeout.Token);
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "cache", "api", "web" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await Vllm.DisposeAsync();
        await Ollama.DisposeAsync();
        _redisData.Dispose();
        _postgresData.Dispose();
    }
}
