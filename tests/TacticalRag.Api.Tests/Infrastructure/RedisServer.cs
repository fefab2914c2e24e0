using TacticalRag.TestSupport.Redis;

namespace TacticalRag.Api.Tests.Infrastructure;

/// <summary>
/// <see cref="RedisServerProcess"/> as an xunit class or collection fixture: a real <c>redis-server</c> on a free
/// loopback port, killed on dispose; <see cref="StopAsync"/> and <see cref="StartAsync"/> take it away and bring it back.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private RedisServerProcess? _server;

    /// <summary>Every write fsynced before Redis acknowledges it (see <see cref="RedisServerProcess.Durable"/>).</summary>
    public bool Durable { get; init; }

    private RedisServerProcess Server => _server ??= new RedisServerProcess(Durable);

    public int Port => Server.Port;

    public string ConnectionString => Server.ConnectionString;

    public Task InitializeAsync() => Server.StartAsync();

    public Task StartAsync() => Server.StartAsync();

    public Task StopAsync() => Server.StopAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
