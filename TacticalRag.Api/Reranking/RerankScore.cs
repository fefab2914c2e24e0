namespace TacticalRag.Api.Reranking;

/// <summary>The reranker's relevance for the candidate at <see cref="Index"/> (its place in the fused order, from 0).</summary>
internal readonly record struct RerankScore(int Index, double Score);
