using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Library;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Files;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Storage;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Consistency;

/// <summary>A replica still loading its library is alive but not ready, and never answers a search with nothing.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("trag-ready-");
    private ModelServerSimulator _llm = null!;

    public async Task InitializeAsync()
    {
        _llm = await ModelServerSimulator.StartAsync();
        var store = new FileLibraryStore(StoreFactory.Options(dataPath: _data.FullName));
        await store.TryAddDocumentAsync(LibrarySamples.Document("zebra0000000001"), [Passage("zebra0000000001", "Zebra crossings are marked at every checkpoint.")], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _llm.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task AReplicaStillLoadingIsNotReadyAndAnswersSearchesAndQuestionsWith503UntilItHasLoaded()
    {
        await using var host = Start(loadWait: "00:00:00.200");
        var store = (SlowLoadingStore)host.Services.GetRequiredService<ILibraryStore>();

        using (var health = await host.Client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        }
        using (var alive = await host.Client.GetAsync("/alive"))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
        foreach (var (path, body) in new (string, object)[] { ("/api/search", new { query = "zebra crossings" }), ("/api/ask", new { question = "Where are zebra crossings?" }) })
        {
            using var refused = await host.Client.PostAsJsonAsync(path, body);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter is not null, $"{path} answered 503 without Retry-After");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        store.FinishLoading();

        await Eventually.ReturnsAsync(() => HealthAsync(host.Client), health => health == "200 Healthy", "/health is Healthy once loaded");
        var results = (await host.Client.SearchOkAsync("zebra crossings")).GetProperty("results");
        Assert.Equal("zebra0000000001", results[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task ASearchArrivingDuringTheLoadWaitsAndAnswersFromTheWholeLibrary()
    {
        await using var host = Start(loadWait: "00:00:30");
        var store = (SlowLoadingStore)host.Services.GetRequiredService<ILibraryStore>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Client.GetAsync("/health")).StatusCode);

        var search = host.Client.SearchOkAsync("zebra crossings");
        store.FinishLoading();

        var results = (await search.WaitAsync(TimeSpan.FromSeconds(60))).GetProperty("results");
        Assert.Equal("zebra0000000001", results[0].GetProperty("documentId").GetString());
    }

    private GatewayHost Start(string loadWait) => GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress,
        new Dictionary<string, string?> { ["Storage:DataPath"] = _data.FullName, ["Retrieval:IndexLoadWait"] = loadWait },
        services => services.AddSingleton<ILibraryStore>(provider =>
            new SlowLoadingStore(new FileLibraryStore(provider.GetRequiredService<IOptions<StorageOptions>>()))));

    private static async Task<string> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    internal static DocumentChunk Passage(string documentId, string text) => new(DocumentChunk.MakeId(documentId, 0), documentId, 0, text, null, null, 12);
}
