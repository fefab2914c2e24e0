using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Reranking;

namespace TacticalRag.UnitTests.Reranking;

public sealed class RerankerHealthCheckTests
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
    }

    [Fact]
    public async Task AConfiguredRerankerThatIsUpKeepsTheApiHealthy()
    {
        var state = new RerankerState();
        state.MarkUp(DateTimeOffset.UtcNow);

        var result = await CheckAsync(Configured, state);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    private static Task<HealthCheckResult> CheckAsync(RerankerOptions options, RerankerState state) =>
        new RerankerHealthCheck(state, Options.Create(options)).CheckHealthAsync(new HealthCheckContext());
}
