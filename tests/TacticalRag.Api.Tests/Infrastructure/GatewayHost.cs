using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TacticalRag.Api.Tests.Infrastructure;

/// <summary>
/// The API in-process on real Kestrel (loopback, free port), pointed at model servers by URL, with short probe and
/// first-token bounds so fault cases resolve quickly. Callers reach it over real HTTP.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string? _ownedDataPath;

    private GatewayHost(WebApplicationFactory<Program> factory, HttpClient client, string? ownedDataPath)
    {
        _factory = factory;
        Client = client;
        _ownedDataPath = ownedDataPath;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public static Uri Unreachable { get; } = new("http://127.0.0.1:9/");

    public static GatewayHost Start(Uri? vllm, Uri? ollama, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var merged = new Dictionary<string, string?>
        {
            ["Llm:VllmHost"] = (vllm ?? Unreachable).ToString(),
            ["Llm:OllamaHost"] = (ollama ?? Unreachable).ToString(),
            ["Llm:HealthProbeInterval"] = "00:00:00.200",
            ["Llm:HealthProbeTimeout"] = "00:00:01",
            ["Llm:FirstTokenTimeout"] = "00:00:01.500",
            ["Llm:RetryDelay"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests send bursts from one address; the rate limit has its own test.
            ["Security:RateLimit:BurstLimit"] = "100000",
            ["Security:RateLimit:PerSecond"] = "100000",
            // Real Kestrel on a free loopback port, so several gateways can run side by side.
            ["urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        // Without Redis the library lives in a folder: a fresh one per host unless the test names one (to restart on it).
        string? ownedDataPath = null;
        if (!merged.ContainsKey("Storage:DataPath"))
        {
            ownedDataPath = Directory.CreateTempSubdirectory("trag-api-").FullName;
            merged["Storage:DataPath"] = ownedDataPath;
        }
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in merged)
            {
                web.UseSetting(key, value);
            }
            if (services is not null)
            {
                web.ConfigureServices(services);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        return new GatewayHost(factory, client, ownedDataPath);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        if (_ownedDataPath is not null)
        {
            Directory.Delete(_ownedDataPath, recursive: true);
        }
    }
}
