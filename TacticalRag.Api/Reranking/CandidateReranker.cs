using System.Diagnostics;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Retrieval;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Reranking;

/// <summary>
/// Reorders the best fused passages by the cross-encoder when one is configured and not known down, like the LLM
/// gateway treats model servers: a reranker known down is skipped without a call, and any failure of a call (refused,
/// timed out, an error status, an answer that does not parse or does not cover the candidates) leaves the fused order
/// for that search. Never throws because of the reranker.
/// </summary>
internal sealed partial class CandidateReranker(
    RerankerClient client,
    RerankerState state,
    RerankTelemetry telemetry,
    IOptions<RerankerOptions> options,
    TimeProvider time,
    ILogger<CandidateReranker> logger) : IPassageReranker
{
    public async Task<RankedPassages> RerankAsync(string query, IReadOnlyList<RetrievedChunk> fused, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured || fused.Count == 0)
        {
            return RankedPassages.ByFusion(fused);
        }

        var candidates = Math.Min(settings.Candidates, fused.Count);
        using var activity = TacticalRagTelemetry.ActivitySource.StartActivity("rerank");
        activity?.SetTag("rerank.model", settings.Model);
        activity?.SetTag("rerank.format", settings.Format.ToString().ToLowerInvariant());
        activity?.SetTag("rerank.candidates", candidates);
        if (state.IsKnownDown)
        {
            // Known down is the monitor's news, logged once there; per search it is only counted.
            activity?.SetTag("rerank.outcome", RerankSkipReason.Down.ToTag());
            telemetry.Skipped(RerankSkipReason.Down);
            return RankedPassages.ByFusion(fused, RerankSkipReason.Down);
        }

        var started = time.GetTimestamp();
        var texts = fused.Take(candidates).Select(p => ChunkEmbeddingText.For(p.Title, p.Section, p.Text)).ToList();
        var call = await client.RerankAsync(query, texts, cancellationToken);
        var reordered = call.Scores is null ? null : RerankOrder.Apply(fused, candidates, call.Scores);
        var failure = call.Failure ?? (reordered is null ? RerankSkipReason.Malformed : null);
        var outcome = failure?.ToTag() ?? RerankTelemetry.Reranked;
        activity?.SetTag("rerank.outcome", outcome);
        telemetry.Called(outcome, time.GetElapsedTime(started));
        if (failure is not { } reason)
        {
            state.MarkUp(time.GetUtcNow());
            return new RankedPassages(reordered!, RetrievalRanking.Rerank, null);
        }

        var detail = call.Detail ?? "the scores do not cover each candidate exactly once";
        activity?.AddEvent(new ActivityEvent("rerank.skipped", tags: new ActivityTagsCollection { ["reason"] = outcome, ["detail"] = detail }));
        LogSkipped(logger, outcome, detail);
        if (reason is RerankSkipReason.Unreachable or RerankSkipReason.Timeout)
        {
            // The next searches skip it at once; the monitor's next probe brings it back.
            state.MarkDown(detail, time.GetUtcNow());
        }
        return RankedPassages.ByFusion(fused, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reranker failed ({Reason}: {Detail}); this search ranks by fusion")]
    private static partial void LogSkipped(ILogger logger, string reason, string detail);
}
