using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Library;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Retrieval;

/// <summary>
/// Changing the configured embedding model does not strand a library: on the next start every document is embedded
/// again in the background with the new model, and stays searchable meanwhile.
/// </summary>
public sealed class EmbeddingModelSwitchTests : IDisposable
{
    private const string Question = "What is the convoy speed limit at night?";
    private readonly string _folder = Directory.CreateTempSubdirectory("trag-model-switch-").FullName;

    [Fact]
    public async Task ALibraryEmbeddedWithMiniLmIsReEmbeddedWithTheNewModelAndStaysSearchable()
    {
        string documentId;
        await using (var before = Start(EmbeddingModel.MiniLm))
        {
            var uploaded = Assert.Single(await before.Client.IngestSamplesAsync("convoy-sop.txt"));
            documentId = uploaded.GetProperty("id").GetString()!;
            Assert.Equal(EmbeddingModel.MiniLm.Name, uploaded.GetProperty("embeddingModel").GetString());
        }

        await using var after = Start(EmbeddingModel.ArcticXs);
        await Eventually.ReturnsAsync(() => TopDocumentAsync(after.Client), id => id == documentId, "the library is searchable while it is re-embedded");
        await after.Client.WaitUntilDocumentReadyAsync(documentId);

        var document = JsonDocument.Parse(await after.Client.GetStringAsync($"/api/documents/{documentId}")).RootElement;
        Assert.Equal(("ready", EmbeddingModel.ArcticXs.Name), (document.GetProperty("status").GetString(), document.GetProperty("embeddingModel").GetString()));
        Assert.Equal(documentId, await TopDocumentAsync(after.Client));

        // The stored vectors are the new model's, every one of them.
        var store = after.Services.GetRequiredService<ILibraryStore>();
        var chunks = await store.GetChunksAsync(documentId, CancellationToken.None);
        var vectors = await store.GetVectorsAsync(documentId, CancellationToken.None);
        Assert.Equal(chunks.Count, vectors.Count);
        using var arctic = new SentenceEncoderEmbeddingGenerator(EmbeddingModel.ArcticXs);
        var title = document.GetProperty("title").GetString()!;
        var expected = await arctic.GenerateAsync([ChunkEmbeddingText.For(title, chunks[0])]);
        var stored = vectors.Single(v => v.ChunkId == chunks[0].Id).Vector;
        Assert.True(TensorPrimitives.CosineSimilarity(expected[0].Vector.Span, stored) > 0.999f);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private GatewayHost Start(EmbeddingModel model) => GatewayHost.Start(null, null, new Dictionary<string, string?>
    {
        ["Storage:DataPath"] = _folder,
        ["Embeddings:Model"] = model.Name,
    });

    private static async Task<string?> TopDocumentAsync(HttpClient client)
    {
        var results = (await client.SearchOkAsync(Question, topK: 1)).GetProperty("results");
        return results.GetArrayLength() == 0 ? null : results[0].GetProperty("documentId").GetString();
    }
}
