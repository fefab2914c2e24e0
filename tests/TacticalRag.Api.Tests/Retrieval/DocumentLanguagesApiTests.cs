using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Storage;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Retrieval;

/// <summary>
/// Through the API, on both stores: an uploaded document lists the languages of its passages (a document may mix
/// them), they survive a restart, and a question in a language the embedder does not read finds its passage.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class DocumentLanguagesApiTests(RedisServer redis) : IAsyncLifetime
{
    private static readonly byte[] Bilingual = Encoding.UTF8.GetBytes("""
        # Charging the field radio

        Charge the battery for six hours before its first use. Keep it away from water and heat, and label it with the date.

        # Laden des Funkgeräts

        Laden Sie den Akku vor dem ersten Gebrauch sechs Stunden lang. Halten Sie ihn von Wasser und Hitze fern und beschriften Sie ihn mit dem Datum.

        # Aufbewahrung im Winter

        Ersatzakkus werden im Winter in der Jacke warm gehalten, denn Kälte entlädt sie schnell.
        """);

    private ModelServerSimulator _llm = null!;

    public async Task InitializeAsync() => _llm = await ModelServerSimulator.StartAsync();

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    [Theory]
    [InlineData("redis")]
    [InlineData("folder")]
    public async Task ADocumentListsTheLanguagesOfItsPassagesAndAQuestionInEachFindsThem(string store)
    {
        var settings = new Dictionary<string, string?>();
        if (store == "redis")
        {
            settings["ConnectionStrings:cache"] = redis.ConnectionString;
            settings["Storage:KeyPrefix"] = $"t{Guid.NewGuid():N}:";
        }
        else
        {
            settings["Storage:DataPath"] = Path.Combine(Path.GetTempPath(), $"trag-lang-{Guid.NewGuid():N}");
        }
        string id;
        await using (var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, settings))
        {
            var uploaded = await api.Client.IngestAsync(("funkgeraet.md", Bilingual));
            id = uploaded.Single().GetProperty("id").GetString()!;
            Assert.Equal(["de", "en"], Languages(uploaded.Single()));

            var hits = await SearchAsync(api.Client, "Wo bewahrt man Ersatzakkus im Winter auf?");
            Assert.Equal("Aufbewahrung im Winter", hits[0].GetProperty("section").GetString());
        }

        try
        {
            // A restarted API reads them back from the store.
            await using var restarted = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, settings);
            var document = JsonDocument.Parse(await restarted.Client.GetStringAsync($"/api/documents/{id}")).RootElement;
            Assert.Equal(["de", "en"], Languages(document));
            var english = await SearchAsync(restarted.Client, "How long is the battery charged before first use?");
            Assert.Equal("Charging the field radio", english[0].GetProperty("section").GetString());
        }
        finally
        {
            if (settings.GetValueOrDefault("Storage:DataPath") is { } folder && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string[] Languages(JsonElement document) =>
        [.. document.GetProperty("languages").EnumerateArray().Select(l => l.GetString()!)];

    private static async Task<JsonElement[]> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.PostAsJsonAsync("/api/search", new { query, topK = 3 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. body.GetProperty("results").EnumerateArray()];
    }
}
