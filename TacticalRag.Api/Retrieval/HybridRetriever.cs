using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Common;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Languages;
using TacticalRag.Api.Library;
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
        var libraryLanguages = coverage.Languages is null ? LibraryLanguages.Empty : await engine.GetLanguagesAsync(cancellationToken);
        // Languages count only where the library holds one the embedder does not read: elsewhere (an English library,
        // a multilingual embedder) the question's language would change nothing, and is not detected.
        var languageMatters = DenseReadingRule.LanguageMatters(coverage, libraryLanguages, settings.MinLanguageShare);
        var language = languageMatters ? languages.Detect(query) : null;
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
        // The rankers run side by side: the dense scans start on the thread pool (the embedded engine's scan is CPU work
        // that would otherwise wait for the keyword search), the keyword searches run here; rankings keep their order.
        var denseSearches = vectors is null ? null
            : vectors.Select(vector => Task.Run(() => engine.SearchVectorsAsync(vector.Vector, depth, cancellationToken), cancellationToken)).ToArray();
        var rankings = new List<RankedList>(phrasings.Length * 2);
        for (var i = 0; i < phrasings.Length; i++)
        {
            var weight = i == 0 ? 1.0 : settings.VariantWeight;
            if (mode != RetrievalMode.Dense)
            {
                rankings.Add(new RankedList(await engine.SearchKeywordsAsync(phrasings[i], depth, cancellationToken), weight * settings.KeywordWeight, RankingKind.Keyword));
            }
            if (denseSearches is not null)
            {
                rankings.Add(new RankedList(await denseSearches[i], weight * settings.DenseWeight, RankingKind.Dense));
            }
        }
        // Chunks in a language the embedder does not read: the dense ranking can say nothing about them, so they leave
        // it, and the fusion neither lifts nor sinks them by it. Their languages come with one look-up of every chunk
        // ranked, which also serves the results below.
        var candidates = CandidateIds(rankings);
        var seen = languageMatters && vectors is not null && mode != RetrievalMode.Dense
            ? await engine.GetChunksAsync(candidates, cancellationToken)
            : null;
        var unread = seen is null ? null : Unread(seen, libraryLanguages, settings.MinLanguageShare);
        if (unread is { Count: > 0 } setAside)
        {
            for (var i = 0; i < rankings.Count; i++)
            {
                if (rankings[i].Kind == RankingKind.Dense)
                {
                    rankings[i] = rankings[i] with { Ranking = [.. rankings[i].Ranking.Where(c => !setAside.Contains(c.ChunkId))] };
                }
            }
        }
        var unembedded = settings.Fusion == FusionMethod.ReciprocalRank ? null
            : await engine.WithoutVectorsAsync(candidates, cancellationToken);
        var hits = settings.Fusion == FusionMethod.ReciprocalRank
            ? ReciprocalRankFusion.Fuse(rankings, settings.RrfK, depth)
            : ScoreFusion.Fuse(rankings, settings.Fusion, depth, settings.KeywordBoost, settings.KeywordBoostThreshold,
                id => !unembedded!.Contains(id) && !(unread?.Contains(id) ?? false));
        var chunks = seen ?? await engine.GetChunksAsync(hits.Select(hit => hit.ChunkId).ToList(), cancellationToken);
        var fused = new List<RetrievedChunk>(hits.Count);
        foreach (var hit in hits)
        {
            if (chunks.GetValueOrDefault(hit.ChunkId) is { } chunk)
            {
                fused.Add(new RetrievedChunk(chunk.Chunk.DocumentId, chunk.Title, hit.ChunkId, chunk.Chunk.Text, hit.Score, chunk.Chunk.Section, chunk.Chunk.Page));
            }
        }
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
        if (languageMatters)
        {
            activity?.SetTag("retrieval.language", language);
        }
        activity?.SetTag("retrieval.dense_covered", denseSees);
        telemetry.Completed(plan.Strategy.WireName(), modeTag, time.GetElapsedTime(started));
        return new RetrievalResult(plan.Strategy, results, ranking, ranked.RerankSkipped);
    }

    /// <summary>Every chunk the rankings name, once.</summary>
    private static HashSet<string> CandidateIds(List<RankedList> rankings)
    {
        var ids = new HashSet<string>(rankings.Count * 50, StringComparer.Ordinal);
        foreach (var list in rankings)
        {
            foreach (var chunk in list.Ranking)
            {
                ids.Add(chunk.ChunkId);
            }
        }
        return ids;
    }

    /// <summary>
    /// Of the chunks given, those in a language the embedder does not read and the library holds in earnest (unknown
    /// counts as read; <see cref="DenseReadingRule"/>).
    /// </summary>
    private HashSet<string> Unread(IReadOnlyDictionary<string, IndexedChunk> chunks, LibraryLanguages library, double minShare)
    {
        var unread = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, chunk) in chunks)
        {
            if (!DenseReadingRule.DenseReads(coverage, chunk.Chunk.Language, library, minShare))
            {
                unread.Add(id);
            }
        }
        return unread;
    }
}
