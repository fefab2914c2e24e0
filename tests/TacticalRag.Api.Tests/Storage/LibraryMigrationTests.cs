using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using TacticalRag.Api.Library;
using TacticalRag.Api.Storage.Files;
using TacticalRag.Api.Storage.Postgres;
using TacticalRag.Api.Tests.Infrastructure;
using static TacticalRag.Api.Tests.Storage.LibrarySamples;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>An embedded library (the data folder) copied into the PostgreSQL engine without re-embedding, resumably.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LibraryMigrationTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("trag-migrate-");
    private FileLibraryStore _source = null!;
    private string _target = null!;
    private readonly List<string> _ids = [NewId(), NewId(), NewId()];

    public async Task InitializeAsync()
    {
        _source = new FileLibraryStore(StoreFactory.Options(dataPath: _data.FullName));
        _target = await postgres.CreateDatabaseAsync();
        await _source.SetEmbeddingModelAsync("snowflake-arctic-embed-xs", None);
        for (var i = 0; i < _ids.Count; i++)
        {
            var chunks = Chunks(_ids[i], 40 + i);
            await _source.TryAddDocumentAsync(
                Document(_ids[i], Monday.AddDays(i), chunks: chunks.Count) with { Status = DocumentStatus.Ready, Progress = 1, Languages = i == 0 ? ["en", "de"] : null },
                chunks, None);
            if (i < 2)
            {
                await _source.SaveVectorsAsync(_ids[i], LibrarySamples.Vectors(chunks, 384), None);
            }
        }
    }

    public Task DisposeAsync()
    {
        _data.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryDocumentChunkAndVectorArrivesBitForBitAndTheLibraryIsSearchable()
    {
        await using var database = new PostgresLibraryDatabase(_target, null, 384);

        var result = await new LibraryMigration(_source, database, NullLogger.Instance, TimeProvider.System).RunAsync(None);

        Assert.Equal(new LibraryMigrationResult(3, 3, 0, 40 + 41 + 42, 40 + 41), result);
        var target = new PostgresLibraryStore(database);
        Assert.Equal("snowflake-arctic-embed-xs", await target.GetEmbeddingModelAsync(None));
        foreach (var id in _ids.Take(2))
        {
            var (original, copy) = (await _source.GetDocumentAsync(id, None), await target.GetDocumentAsync(id, None));
            Assert.Equal(original!.Languages, copy!.Languages);
            Assert.Equal(original with { Languages = null }, copy with { Languages = null });
            Assert.Equal(await _source.GetChunksAsync(id, None), await target.GetChunksAsync(id, None));
            var expected = await _source.GetVectorsAsync(id, None);
            var copied = await target.GetVectorsAsync(id, None);
            Assert.Equal(expected.Select(v => v.ChunkId), copied.Select(v => v.ChunkId));
            Assert.All(expected.Zip(copied), pair => Assert.True(SameBits(pair.First.Vector, pair.Second.Vector)));
        }
        Assert.Equal(["en", "de"], (await target.GetDocumentAsync(_ids[0], None))!.Languages);
        // A document marked ready without its vectors goes back to be embedded by the API.
        Assert.Equal(DocumentStatus.Indexing, (await target.GetDocumentAsync(_ids[2], None))!.Status);

        var engine = new PostgresSearchEngine(database, Microsoft.Extensions.Options.Options.Create(new Api.Storage.LibraryEngineOptions()), TimeProvider.System);
        var nearest = await engine.SearchVectorsAsync(LibrarySamples.Vector(5, 384), 1, None);
        // Both embedded documents' fifth chunks carry this very vector (the samples are seeded by ordinal).
        Assert.Contains(Assert.Single(nearest).ChunkId, new[] { DocumentChunk.MakeId(_ids[0], 5), DocumentChunk.MakeId(_ids[1], 5) });
        Assert.NotEmpty(await engine.SearchKeywordsAsync("outstation net control", 10, None));
    }

    [Fact]
    public async Task RunningAgainSkipsWhatIsThereAndCopiesOnlyWhatIsMissingOrDifferent()
    {
        await using var database = new PostgresLibraryDatabase(_target, null, 384);
        await new LibraryMigration(_source, database, NullLogger.Instance, TimeProvider.System).RunAsync(None);
        var target = new PostgresLibraryStore(database);
        await target.DeleteDocumentAsync(_ids[0], None); // as if the first run had stopped before this document
        await _source.SaveVectorsAsync(_ids[2], LibrarySamples.Vectors(Chunks(_ids[2], 42), 384), None); // embedded since

        var again = await new LibraryMigration(_source, database, NullLogger.Instance, TimeProvider.System).RunAsync(None);

        Assert.Equal(new LibraryMigrationResult(3, 2, 1, 40 + 42, 40 + 42), again);
        Assert.Equal(42, (await target.GetVectorsAsync(_ids[2], None)).Count);
        Assert.Equal(3, (await target.ListDocumentsAsync(None)).Count);
    }

    [Fact]
    public async Task TheCommandMigratesWithProgressAndRefusesWithoutATargetDatabase()
    {
        var (code, output) = await RunCommandAsync($"--Storage:DataPath={_data.FullName}", $"--ConnectionStrings:library={_target}");
        Assert.True(code == 0, output);
        Assert.Contains("[3/3]", output);
        Assert.Contains("Library migrated: 3 documents, 3 copied", output);

        var (refused, message) = await RunCommandAsync($"--Storage:DataPath={_data.FullName}");
        Assert.Equal(2, refused);
        Assert.Contains("ConnectionStrings:library is not set", message);
    }

    private static async Task<(int Code, string Output)> RunCommandAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TacticalRag.Api.dll"));
        start.ArgumentList.Add(LibraryMigrationCommand.Name);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
