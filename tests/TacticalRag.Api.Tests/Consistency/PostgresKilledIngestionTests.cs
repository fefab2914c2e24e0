using System.Net;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Consistency;

/// <summary>
/// An API process on the PostgreSQL engine killed (SIGKILL) while it is still embedding what it acknowledged: the
/// next process finds every acknowledged document with all its chunks, searchable at once, and finishes embedding it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresKilledIngestionTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly string[] s_samples = ["an-prc-990-operator-manual.pdf", "convoy-sop.txt", "radio-procedures-sop.md", "company-standing-orders.txt"];
    private ModelServerSimulator _llm = null!;

    public async Task InitializeAsync() => _llm = await ModelServerSimulator.StartAsync();

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    [Fact]
    public async Task NothingAcknowledgedIsLostWhenTheApiIsKilledMidIngestion()
    {
        var settings = new Dictionary<string, string>
        {
            ["Library:Engine"] = "PostgreSQL",
            ["ConnectionStrings:library"] = await postgres.CreateDatabaseAsync(),
            ["Llm:VllmHost"] = _llm.BaseAddress.ToString(),
            ["Llm:OllamaHost"] = _llm.BaseAddress.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        JsonElement[] acknowledged;
        await using (var killed = ApiProcess.Start(settings))
        {
            await WaitReadyAsync(killed);
            using var upload = await killed.Client.UploadSamplesAsync(s_samples);
            var body = await upload.Content.ReadAsStringAsync();
            Assert.True(upload.StatusCode == HttpStatusCode.Created, $"upload answered {(int)upload.StatusCode}: {body}");
            acknowledged = JsonDocument.Parse(body).RootElement.GetProperty("documents").EnumerateArray().Select(d => d.Clone()).ToArray();
            var statuses = await Task.WhenAll(acknowledged.Select(async d =>
                JsonDocument.Parse(await killed.Client.GetStringAsync($"/api/documents/{d.GetProperty("id").GetString()}")).RootElement.GetProperty("status").GetString()));
            Assert.Contains("indexing", statuses); // killed mid-ingestion, not after it
            await killed.KillAsync();
        }

        await using var restarted = ApiProcess.Start(settings);
        await WaitReadyAsync(restarted);
        foreach (var document in acknowledged)
        {
            var id = document.GetProperty("id").GetString()!;
            var stored = JsonDocument.Parse(await restarted.Client.GetStringAsync($"/api/documents/{id}")).RootElement;
            Assert.Equal(document.GetProperty("chunks").GetInt32(), stored.GetProperty("chunks").GetInt32());
        }
        var manual = acknowledged.Single(d => d.GetProperty("fileName").GetString() == "an-prc-990-operator-manual.pdf").GetProperty("id").GetString()!;
        var results = (await restarted.Client.SearchOkAsync("AN/PRC-990 operator manual battery")).GetProperty("results");
        Assert.Contains(results.EnumerateArray(), r => r.GetProperty("documentId").GetString() == manual);
        foreach (var document in acknowledged)
        {
            await restarted.Client.WaitUntilDocumentReadyAsync(document.GetProperty("id").GetString()!);
            var ready = JsonDocument.Parse(await restarted.Client.GetStringAsync($"/api/documents/{document.GetProperty("id").GetString()}")).RootElement;
            Assert.Equal("ready", ready.GetProperty("status").GetString());
        }
    }

    private static Task WaitReadyAsync(ApiProcess api) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    return (await api.Client.GetAsync("/health")).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable; // not listening yet
                }
            },
            status => status == HttpStatusCode.OK, "the API process is ready", TimeSpan.FromSeconds(60));
}
