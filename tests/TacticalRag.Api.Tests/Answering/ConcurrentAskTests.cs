using System.Net;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Storage;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Answering;

/// <summary>
/// Several questions asked at once in one conversation (two browser tabs, a client that does not wait): each ask adds
/// its turn to what is stored, so none is lost to another ask that started from the same earlier state.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ConcurrentAskTests(RedisServer redis) : IAsyncLifetime
{
    private const int ConcurrentAsks = 8;

    private ModelServerSimulator _llm = null!;

    public async Task InitializeAsync() => _llm = await ModelServerSimulator.StartAsync();

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    [Theory]
    [InlineData("redis")]
    [InlineData("folder")]
    public async Task ConcurrentAsksInOneConversationKeepEveryTurn(string store)
    {
        var settings = new Dictionary<string, string?> { ["Conversations:WindowTurns"] = "20" };
        if (store == "redis")
        {
            settings["ConnectionStrings:cache"] = redis.ConnectionString;
            settings["Storage:KeyPrefix"] = $"t{Guid.NewGuid():N}:";
        }
        await using var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, settings);
        using var uploaded = await api.Client.UploadAsync(("relay-orders.txt", "Relay site orders\n\nThe relay site BLUE HERON is on hill 402."u8.ToArray()));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var conversationId = (await api.Client.AskOkAsync("Where is the relay site BLUE HERON?")).GetProperty("conversationId").GetString()!;
        var followUps = Enumerable.Range(1, ConcurrentAsks).Select(i => $"Who mans relay site number {i}?").ToList();

        await Task.WhenAll(followUps.Select(question => api.Client.AskOkAsync(question, conversationId)));

        var conversation = JsonDocument.Parse(await api.Client.GetStringAsync($"/api/conversations/{conversationId}")).RootElement;
        var asked = conversation.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("question").GetString()!).ToList();
        Assert.Equal(["Where is the relay site BLUE HERON?", .. followUps.Order(StringComparer.Ordinal)],
            [asked[0], .. asked.Skip(1).Order(StringComparer.Ordinal)]);
    }
}
