using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TacticalRag.Api.Llm;
using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.UnitTests.Llm;

public sealed class LlmHealthCheckTests
{
    [Theory]
    [InlineData(ModelServerAvailability.Up, ModelServerAvailability.Up, HealthStatus.Healthy)]
    [InlineData(ModelServerAvailability.Up, ModelServerAvailability.Down, HealthStatus.Healthy)]
    [InlineData(ModelServerAvailability.Down, ModelServerAvailability.Up, HealthStatus.Degraded)]
    [InlineData(ModelServerAvailability.Down, ModelServerAvailability.Down, HealthStatus.Degraded)]
    [InlineData(ModelServerAvailability.Unknown, ModelServerAvailability.Unknown, HealthStatus.Degraded)]
    public async Task HealthyOnlyWhenThePreferredBackendIsUpAndNeverUnhealthy(ModelServerAvailability vllm, ModelServerAvailability ollama, HealthStatus expected)
    {
        var registry = new LlmBackendRegistry(
        [
            Backend("vllm", vllm),
            Backend("ollama", ollama),
        ]);

        var result = await new ModelServerHealthCheck(BackendProbe.Group(registry, new LlmOptions())).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(expected, result.Status);
    }

    private static LlmBackend Backend(string name, ModelServerAvailability availability)
    {
        var backend = new LlmBackend(name, "m", new Uri($"http://{name}"), enabled: true, new ScriptedChatClient([]));
        if (availability == ModelServerAvailability.Up) backend.State.MarkUp(DateTimeOffset.UtcNow);
        if (availability == ModelServerAvailability.Down) backend.State.MarkDown(FailureReason.ConnectionFailed, "refused", DateTimeOffset.UtcNow);
        return backend;
    }
}
