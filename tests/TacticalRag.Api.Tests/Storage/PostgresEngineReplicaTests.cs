using System.Net;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>
/// API replicas on the PostgreSQL engine over real HTTP: one database, no index of their own. What one replica
/// ingests the other finds at once, with no load step; a restarted replica serves the library as it was.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEngineReplicaTests(PostgresServer postgres) : IAsyncLifetime
{
    private ModelServerSimulator _llm = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _llm = await ModelServerSimulator.StartAsync();
        _database = await postgres.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    [Fact]
    public async Task AnUploadOnOneReplicaIsSearchableOnTheOtherAndADeleteOnTheOtherIsGoneOnTheFirst()
    {
        await using var first = Start();
        await using var second = Start();
        await WaitReadyAsync(first.Client);
        await WaitReadyAsync(second.Client);

        var uploaded = await first.Client.IngestSamplesAsync("convoy-sop.txt", "radio-procedures-sop.md");
        var convoy = uploaded.Single(d => d.GetProperty("fileName").GetString() == "convoy-sop.txt").GetProperty("id").GetString();
        var radio = uploaded.Single(d => d.GetProperty("fileName").GetString() == "radio-procedures-sop.md").GetProperty("id").GetString();

        Assert.Equal(convoy, TopDocument(await second.Client.SearchOkAsync("convoy vehicle spacing and speed")));
        Assert.Equal(radio, TopDocument(await second.Client.SearchOkAsync("radio check procedure")));
        Assert.Equal([convoy, radio], (await second.Client.ListDocumentsAsync()).Select(d => d.GetProperty("id").GetString()).Order());

        using (var deleted = await second.Client.DeleteAsync($"/api/documents/{convoy}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var results = (await first.Client.SearchOkAsync("convoy vehicle spacing and speed", topK: 20)).GetProperty("results");
        Assert.DoesNotContain(results.EnumerateArray(), r => r.GetProperty("documentId").GetString() == convoy);
        using var gone = await first.Client.GetAsync($"/api/documents/{convoy}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task AReplicaStartedOnAnExistingLibraryIsReadyAtOnceAndFindsWhatWasEmbeddedBefore()
    {
        string radio;
        await using (var before = Start())
        {
            await WaitReadyAsync(before.Client);
            radio = (await before.Client.IngestSamplesAsync("radio-procedures-sop.md"))[0].GetProperty("id").GetString()!;
        }

        await using var after = Start();
        // No load step: the first health probe after start already reports the replica ready.
        await WaitReadyAsync(after.Client);
        var results = (await after.Client.SearchOkAsync("how do I perform a radio check")).GetProperty("results");
        Assert.Equal(radio, results[0].GetProperty("documentId").GetString());
        var document = JsonDocument.Parse(await after.Client.GetStringAsync($"/api/documents/{radio}")).RootElement;
        Assert.Equal("ready", document.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AConversationStartedOnOneReplicaContinuesOnTheOther()
    {
        await using var first = Start();
        await using var second = Start();
        await WaitReadyAsync(first.Client);
        await first.Client.IngestSamplesAsync("radio-procedures-sop.md");

        var answer = await first.Client.AskOkAsync("How do I do a radio check?");
        var conversation = answer.GetProperty("conversationId").GetString()!;
        await second.Client.AskOkAsync("And how often?", conversation);

        var stored = JsonDocument.Parse(await first.Client.GetStringAsync($"/api/conversations/{conversation}")).RootElement;
        Assert.Equal(2, stored.GetProperty("turns").GetArrayLength());
    }

    private GatewayHost Start() => GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?>
    {
        ["Library:Engine"] = "PostgreSQL",
        ["ConnectionStrings:library"] = _database,
    });

    private static Task WaitReadyAsync(HttpClient client) =>
        Eventually.ReturnsAsync(async () => (await client.GetAsync("/health")).StatusCode, status => status == HttpStatusCode.OK, "the replica is ready", TimeSpan.FromSeconds(30));

    private static string? TopDocument(JsonElement search) => search.GetProperty("results")[0].GetProperty("documentId").GetString();
}
