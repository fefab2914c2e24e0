using System.Net;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Storage;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Answering;

/// <summary>
/// Redis is the source of truth: two API replicas on one Redis serve one library, and what a user uploaded or said
/// survives an API restart. The folder store keeps the same promise for a single API without Redis.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ReplicaAndRestartTests(RedisServer redis) : IAsyncLifetime
{
    private ModelServerSimulator _llm = null!;

    public async Task InitializeAsync() => _llm = await ModelServerSimulator.StartAsync();

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    [Fact]
    public async Task TwoReplicasOnOneRedisSeeEachOthersUploadsAndDeletes()
    {
        var prefix = Prefix();
        await using var first = StartOnRedis(prefix);
        await using var second = StartOnRedis(prefix);

        var uploaded = await first.Client.IngestSamplesAsync("glossary.md");
        var documentId = uploaded[0].GetProperty("id").GetString()!;
        await Eventually.ReturnsAsync(() => TopDocumentAsync(second.Client, "What does EMCON 1 mean?"), id => id == documentId,
            "the second replica finds the first replica's upload");

        using var deleted = await second.Client.DeleteAsync($"/api/documents/{documentId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Eventually.ReturnsAsync(() => TopDocumentAsync(first.Client, "What does EMCON 1 mean?"), id => id is null,
            "the first replica drops the document the second deleted");
        Assert.Empty(await first.Client.ListDocumentsAsync());
    }

    [Fact]
    public async Task DocumentsAndConversationsSurviveAnApiRestartOnRedis()
    {
        var prefix = Prefix();
        string conversationId;
        await using (var before = StartOnRedis(prefix))
        {
            await before.Client.IngestSamplesAsync("convoy-sop.txt");
            conversationId = (await before.Client.AskOkAsync("What is the convoy speed limit at night?")).GetProperty("conversationId").GetString()!;
        }

        await using var after = StartOnRedis(prefix);
        await AssertSurvivedAsync(after, conversationId);
    }

    [Fact]
    public async Task DocumentsAndConversationsSurviveAnApiRestartOnTheFolderStore()
    {
        var folder = Directory.CreateTempSubdirectory("trag-restart-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["Storage:DataPath"] = folder };
            string conversationId;
            await using (var before = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, settings))
            {
                await before.Client.IngestSamplesAsync("convoy-sop.txt");
                conversationId = (await before.Client.AskOkAsync("What is the convoy speed limit at night?")).GetProperty("conversationId").GetString()!;
            }

            await using var after = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, settings);
            await AssertSurvivedAsync(after, conversationId);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertSurvivedAsync(GatewayHost restarted, string conversationId)
    {
        var document = Assert.Single(await restarted.Client.ListDocumentsAsync());
        Assert.Equal("ready", document.GetProperty("status").GetString());
        using var conversation = await restarted.Client.GetAsync($"/api/conversations/{conversationId}");
        Assert.Equal(HttpStatusCode.OK, conversation.StatusCode);
        var answer = await Eventually.ReturnsAsync(() => restarted.Client.AskOkAsync("Convoy speed limit at night under blackout drive?", conversationId),
            a => a.GetProperty("citations").GetArrayLength() > 0, "the reloaded index answers with citations");
        Assert.Contains(answer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("text").GetString()!.Contains("25 km/h"));
    }

    private GatewayHost StartOnRedis(string prefix) => GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?>
    {
        ["ConnectionStrings:cache"] = redis.ConnectionString,
        ["Storage:KeyPrefix"] = prefix,
        ["Storage:ChangePollInterval"] = "00:00:00.100",
    });

    private static async Task<string?> TopDocumentAsync(HttpClient client, string query)
    {
        var results = (await client.SearchOkAsync(query, topK: 1)).GetProperty("results");
        return results.GetArrayLength() == 0 ? null : results[0].GetProperty("documentId").GetString();
    }

    private static string Prefix() => $"t{Guid.NewGuid():N}:";
}
