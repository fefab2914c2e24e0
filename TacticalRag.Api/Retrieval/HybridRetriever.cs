using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Common;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Languages;
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
    ISearchEngine engine,
    [FromKeyedServices(EmbeddingsServiceCollectionExtensions.QueryGeneratorKey)] IEmbeddingGenerator<string, Embedding<float>> embedder,
    EmbeddingModel embeddingModel,
    QueryPlanner planner,
    IOptions<RetrievalOptions> options,
    RetrievalTelemetry telemetry,
    TextLanguageDetector languages,
    EmbeddingCoverage coverage,
    TimeProvider time,
    IPassageReranker? reranker = null)
{
    public async Task<RetrievalResult> RetrieveAsync(
        string query, int? topK, CancellationToken cancellationToken, RetrievalMode mode = RetrievalMode.Hybrid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        using var activity = TacticalRagTelemetry.ActivitySource.StartActivity("retrieve");
        var started = time.GetTimestamp();
        var settings = options.Value;

        var plan = await planner.PlanAsync(query, topK, cancellationToken);
        string[] phrasings = [query, .. plan.Variants];
        var language = languages.Detect(query);
        var libraryLanguages = coverage.Languages is null ? LibraryLanguages.Empty : await engine.GetLanguagesAsync(cancellationToken);
        // Dense alone is asked for as such (to compare); fused, it counts only where the embedder reads the question.
        var denseSees = mode == RetrievalMode.Dense
            || DenseReadingRule.DenseReads(coverage, language, libraryLanguages, settings.MinLanguageShare);
        var hasVectors = mode != RetrievalMode.Keyword && denseSees && await engine.HasVectorsAsync(cancellationToken);
        var vectors = !hasVectors
            ? null
            : await QueryEmbeddings.TryEmbedAsync(embedder, phrasings.Select(embeddingModel.QueryText), activity, cancellationToken);
        // The embedding server gave nothing: this search ranks by keywords alone, and says so.
        var keywordsOnly = vectors is null && hasVectors && mode is RetrievalMode.Hybrid or RetrievalMode.FusionOnly;

        var depth = Math.Max(settings.CandidateDepth, plan.TopK);
        var rankings = new List<RankedList>();
        for (var i = 0; i < phrasings.Length; i++)
        {
            var weight = i == 0 ? 1.0 : settings.VariantWeight;
            if (mode != RetrievalMode.Dense)
            {
                rankings.Add(new RankedList(await engine.SearchKeywordsAsync(phrasings[i], depth, cancellationToken), weight * settings.KeywordWeight, RankingKind.Keyword));
            }
            if (vectors is not null)
            {
                var dense = await engine.SearchVectorsAsync(vectors[i].Vector, depth, cancellationToken);
                rankings.Add(new RankedList(mode == RetrievalMode.Dense ? dense : await ReadableAsync(dense, libraryLanguages, cancellationToken), weight * settings.DenseWeight, RankingKind.Dense));
            }
        }
        // Chunks in a language the embedder does not read: the dense ranking can say nothing about them.
        var unread = mode == RetrievalMode.Dense || vectors is null ? null : await UnreadAsync(libraryLanguages,
            rankings.Where(r => r.Kind == RankingKind.Keyword).SelectMany(r => r.Ranking).Select(c => c.ChunkId).ToHashSet(StringComparer.Ordinal), cancellationToken);
        var unembedded = settings.Fusion == FusionMethod.ReciprocalRank ? null
            : await engine.WithoutVectorsAsync(rankings.SelectMany(r => r.Ranking).Select(c => c.ChunkId).ToHashSet(StringComparer.Ordinal), cancellationToken);
        var hits = settings.Fusion == FusionMethod.ReciprocalRank
            ? ReciprocalRankFusion.Fuse(rankings, settings.RrfK, depth)
            : ScoreFusion.Fuse(rankings, settings.Fusion, depth, settings.KeywordBoost, settings.KeywordBoostThreshold,
                id => !unembedded!.Contains(id) && !(unread?.Contains(id) ?? false));
        var chunks = await engine.GetChunksAsync(hits.Select(hit => hit.ChunkId).ToList(), cancellationToken);
        var fused = hits
            .Select(hit => (Hit: hit, Chunk: chunks.GetValueOrDefault(hit.ChunkId)))
            .Where(x => x.Chunk is not null)
            .Select(x => new RetrievedChunk(
                x.Chunk!.Chunk.DocumentId, x.Chunk.Title, x.Hit.ChunkId, x.Chunk.Chunk.Text, x.Hit.Score, x.Chunk.Chunk.Section, x.Chunk.Chunk.Page))
            .ToList();
        var ranked = reranker is not null && mode == RetrievalMode.Hybrid
            ? await reranker.RerankAsync(query, fused, cancellationToken)
            : RankedPassages.ByFusion(fused);
        var results = ranked.Passages.Take(plan.TopK).ToList();
        var ranking = keywordsOnly ? ranked.Ranking.KeywordsOnly() : ranked.Ranking;

        var modeTag = mode.ToString().ToLowerInvariant();
        activity?.SetTag("strategy", plan.Strategy.WireName());
        activity?.SetTag("retrieval.mode", modeTag);
        activity?.SetTag("retrieval.top_k", plan.TopK);
        activity?.SetTag("retrieval.variants", plan.Variants.Count);
        activity?.SetTag("retrieval.results", results.Count);
        activity?.SetTag("retrieval.ranking", ranking.WireName());
        activity?.SetTag("retrieval.language", language);
        activity?.SetTag("retrieval.dense_covered", denseSees);
        telemetry.Completed(plan.Strategy.WireName(), modeTag, time.GetElapsedTime(started));
        return new RetrievalResult(plan.Strategy, results, ranking, ranked.RerankSkipped);
    }

    /// <summary>The dense ranking without the chunks in languages the embedder does not read.</summary>
    private async Task<IReadOnlyList<ScoredChunk>> ReadableAsync(IReadOnlyList<ScoredChunk> dense, LibraryLanguages library, CancellationToken cancellationToken)
    {
        if (coverage.Languages is null)
        {
            return dense;
        }
        var unread = await UnreadAsync(library, dense.Select(c => c.ChunkId).ToHashSet(StringComparer.Ordinal), cancellationToken);
        return unread.Count == 0 ? dense : [.. dense.Where(c => !unread.Contains(c.ChunkId))];
    }

    /// <summary>
    /// Of the chunks named, those in a language the embedder does not read and the library holds in earnest (unknown
    /// counts as read; <see cref="DenseReadingRule"/>).
    /// </summary>
    private async Task<IReadOnlySet<string>> UnreadAsync(LibraryLanguages library, IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken)
    {
        if (coverage.Languages is null || chunkIds.Count == 0)
        {
            return new HashSet<string>();
        }
        var chunks = await engine.GetChunksAsync(chunkIds, cancellationToken);
        var minShare = options.Value.MinLanguageShare;
        return chunks.Where(c => !DenseReadingRule.DenseReads(coverage, c.Value.Chunk.Language, library, minShare)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
    }
}
