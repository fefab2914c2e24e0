using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TacticalRag.Bench.Hosting;

/// <summary>
/// The API in this process on real Kestrel (loopback, free port), pointed at the simulators. Product defaults apply
/// except where a benchmark says otherwise; Production environment, console logging at Warning (on stderr, so the
/// markdown on stdout stays clean; the cost of writing each warning is still paid).
/// </summary>
public sealed class BenchGateway : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private BenchGateway(WebApplicationFactory<Program> factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
        Control = LoopbackHttp.Create(baseAddress, concurrency: 2, timeout: TimeSpan.FromSeconds(30));
    }

    public Uri BaseAddress { get; }

    /// <summary>For the backends listing and checks between runs; measured load uses its own clients.</summary>
    public HttpClient Control { get; }

    public static BenchGateway Start(Uri vllm, Uri ollama, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?>
        {
            ["Llm:VllmHost"] = vllm.ToString(),
            ["Llm:OllamaHost"] = ollama.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
            ["urls"] = "http://127.0.0.1:0",
            // One loopback client sends thousands of requests a second: the per-client limit would measure itself.
            ["Security:RateLimit:Enabled"] = "false",
        };
        // Each host gets a fresh library folder (removed on dispose), so runs never see each other's documents.
        string? ownedDataPath = null;
        if (settings?.ContainsKey("Storage:DataPath") != true)
        {
            ownedDataPath = Directory.CreateTempSubdirectory("trag-bench-").FullName;
            merged["Storage:DataPath"] = ownedDataPath;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            foreach (var (key, value) in merged)
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new BenchGateway(factory, new Uri(addresses.Addresses.First())) { _ownedDataPath = ownedDataPath };
    }

    /// <summary>What <c>GET /api/llm/backends</c> says about one backend's health.</summary>
    public async Task<bool> IsHealthyAsync(string backend, CancellationToken cancellationToken) =>
        (await GetBackendAsync(backend, cancellationToken)).GetProperty("healthy").GetBoolean();

    /// <summary>
    /// Waits for the listed state: "up" or "down". Not for "not healthy": that is also true of "unknown", before the
    /// first probe, when requests still try the backend.
    /// </summary>
    public Task WaitUntilAsync(string backend, string state, CancellationToken cancellationToken) =>
        WaitFor.ConditionAsync(
            async () => (await GetBackendAsync(backend, cancellationToken)).GetProperty("state").GetString() == state,
            $"the gateway lists {backend} {state}", TimeSpan.FromSeconds(30), cancellationToken);

    private async Task<JsonElement> GetBackendAsync(string backend, CancellationToken cancellationToken)
    {
        using var listing = JsonDocument.Parse(await Control.GetStringAsync("/api/llm/backends", cancellationToken));
        return listing.RootElement.GetProperty("backends").EnumerateArray()
            .Single(b => b.GetProperty("name").GetString() == backend).Clone();
    }

    private string? _ownedDataPath;

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _factory.DisposeAsync();
        if (_ownedDataPath is not null && Directory.Exists(_ownedDataPath))
        {
            Directory.Delete(_ownedDataPath, recursive: true);
        }
    }
}
