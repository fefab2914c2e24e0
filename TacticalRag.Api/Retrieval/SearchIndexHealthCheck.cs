using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Readiness, part of <c>/health</c> (not of <c>/alive</c>): a replica that has not loaded the library would answer
/// searches with nothing, so it must not be sent traffic, yet it is not broken and must not be restarted.
/// </summary>
internal sealed class SearchIndexHealthCheck(IndexReadiness readiness, ISearchIndexWriter index) : IHealthCheck
{
    public const string Name = "search-index";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsLoaded
            ? !index.HoldsLibraryCopy ? HealthCheckResult.Healthy("The library's database answers searches; this replica holds no index.")
            : HealthCheckResult.Healthy($"The search index holds the library ({index.Count} chunks).")
            : HealthCheckResult.Unhealthy("The search index is still loading the library; this replica is not ready."));
}
