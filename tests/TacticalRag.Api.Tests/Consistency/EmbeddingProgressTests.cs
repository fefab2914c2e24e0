using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Ingestion;
using TacticalRag.Api.Library;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Storage.Files;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Storage;
using static TacticalRag.Api.Tests.Storage.LibrarySamples;

namespace TacticalRag.Api.Tests.Consistency;

/// <summary>Embedding progress reaches every replica without counting as library changes.</summary>
public sealed class EmbeddingProgressTests
{
    [Fact]
    public async Task AnIngestionInManyBatchesChangesTheLibraryVersionOnlyWhenAddedAndWhenReady()
    {
        await using var host = GatewayHost.Start(null, null, new Dictionary<string, string?> { ["Ingestion:EmbeddingBatchSize"] = "1" });
        var store = host.Services.GetRequiredService<ILibraryStore>();
        var before = await store.GetVersionAsync(CancellationToken.None);

        var document = Assert.Single(await host.Client.IngestSamplesAsync("glossary.md"));

        Assert.True(document.GetProperty("chunks").GetInt32() >= 3, "the sample is embedded in several batches");
        Assert.Equal(before + 2, await store.GetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task VectorsThatMissedTheIndexAreReadFromTheStoreEvenOnTheReplicaThatEmbeddedThem()
    {
        var data = Directory.CreateTempSubdirectory("trag-vectors-");
        try
        {
            var store = new FileLibraryStore(StoreFactory.Options(dataPath: data.FullName));
            using var index = new SearchIndex(dimensions: 8);
            var applier = new LibraryChangeApplier(store, index);
            var id = NewId();
            var chunks = Chunks(id, 3);
            await store.TryAddDocumentAsync(Document(id), chunks, CancellationToken.None);
            await store.SaveVectorsAsync(id, Vectors(chunks), CancellationToken.None);
            // As after a reload swapped in an index that was read before these vectors were saved.
            index.AddRange(chunks.Select(c => new IndexedChunk(c, "Radio procedures", null)));

            await applier.ApplyVectorsAsync(id, chunks.Select(c => c.Id).ToList(), CancellationToken.None);

            Assert.True(index.HasVectors(id, chunks.Select(c => c.Id)));
            Assert.Equal(chunks[1].Id, index.SearchVectors(Vector(1, 8), 1)[0].ChunkId);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
