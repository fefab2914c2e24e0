using TacticalRag.Api.Passages;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// A passage found for a query, with its fused score (higher is better) and where it came from; when a reranker
/// ordered it, also the reranker's score (the order then follows that score, not the fused one).
/// <see cref="Excerpt"/> and <see cref="Highlights"/> (the part that matches the query, and the query's words in it)
/// are filled in for <c>/api/search</c> answers only.
/// </summary>
public sealed record RetrievedChunk(
    string DocumentId, string Title, string ChunkId, string Text, double Score, string? Section, int? Page, double? RerankScore = null)
{
    public string? Excerpt { get; init; }

    public IReadOnlyList<TextHighlight>? Highlights { get; init; }
}

/// <summary>
/// The passages for a query, best first, the strategy that found them ("factual", "complex", ...), how they were
/// ordered (<see cref="RetrievalRanking"/>) and, when a configured reranker was skipped, why ("down", "timeout", ...).
/// </summary>
public sealed record RetrievalResult(
    string Strategy, IReadOnlyList<RetrievedChunk> Results, string Ranking = RetrievalRanking.Fusion, string? RerankSkipped = null);

/// <summary>The values of <c>ranking</c> in search and ask responses.</summary>
internal static class RetrievalRanking
{
    public const string Fusion = "fusion";
    public const string Rerank = "rerank";

    /// <summary>BM25 alone: the embedding server gave no vector for the question (down, slow, failing).</summary>
    public const string Keyword = "keyword";

    /// <summary>BM25 alone, then reranked.</summary>
    public const string KeywordRerank = "keyword+rerank";

    /// <summary>The ranking of a search whose question could not be embedded, given how its keyword ranking was ordered.</summary>
    public static string KeywordsOnly(string ranking) => ranking == Rerank ? KeywordRerank : Keyword;
}

/// <summary>
/// Which rankings a retrieval uses: both fused and then reranked where a reranker is up (the product), or for
/// evaluation one alone, or both fused and never reranked (the baseline a reranker is measured against).
/// </summary>
public enum RetrievalMode { Hybrid, Keyword, Dense, FusionOnly }

/// <summary>A chunk id and its score in one ranking (BM25 or cosine).</summary>
public readonly record struct ScoredChunk(string ChunkId, float Score);

/// <summary>Body of <c>POST /api/search</c>.</summary>
public sealed record SearchRequest(string? Query, int? TopK);

/// <summary>Answer of <c>POST /api/search</c>.</summary>
public sealed record SearchResponse(
    string Strategy, IReadOnlyList<RetrievedChunk> Results, string Ranking = RetrievalRanking.Fusion, string? RerankSkipped = null);
