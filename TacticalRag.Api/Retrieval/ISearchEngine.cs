using TacticalRag.Api.Library;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Where the two rankings of a search come from: the replica's in-memory <see cref="SearchIndex"/> (the embedded
/// engine) or the library's database (PostgreSQL). <see cref="HybridRetriever"/> fuses and reranks what either
/// returns the same way.
/// </summary>
public interface ISearchEngine
{
    /// <summary>Whether any chunk has a vector yet (dense search can find something).</summary>
    ValueTask<bool> HasVectorsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How many of the library's chunks are written in each language (ISO 639-1; chunks of unknown language are not
    /// counted) and how many chunks it holds in all: how much of the library a language is.
    /// </summary>
    ValueTask<LibraryLanguages> GetLanguagesAsync(CancellationToken cancellationToken);

    /// <summary>The best keyword matches for the query, best first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ScoredChunk>> SearchKeywordsAsync(string query, int limit, CancellationToken cancellationToken);

    /// <summary>The chunks nearest the query vector by cosine similarity, best first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ScoredChunk>> SearchVectorsAsync(ReadOnlyMemory<float> queryVector, int limit, CancellationToken cancellationToken);

    /// <summary>Of the chunks named, those still waiting for their vector (dense search could not have scored them).</summary>
    Task<IReadOnlySet<string>> WithoutVectorsAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken);

    /// <summary>The chunks named that exist (without vectors), by id.</summary>
    Task<IReadOnlyDictionary<string, IndexedChunk>> GetChunksAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken);
}
