using Microsoft.Extensions.Diagnostics.HealthChecks;
using TacticalRag.Api.ModelServerKit;
using TacticalRag.Api.Reranking;

namespace TacticalRag.UnitTests.Reranking;

/// <summary>The reranker's <c>/health</c> entry, through the model-server kit it shares with the embedding server.</summary>
public sealed class RerankerHealthTests
{
    private static readonly RerankerOptions Configured = new() { Endpoint = new Uri("http://reranker") };

    [Fact]
    public async Task WithoutAConfiguredRerankerTheApiIsHealthy()
    {
        var result = await CheckAsync(new RerankerOptions(), new RerankerState());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task AConfiguredRerankerThatIsDownOnlyDegradesTheApi()
    {
        var state = new RerankerState();
        state.MarkDown("GET /health answered 503", DateTimeOffset.UtcNow);

        var result = await CheckAsync(Configured, state);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("503", result.Description);
        Assert.Contains("searches rank by fusion", result.Description);
    }

    [Fact]
    public async Task AConfiguredRerankerThatIsUpKeepsTheApiHealthy()
    {
        var state = new RerankerState();
        state.MarkUp(DateTimeOffset.UtcNow);

        var result = await CheckAsync(Configured, state);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("up", result.Data["reranker"]);
    }

    private static Task<HealthCheckResult> CheckAsync(RerankerOptions options, RerankerState state) =>
        new ModelServerHealthCheck(state, RerankingServiceCollectionExtensions.Probe(options)).CheckHealthAsync(new HealthCheckContext());
}
