using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Reranking;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Finds the passages for a query: plans it (how many passages, which phrasings), embeds the phrasings in one call,
/// ranks by BM25 and by cosine similarity for each, and fuses the rankings; in hybrid mode the best fused passages
/// are then reranked when a reranker is configured and up.
/// </summary>
public sealed class HybridRetriever(
    SearchIndex index,
    [FromKeyedServices(EmbeddingsServiceCollectionExtensions.QueryGeneratorKey)] IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModel embeddingModel,
    QueryPlanner planner,
    IOptions<RetrievalOptions> options,
    RetrievalTelemetry telemetry,
    CandidateReranker? reranker = null)
{
    public async Task<RetrievalResult> RetrieveAsync(
        string query, int? topK, CancellationToken cancellationToken, RetrievalMode mode = RetrievalMode.Hybrid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        using var activity = TacticalRagTelemetry.ActivitySource.StartActivity("retrieve");
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;

        var plan = await planner.PlanAsync(query, topK, cancellationToken);
        string[] phrasings = [query, .. plan.Variants];
        var vectors = mode == RetrievalMode.Keyword || index.VectorCount == 0
            ? null
            : await QueryEmbeddings.TryEmbedAsync(embedder, phrasings.Select(embeddingModel.QueryText), activity, cancellationToken);
        // The embedding server gave nothing: this search ranks by keywords alone, and says so.
        var keywordsOnly = vectors is null && mode is RetrievalMode.Hybrid or RetrievalMode.FusionOnly && index.VectorCount > 0;

        var depth = Math.Max(settings.CandidateDepth, plan.TopK);
        var rankings = new List<RankedList>();
        for (var i = 0; i < phrasings.Length; i++)
        {
            var weight = i == 0 ? 1.0 : settings.VariantWeight;
            if (mode != RetrievalMode.Dense)
            {
                rankings.Add(new RankedList(index.SearchKeywords(phrasings[i], depth), weight * settings.KeywordWeight, RankingKind.Keyword));
            }
            if (vectors is not null)
            {
                rankings.Add(new RankedList(index.SearchVectors(vectors[i].Vector.Span, depth), weight * settings.DenseWeight, RankingKind.Dense));
            }
        }
        var fused = (settings.Fusion == FusionMethod.ReciprocalRank
                ? ReciprocalRankFusion.Fuse(rankings, settings.RrfK, depth)
                : ScoreFusion.Fuse(rankings, settings.Fusion, depth, settings.KeywordBoost, settings.KeywordBoostThreshold, index.HasVector))
            .Select(hit => (Hit: hit, Chunk: index.GetChunk(hit.ChunkId)))
            .Where(x => x.Chunk is not null)
            .Select(x => new RetrievedChunk(
                x.Chunk!.Chunk.DocumentId, x.Chunk.Title, x.Hit.ChunkId, x.Chunk.Chunk.Text, x.Hit.Score, x.Chunk.Chunk.Section, x.Chunk.Chunk.Page))
            .ToList();
        var ranked = reranker is not null && mode == RetrievalMode.Hybrid
            ? await reranker.RerankAsync(query, fused, cancellationToken)
            : RankedPassages.ByFusion(fused);
        var results = ranked.Passages.Take(plan.TopK).ToList();
        var ranking = keywordsOnly ? RetrievalRanking.KeywordsOnly(ranked.Ranking) : ranked.Ranking;

        var modeTag = mode.ToString().ToLowerInvariant();
        activity?.SetTag("strategy", plan.Strategy);
        activity?.SetTag("retrieval.mode", modeTag);
        activity?.SetTag("retrieval.top_k", plan.TopK);
        activity?.SetTag("retrieval.variants", plan.Variants.Count);
        activity?.SetTag("retrieval.results", results.Count);
        activity?.SetTag("retrieval.ranking", ranking);
        telemetry.Completed(plan.Strategy, modeTag, Stopwatch.GetElapsedTime(started));
        return new RetrievalResult(plan.Strategy, results, ranking, ranked.RerankSkipped);
    }
}
