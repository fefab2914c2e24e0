using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>
/// The API with a one-document library and healthy model servers (so a request that slipped through validation would
/// really be answered and stored), with small upload limits so oversized bodies are cheap to send. Its data folder is
/// known, so the fuzz tests can see that no conversation was written.
/// </summary>
public sealed class FuzzTarget : IAsyncLifetime
{
    public const int MaxFileBytes = 200_000;
    public const int MaxRequestBytes = 1_000_000;
    public const int MaxFilesPerRequest = 20;

    private readonly string _dataPath = Directory.CreateTempSubdirectory("trag-fuzz-").FullName;
    private ModelServerSimulator _vllm = null!;
    private ModelServerSimulator _ollama = null!;
    private GatewayHost _gateway = null!;

    public HttpClient Client => _gateway.Client;

    public async Task InitializeAsync()
    {
        _vllm = await ModelServerSimulator.StartAsync();
        _ollama = await ModelServerSimulator.StartAsync();
        _gateway = GatewayHost.Start(_vllm.BaseAddress, _ollama.BaseAddress, new Dictionary<string, string?>
        {
            ["Storage:DataPath"] = _dataPath,
            ["Ingestion:MaxFileBytes"] = MaxFileBytes.ToString(),
            ["Ingestion:MaxRequestBytes"] = MaxRequestBytes.ToString(),
            ["Ingestion:MaxFilesPerRequest"] = MaxFilesPerRequest.ToString(),
        });
        await Client.IngestSamplesAsync("glossary.md");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _vllm.DisposeAsync();
        await _ollama.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    /// <summary>What the library and the conversations hold now, as a user could tell: document ids and statuses, conversation count.</summary>
    public async Task<StoredState> ReadStoredStateAsync()
    {
        var documents = (await Client.ListDocumentsAsync())
            .Select(d => $"{d.GetProperty("id").GetString()}:{d.GetProperty("status").GetString()}:{d.GetProperty("chunks").GetInt32()}")
            .Order(StringComparer.Ordinal)
            .ToArray();
        var conversations = Path.Combine(_dataPath, "conversations");
        var conversationCount = Directory.Exists(conversations) ? Directory.GetFiles(conversations).Length : 0;
        return new StoredState(string.Join(", ", documents), conversationCount);
    }

    /// <summary>Every file the API wrote, relative to its data folder: an upload's file name must never become a path.</summary>
    public IReadOnlyList<string> DataFiles() =>
        Directory.GetFiles(_dataPath, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_dataPath, f)).ToArray();

    public string DataPath => _dataPath;
}

public sealed record StoredState(string Documents, int Conversations);

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzTarget>
{
    public const string Name = "Fuzzing";
}
