using Microsoft.Extensions.Options;
using TacticalRag.Api.Storage;
using TacticalRag.Api.Storage.Postgres;
using TacticalRag.Api.Tests.Infrastructure;
using static TacticalRag.Api.Tests.Storage.LibrarySamples;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>
/// The PostgreSQL engine's keyword candidate budget (<c>Library:KeywordCandidates</c>): the question's rarest terms pick
/// the chunks to score, so a common word cannot make a search score the whole library; the chunks picked are still
/// ranked by every term of the question; a library of no more chunks than the budget is searched exactly.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresKeywordCandidatesTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<PostgresLibraryDatabase> _databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    // "convoy" is in every chunk; "tourniquet" in two, "windlass" in one.
    private static readonly string[] s_texts =
    [
        "Convoy medics apply a tourniquet and turn the windlass until the bleeding stops.",
        "Convoy medics carry a tourniquet in the top pocket of the aid bag.",
        "Convoy vehicles keep fifty metres apart on open roads.",
        "Convoy commanders brief the route before departure.",
        "Convoy radio checks happen every thirty minutes.",
        "Convoy halts are announced on the command net.",
    ];

    [Theory]
    [InlineData(KeywordScoring.Bm25)]
    [InlineData(KeywordScoring.TsRankCd)]
    public async Task WithinTheBudgetEveryChunkWithAnyTermIsRankedAndTheOneWithTheRarestTermsFirst(KeywordScoring scoring)
    {
        var (engine, ids) = await LibraryAsync(scoring, candidates: 10_000);

        var found = await engine.SearchKeywordsAsync("convoy tourniquet windlass", 10, None);

        Assert.Equal(ids.Count, found.Count);
        Assert.Equal([ids[0], ids[1]], found.Take(2).Select(f => f.ChunkId));
    }

    [Theory]
    [InlineData(KeywordScoring.Bm25)]
    [InlineData(KeywordScoring.TsRankCd)]
    public async Task OverTheBudgetOnlyChunksWithTheRarerTermsAreScoredStillWithEveryTerm(KeywordScoring scoring)
    {
        // A budget of 3: "windlass" (1 chunk) and "tourniquet" (2) fit, "convoy" (6) would not.
        var (engine, ids) = await LibraryAsync(scoring, candidates: 3);

        var found = await engine.SearchKeywordsAsync("convoy tourniquet windlass", 10, None);

        Assert.Equal([ids[0], ids[1]], found.Select(f => f.ChunkId));
        var full = await (await LibraryAsync(scoring, candidates: 10_000)).Engine.SearchKeywordsAsync("convoy tourniquet windlass", 10, None);
        Assert.Equal(full[0].Score, found[0].Score, 5); // "convoy" still counts in the score
    }

    [Theory]
    [InlineData(KeywordScoring.Bm25)]
    [InlineData(KeywordScoring.TsRankCd)]
    public async Task ALibraryNoLargerThanTheBudgetIsSearchedExactlyThoughTheTermsChunksAddUpPastIt(KeywordScoring scoring)
    {
        // 6 chunks, a budget of 6: "windlass" (1) + "tourniquet" (2) + "convoy" (6) add up to 9.
        var (engine, ids) = await LibraryAsync(scoring, candidates: 6);

        var found = await engine.SearchKeywordsAsync("convoy tourniquet windlass", 10, None);

        Assert.Equal(ids.Count, found.Count);
    }

    [Theory]
    [InlineData(KeywordScoring.Bm25)]
    [InlineData(KeywordScoring.TsRankCd)]
    public async Task TheRarestTermCountsEvenWhenItAloneIsOverTheBudget(KeywordScoring scoring)
    {
        var (engine, ids) = await LibraryAsync(scoring, candidates: 1);

        var found = await engine.SearchKeywordsAsync("convoy", 10, None);

        Assert.Equal(ids.Order(), found.Select(f => f.ChunkId).Order());
    }

    private async Task<(PostgresSearchEngine Engine, List<string> Ids)> LibraryAsync(KeywordScoring scoring, int candidates)
    {
        var database = new PostgresLibraryDatabase(await postgres.CreateDatabaseAsync(), null, 384);
        _databases.Add(database);
        var store = new PostgresLibraryStore(database);
        var id = NewId();
        var chunks = Chunks(id, s_texts.Length).Select((c, i) => c with { Text = s_texts[i], Language = "en" }).ToList();
        await store.TryAddDocumentAsync(Document(id, chunks: chunks.Count), chunks, None);
        var options = Options.Create(new LibraryEngineOptions { KeywordScoring = scoring, KeywordCandidates = candidates });
        return (new PostgresSearchEngine(database, options, TimeProvider.System), chunks.Select(c => c.Id).ToList());
    }
}
