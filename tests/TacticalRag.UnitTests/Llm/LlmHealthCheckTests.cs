using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TacticalRag.Api.Llm;

namespace TacticalRag.UnitTests.Llm;

public sealed class LlmHealthCheckTests
{
    [Theory]
    [InlineData(BackendAvailability.Up, BackendAvailability.Up, HealthStatus.Healthy)]
    [InlineData(BackendAvailability.Up, BackendAvailability.Down, HealthStatus.Healthy)]
    [InlineData(BackendAvailability.Down, BackendAvailability.Up, HealthStatus.Degraded)]
    [InlineData(BackendAvailability.Down, BackendAvailability.Down, HealthStatus.Degraded)]
    [InlineData(BackendAvailability.Unknown, BackendAvailability.Unknown, HealthStatus.Degraded)]
    public async Task HealthyOnlyWhenThePreferredBackendIsUpAndNeverUnhealthy(BackendAvailability vllm, BackendAvailability ollama, HealthStatus expected)
    {
        var registry = new LlmBackendRegistry(
        [
            Backend("vllm", vllm),
            Backend("ollama", ollama),
        ]);

        var result = await new LlmHealthCheck(registry).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(expected, result.Status);
    }

    private static LlmBackend Backend(string name, BackendAvailability availability)
    {
        var backend = new LlmBackend(name, "m", new Uri($"http://{name}"), enabled: true, new ScriptedChatClient([]));
        if (availability == BackendAvailability.Up) backend.State.MarkUp(DateTimeOffset.UtcNow);
        if (availability == BackendAvailability.Down) backend.State.MarkDown(FailureReason.ConnectionFailed, "refused", DateTimeOffset.UtcNow);
        return backend;
    }
}
