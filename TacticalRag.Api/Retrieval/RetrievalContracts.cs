using TacticalRag.Api.Passages;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// A passage found for a query, with its fused score (higher is better) and where it came from. <see cref="Excerpt"/>
/// and <see cref="Highlights"/> (the part that matches the query, and the query's words in it) are filled in for
/// <c>/api/search</c> answers only.
/// </summary>
public sealed record RetrievedChunk(
    string DocumentId, string Title, string ChunkId, string Text, double Score, string? Section, int? Page)
{
    public string? Excerpt { get; init; }

    public IReadOnlyList<TextHighlight>? Highlights { get; init; }
}

/// <summary>The passages for a query, best first, and the strategy that found them ("factual", "complex", ...).</summary>
public sealed record RetrievalResult(string Strategy, IReadOnlyList<RetrievedChunk> Results);

/// <summary>Which rankings a retrieval uses: both fused (the product), or one alone (for evaluation).</summary>
public enum RetrievalMode { Hybrid, Keyword, Dense }

/// <summary>A chunk id and its score in one ranking (BM25 or cosine).</summary>
public readonly record struct ScoredChunk(string ChunkId, float Score);

/// <summary>Body of <c>POST /api/search</c>.</summary>
public sealed record SearchRequest(string? Query, int? TopK);

/// <summary>Answer of <c>POST /api/search</c>.</summary>
public sealed record SearchResponse(string Strategy, IReadOnlyList<RetrievedChunk> Results);
