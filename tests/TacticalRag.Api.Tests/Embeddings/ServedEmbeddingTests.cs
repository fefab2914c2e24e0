using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Storage;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Embeddings;

/// <summary>
/// Dense retrieval through a served embedder (<c>Embeddings:Provider</c> ollama or openai): the API on real Kestrel,
/// a real redis-server, and the simulator as the embedding server, up and failing.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ServedEmbeddingTests(RedisServer redis)
{
    [Theory]
    [InlineData("ollama")]
    [InlineData("openai")]
    public async Task ALibraryIsEmbeddedByTheServerAndAGermanQuestionFindsItsGermanPassage(string provider)
    {
        await using var setup = await ServedEmbedderSetup.StartServerAsync(redis, provider);
        await using var api = setup.StartApi();

        var ids = await ServedEmbedderSetup.UploadAsync(api.Client);
        foreach (var id in ids)
        {
            await api.Client.WaitUntilDocumentReadyAsync(id);
        }
        var search = await api.Client.SearchOkAsync(ServedEmbedderSetup.GermanQuestion, topK: 3);

        var german = await ServedEmbedderSetup.DocumentAsync(api.Client, ids[0]);
        Assert.Equal(("ready", setup.RecordedModel), (german.GetProperty("status").GetString(), german.GetProperty("embeddingModel").GetString()));
        Assert.Equal(ids[0], search.GetProperty("results")[0].GetProperty("documentId").GetString());
        Assert.Equal("fusion", search.GetProperty("ranking").GetString());
        // The vectors are the server's (1024 dimensions, bge-m3's size), not the in-process model's 384.
        var store = api.Services.GetRequiredService<ILibraryStore>();
        Assert.All(await store.GetVectorsAsync(ids[2], CancellationToken.None), v => Assert.Equal(1024, v.Vector.Length));
        Assert.True(setup.Server.EmbeddingRequests >= 2, "chunks and the question went to the embedding server");
        Assert.True(api.Services.GetRequiredService<EmbeddingCoverage>().Covers("zh"), "bge-m3 reads any language");
    }

    [Theory]
    [InlineData("ollama")]
    [InlineData("openai")]
    public async Task WhileTheServerIsDownADocumentSaysItWaitsIsFoundByKeywordsAndIsEmbeddedOnceTheServerIsBack(string provider)
    {
        await using var setup = await ServedEmbedderSetup.StartServerAsync(redis, provider);
        await setup.Server.SetFaultAsync(SimFault.Refuse);
        await using var api = setup.StartApi();

        var ids = await ServedEmbedderSetup.UploadAsync(api.Client);
        var waiting = await Eventually.ReturnsAsync(() => ServedEmbedderSetup.DocumentAsync(api.Client, ids[0]),
            d => d.GetProperty("error").ValueKind == JsonValueKind.String, "the document says it waits for the embedding server");
        var byKeywords = await api.Client.SearchOkAsync("Batterie Funkgeräts", topK: 1);
        var health = await api.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "embedding server");

        Assert.Equal("indexing", waiting.GetProperty("status").GetString());
        Assert.StartsWith("The embedding server gave no vectors (it cannot be reached).", waiting.GetProperty("error").GetString());
        Assert.DoesNotContain("127.0.0.1", waiting.GetProperty("error").GetString());
        Assert.Contains("keyword search finds this document meanwhile", waiting.GetProperty("error").GetString());
        Assert.Equal(ids[0], byKeywords.GetProperty("results")[0].GetProperty("documentId").GetString());
        Assert.Equal(HealthStatus.Degraded, health.Entries["embedding server"].Status);
        Assert.Contains("searches rank by keywords alone", health.Entries["embedding server"].Description);

        await setup.Server.SetFaultAsync(SimFault.None);
        foreach (var id in ids)
        {
            await api.Client.WaitUntilDocumentReadyAsync(id);
        }
        var ready = await ServedEmbedderSetup.DocumentAsync(api.Client, ids[0]);
        Assert.Equal(("ready", JsonValueKind.Null), (ready.GetProperty("status").GetString(), ready.GetProperty("error").ValueKind));
        Assert.Equal("fusion", (await api.Client.SearchOkAsync(ServedEmbedderSetup.GermanQuestion)).GetProperty("ranking").GetString());
    }

    [Theory]
    [InlineData("ollama", SimFault.Refuse)]
    [InlineData("openai", SimFault.Hang)]
    [InlineData("openai", SimFault.ServerError)]
    [InlineData("ollama", SimFault.ModelMissing)]
    public async Task WhenTheQuestionCannotBeEmbeddedSearchesAndAnswersRankByKeywordsAloneAndSaySo(string provider, SimFault fault)
    {
        await using var setup = await ServedEmbedderSetup.StartServerAsync(redis, provider);
        await using var api = setup.StartApi();
        var ids = await ServedEmbedderSetup.UploadAsync(api.Client);
        foreach (var id in ids)
        {
            await api.Client.WaitUntilDocumentReadyAsync(id);
        }

        await setup.Server.SetFaultAsync(fault);
        var search = await api.Client.SearchOkAsync("Wie lange hält die Batterie?", topK: 2);
        var answer = await api.Client.AskOkAsync("Wann wird die Batterie geladen?");

        Assert.Equal("keyword", search.GetProperty("ranking").GetString());
        Assert.Equal(ids[0], search.GetProperty("results")[0].GetProperty("documentId").GetString());
        Assert.Equal("keyword", answer.GetProperty("ranking").GetString());
        Assert.NotEqual(0, answer.GetProperty("citations").GetArrayLength());

        await setup.Server.SetFaultAsync(SimFault.None);
        await Eventually.ReturnsAsync(async () => (await api.Client.SearchOkAsync("Wie lange hält die Batterie?")).GetProperty("ranking").GetString(),
            ranking => ranking == "fusion", "searches use the embedder again once it is back");
    }

    [Fact]
    public async Task TheOpenAiEmbeddingsEndpointEmbedsThroughTheServerAndAnswers503WhileItIsDown()
    {
        await using var setup = await ServedEmbedderSetup.StartServerAsync(redis, "openai");
        await using var api = setup.StartApi();

        using var up = await api.Client.PostAsJsonAsync("/v1/embeddings", new { model = "tacticalrag-embed", input = "Batterie" });
        var vector = JsonDocument.Parse(await up.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("embedding");
        await setup.Server.SetFaultAsync(SimFault.Refuse);
        using var down = await api.Client.PostAsJsonAsync("/v1/embeddings", new { model = "tacticalrag-embed", input = "Batterie" });
        var error = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal((System.Net.HttpStatusCode.OK, 1024), (up.StatusCode, vector.GetArrayLength()));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.True(down.Headers.RetryAfter is not null);
        Assert.Equal("embedding_server_unreachable", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("ollama")]
    [InlineData("openai")]
    public async Task AServerAnsweringVectorsOfAnotherSizeFailsTheDocumentSayingSoAndStoresNone(string provider)
    {
        // Configured for bge-m3 (1024), but the server serves a 768-dimensional model under that name.
        await using var setup = await ServedEmbedderSetup.StartServerAsync(redis, provider, dimensions: 768);
        await using var api = setup.StartApi();

        var ids = await ServedEmbedderSetup.UploadAsync(api.Client);
        await api.Client.WaitUntilDocumentReadyAsync(ids[1]);
        var document = await ServedEmbedderSetup.DocumentAsync(api.Client, ids[1]);

        Assert.Equal("failed", document.GetProperty("status").GetString());
        Assert.Contains("768-dimensional vectors where the library's are 1024", document.GetProperty("error").GetString());
        Assert.Empty(await api.Services.GetRequiredService<ILibraryStore>().GetVectorsAsync(ids[1], CancellationToken.None));
        Assert.Equal(ids[1], (await api.Client.SearchOkAsync("convoy lights at night", topK: 1)).GetProperty("results")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task SwitchingProviderOrModelReEmbedsTheLibraryWhileKeywordSearchServesIt()
    {
        await using var setup = await ServedEmbedderSetup.StartServerAsync(redis, "ollama");
        string[] ids;
        await using (var onnx = setup.StartApi("onnx"))
        {
            ids = await ServedEmbedderSetup.UploadAsync(onnx.Client);
            foreach (var id in ids)
            {
                await onnx.Client.WaitUntilDocumentReadyAsync(id);
            }
            Assert.Equal("snowflake-arctic-embed-xs", (await ServedEmbedderSetup.DocumentAsync(onnx.Client, ids[1])).GetProperty("embeddingModel").GetString());
        }

        foreach (var (provider, recorded) in new[] { ("ollama", "bge-m3 (ollama)"), ("openai", "BAAI/bge-m3 (openai)") })
        {
            await using var served = setup.StartApi(provider);
            foreach (var id in ids)
            {
                await served.Client.WaitUntilDocumentReadyAsync(id);
            }
            var document = await ServedEmbedderSetup.DocumentAsync(served.Client, ids[1]);
            Assert.Equal(("ready", recorded), (document.GetProperty("status").GetString(), document.GetProperty("embeddingModel").GetString()));
            var vectors = await served.Services.GetRequiredService<ILibraryStore>().GetVectorsAsync(ids[1], CancellationToken.None);
            Assert.NotEmpty(vectors);
            Assert.All(vectors, v => Assert.Equal(1024, v.Vector.Length));
            var search = await served.Client.SearchOkAsync("convoy lights at night", topK: 1);
            Assert.Equal((ids[1], "fusion"), (search.GetProperty("results")[0].GetProperty("documentId").GetString(), search.GetProperty("ranking").GetString()));
        }
    }
}
