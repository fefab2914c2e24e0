using System.Text;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Storage;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Embeddings;

/// <summary>
/// An embedding server (the simulator, speaking Ollama's <c>/api/embed</c> or the OpenAI-compatible
/// <c>/v1/embeddings</c>) and APIs on a real redis-server pointed at it; a small library in three languages.
/// </summary>
internal sealed class ServedEmbedderSetup : IAsyncDisposable
{
    public const string GermanQuestion = "Wie lange hält die Batterie des Funkgeräts im Einsatz?";

    public static readonly (string FileName, byte[] Content)[] Library =
    [
        ("funkgeraet.txt", Encoding.UTF8.GetBytes(
            "Funkgerät AN/PRC-990\n\nDie Batterie des Funkgeräts hält im Einsatz achtzehn Stunden. Vor jeder Patrouille "
            + "wird die Batterie geladen und das Gerät mit einer Sprechprobe geprüft.")),
        ("convoy.txt", Encoding.UTF8.GetBytes(
            "Convoy procedure\n\nVehicles keep fifty metres apart at night and drive without lights in the forward area. "
            + "The convoy commander reports every checkpoint to the operations room.")),
        ("generator.txt", Encoding.UTF8.GetBytes(
            "发电机保养\n\n发电机每运行二百小时更换一次机油。加油前必须关闭发电机并等待其冷却。")),
    ];

    private ServedEmbedderSetup(ModelServerSimulator server, string provider, string keyPrefix, string redis)
    {
        Server = server;
        Provider = provider;
        KeyPrefix = keyPrefix;
        Redis = redis;
    }

    public ModelServerSimulator Server { get; }

    /// <summary><c>ollama</c> or <c>openai</c>.</summary>
    public string Provider { get; }

    public string KeyPrefix { get; }

    private string Redis { get; }

    /// <summary>The name the library records its vectors under.</summary>
    public string RecordedModel => Provider == "ollama" ? "bge-m3 (ollama)" : "BAAI/bge-m3 (openai)";

    public static async Task<ServedEmbedderSetup> StartServerAsync(RedisServer redis, string provider, int dimensions = 1024)
    {
        // One simulator plays the embedding server: Ollama with bge-m3 pulled, or vLLM/TEI serving BAAI/bge-m3.
        var server = await ModelServerSimulator.StartAsync(new SimulatorOptions
        {
            OllamaModel = "bge-m3", EmbeddingModel = "BAAI/bge-m3", EmbeddingDimensions = dimensions,
        });
        return new ServedEmbedderSetup(server, provider, StoreFactory.NewKeyPrefix(), redis.ConnectionString);
    }

    /// <summary>An API on the shared Redis library, embedding through this server (or in-process for <c>onnx</c>).</summary>
    public GatewayHost StartApi(string? provider = null, IDictionary<string, string?>? extra = null)
    {
        provider ??= Provider;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = Redis,
            ["Storage:KeyPrefix"] = KeyPrefix,
            ["Embeddings:Provider"] = provider,
            ["Embeddings:HealthProbeInterval"] = "00:00:00.200",
            ["Embeddings:HealthProbeTimeout"] = "00:00:01",
            ["Embeddings:QueryTimeout"] = "00:00:01",
            ["Embeddings:Timeout"] = "00:00:05",
            ["Embeddings:RetryDelay"] = "00:00:00.100",
            ["Embeddings:MaxRetryDelay"] = "00:00:00.400",
        };
        if (provider != "onnx")
        {
            settings["Embeddings:Endpoint"] = Server.BaseAddress.ToString();
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return GatewayHost.Start(null, null, settings);
    }

    public static async Task<JsonElement> DocumentAsync(HttpClient client, string id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/documents/{id}")).RootElement.Clone();

    public static async Task<string[]> UploadAsync(HttpClient client)
    {
        using var response = await client.UploadAsync(Library);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"upload answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToArray();
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
