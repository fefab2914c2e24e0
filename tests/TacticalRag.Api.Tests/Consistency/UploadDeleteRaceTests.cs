using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Ingestion;
using TacticalRag.Api.Library;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Files;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Consistency;

/// <summary>A delete that lands between an upload's store write and its index write never leaves the document searchable.</summary>
public sealed class UploadDeleteRaceTests
{
    [Fact]
    public async Task ADocumentDeletedWhileItsUploadWasFinishingIsNotSearchable()
    {
        await using var host = GatewayHost.Start(null, null, services: services => services.AddSingleton<ILibraryStore>(provider =>
            new DeletedRightAfterAddStore(
                new FileLibraryStore(provider.GetRequiredService<IOptions<StorageOptions>>()), provider.GetRequiredService<LibraryIndexSync>)));

        using var uploaded = await host.Client.UploadSamplesAsync("glossary.md");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);

        var results = (await host.Client.SearchOkAsync("What does EMCON 1 mean?")).GetProperty("results");
        Assert.Equal(0, results.GetArrayLength());
        Assert.Empty(await host.Client.ListDocumentsAsync());
    }

    /// <summary>Another replica's delete, applied by this replica's index sync before the upload reaches the index.</summary>
    private sealed class DeletedRightAfterAddStore(ILibraryStore inner, Func<LibraryIndexSync> sync) : DelegatingLibraryStore(inner)
    {
        public override async Task<bool> TryAddDocumentAsync(LibraryDocument document, IReadOnlyList<DocumentChunk> chunks, CancellationToken cancellationToken)
        {
            if (!await Inner.TryAddDocumentAsync(document, chunks, cancellationToken))
            {
                return false;
            }
            await Inner.DeleteDocumentAsync(document.Id, cancellationToken);
            var deleted = await Inner.GetVersionAsync(cancellationToken);
            await Eventually.ReturnsAsync(() => Task.FromResult(sync().Version), version => version >= deleted, "the index sync applied the delete");
            return true;
        }
    }
}
