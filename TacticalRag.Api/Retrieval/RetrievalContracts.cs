using System.Text.Json.Serialization;
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
/// The passages for a query, best first, the strategy that found them, how they were ordered and, when a configured
/// reranker was skipped, why.
/// </summary>
public sealed record RetrievalResult(
    RetrievalStrategy Strategy, IReadOnlyList<RetrievedChunk> Results, RetrievalRanking Ranking = RetrievalRanking.Fusion,
    RerankSkipReason? RerankSkipped = null);

/// <summary>The values of <c>ranking</c> in search and ask responses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetrievalRanking>))]
public enum RetrievalRanking
{
    [JsonStringEnumMemberName("fusion")] Fusion,
    [JsonStringEnumMemberName("rerank")] Rerank,

    /// <summary>BM25 alone: the embedding server gave no vector for the question (down, slow, failing).</summary>
    [JsonStringEnumMemberName("keyword")] Keyword,

    /// <summary>BM25 alone, then reranked.</summary>
    [JsonStringEnumMemberName("keyword+rerank")] KeywordRerank,
}

/// <summary>The values of <c>strategy</c> in search and ask responses: how the question was searched.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetrievalStrategy>))]
public enum RetrievalStrategy
{
    /// <summary>A short factual question: few passages.</summary>
    [JsonStringEnumMemberName("factual")] Factual,
    [JsonStringEnumMemberName("complex")] Complex,

    /// <summary>A complex question also searched in other phrasings.</summary>
    [JsonStringEnumMemberName("complex+variants")] ComplexWithVariants,
}

public static class RetrievalRankings
{
    /// <summary>The ranking of a search whose question could not be embedded, given how its keyword ranking was ordered.</summary>
    public static RetrievalRanking KeywordsOnly(this RetrievalRanking ranking) =>
        ranking == RetrievalRanking.Rerank ? RetrievalRanking.KeywordRerank : RetrievalRanking.Keyword;
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
    RetrievalStrategy Strategy, IReadOnlyList<RetrievedChunk> Results, RetrievalRanking Ranking = RetrievalRanking.Fusion,
    RerankSkipReason? RerankSkipped = null);
