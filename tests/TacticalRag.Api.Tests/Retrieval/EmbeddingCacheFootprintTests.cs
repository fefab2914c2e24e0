using StackExchange.Redis;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Storage;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Retrieval;

/// <summary>
/// What the embedding path leaves in Redis: a document's vectors live with the document (and go when it is deleted);
/// no chunk text or search query becomes a cache key of its own that nothing would ever remove.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class EmbeddingCacheFootprintTests(RedisServer redis) : IAsyncLifetime
{
    private readonly string _prefix = $"t{Guid.NewGuid():N}:";
    private ModelServerSimulator _llm = null!;

    public async Task InitializeAsync() => _llm = await ModelServerSimulator.StartAsync();

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    [Fact]
    public async Task IngestingSearchingAndDeletingADocumentLeavesNoEmbeddingKeysInRedis()
    {
        await using var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = redis.ConnectionString,
            ["Storage:KeyPrefix"] = _prefix,
        });
        var document = (await api.Client.IngestSamplesAsync("glossary.md"))[0].GetProperty("id").GetString()!;
        await api.Client.SearchOkAsync("What does EMCON 1 mean?");
        await api.Client.SearchOkAsync("Which call sign does net control use?");

        using var deleted = await api.Client.DeleteAsync($"/api/documents/{document}");

        Assert.True(deleted.IsSuccessStatusCode);
        Assert.Empty(await CacheKeysAsync());
    }

    private async Task<List<string>> CacheKeysAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = new List<string>();
        await foreach (var key in connection.GetServers()[0].KeysAsync(pattern: _prefix + "cache:*"))
        {
            keys.Add(key.ToString());
        }
        return keys;
    }
}
