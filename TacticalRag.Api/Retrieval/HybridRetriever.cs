using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Languages;
using TacticalRag.Api.Reranking;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Finds the passages for a query: plans it (how many passages, which phrasings), embeds the phrasings in one call,
/// ranks by BM25 and by cosine similarity for each, and fuses the rankings; in hybrid mode the best fused passages
/// are then reranked when a reranker is configured and up. The fusion trusts the dense ranking only where the embedder
/// reads the language (<see cref="EmbeddingCoverage"/>): a question in a language it does not read is ranked by BM25
/// alone (and not embedded at all), and a chunk in such a language is neither lifted nor sunk by its dense score.
/// </summary>
public sealed class HybridRetriever(
    SearchIndex index,
    [FromKeyedServices(EmbeddingsServiceCollectionExtensions.QueryGeneratorKey)] IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModel embeddingModel,
    QueryPlanner planner,
    IOptions<RetrievalOptions> options,
    RetrievalTelemetry telemetry,
    TextLanguageDetector languages,
    EmbeddingCoverage coverage,
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
        var language = languages.Detect(query);
        // Dense alone is asked for as such (to compare); fused, it counts only where the embedder reads the question.
        var denseSees = mode == RetrievalMode.Dense || coverage.Covers(language);
        var vectors = mode == RetrievalMode.Keyword || index.VectorCount == 0 || !denseSees
            ? null
            : await embedder.GenerateAsync(phrasings.Select(embeddingModel.QueryText), cancellationToken: cancellationToken);

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
                var dense = index.SearchVectors(vectors[i].Vector.Span, depth);
                rankings.Add(new RankedList(mode == RetrievalMode.Dense ? dense : [.. dense.Where(c => DenseReads(c.ChunkId))], weight * settings.DenseWeight, RankingKind.Dense));
            }
        }
        var fused = (settings.Fusion == FusionMethod.ReciprocalRank
                ? ReciprocalRankFusion.Fuse(rankings, settings.RrfK, depth)
                : ScoreFusion.Fuse(rankings, settings.Fusion, depth, settings.KeywordBoost, settings.KeywordBoostThreshold, DenseCanScore))
            .Select(hit => (Hit: hit, Chunk: index.GetChunk(hit.ChunkId)))
            .Where(x => x.Chunk is not null)
            .Select(x => new RetrievedChunk(
                x.Chunk!.Chunk.DocumentId, x.Chunk.Title, x.Hit.ChunkId, x.Chunk.Chunk.Text, x.Hit.Score, x.Chunk.Chunk.Section, x.Chunk.Chunk.Page))
            .ToList();
        var ranked = reranker is not null && mode == RetrievalMode.Hybrid
            ? await reranker.RerankAsync(query, fused, cancellationToken)
            : RankedPassages.ByFusion(fused);
        var results = ranked.Passages.Take(plan.TopK).ToList();

        var modeTag = mode.ToString().ToLowerInvariant();
        activity?.SetTag("strategy", plan.Strategy);
        activity?.SetTag("retrieval.mode", modeTag);
        activity?.SetTag("retrieval.top_k", plan.TopK);
        activity?.SetTag("retrieval.variants", plan.Variants.Count);
        activity?.SetTag("retrieval.results", results.Count);
        activity?.SetTag("retrieval.ranking", ranked.Ranking);
        activity?.SetTag("retrieval.language", language);
        activity?.SetTag("retrieval.dense_covered", vectors is not null);
        telemetry.Completed(plan.Strategy, modeTag, Stopwatch.GetElapsedTime(started));
        return new RetrievalResult(plan.Strategy, results, ranked.Ranking, ranked.RerankSkipped);
    }

    /// <summary>Whether the embedder reads the chunk's language (unknown counts as read, as before detection).</summary>
    private bool DenseReads(string chunkId) => coverage.Covers(index.GetChunk(chunkId)?.Chunk.Language);

    /// <summary>Whether the dense ranking could score the chunk: it has a vector, in a language the embedder reads.</summary>
    private bool DenseCanScore(string chunkId) => index.HasVector(chunkId) && DenseReads(chunkId);
}
