using TacticalRag.Api.Library;

namespace TacticalRag.Api.Retrieval;

/// <summary>The embedded engine: searches answered from this replica's in-memory index.</summary>
public sealed partial class SearchIndex : ISearchEngine
{
    ValueTask<bool> ISearchEngine.HasVectorsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(VectorCount > 0);

    ValueTask<LibraryLanguages> ISearchEngine.GetLanguagesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(_contents.Languages);

    Task<IReadOnlyList<ScoredChunk>> ISearchEngine.SearchKeywordsAsync(string query, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(SearchKeywords(query, limit));

    Task<IReadOnlyList<ScoredChunk>> ISearchEngine.SearchVectorsAsync(ReadOnlyMemory<float> queryVector, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(SearchVectors(queryVector.Span, limit));

    Task<IReadOnlySet<string>> ISearchEngine.WithoutVectorsAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(chunkIds.Where(id => !HasVector(id)).ToHashSet(StringComparer.Ordinal));

    Task<IReadOnlyDictionary<string, IndexedChunk>> ISearchEngine.GetChunksAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, IndexedChunk>(StringComparer.Ordinal);
        foreach (var id in chunkIds)
        {
            if (GetChunk(id) is { } chunk)
            {
                found[id] = chunk;
            }
        }
        return Task.FromResult<IReadOnlyDictionary<string, IndexedChunk>>(found);
    }
}
