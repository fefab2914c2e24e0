using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.ModelServerKit;

/// <summary>
/// The model-server kit's probe loop against the simulator speaking vLLM's wire: why a backend is down is read from
/// the probe's outcome by type (a model the server does not list, a 503 health answer, a truncated model list), never
/// from the words of its message, and <c>/api/llm/backends</c> says it as before.
/// </summary>
public sealed class ProbeReasonTests
{
    [Theory]
    [InlineData(SimFault.ModelMissing, "model_missing", "is not served")]
    [InlineData(SimFault.ServerError, "server_error", "GET /health answered 503")]
    [InlineData(SimFault.MalformedJson, "malformed_response", null)]
    public async Task TheProbeNamesWhyVllmIsDownByType(SimFault fault, string reason, string? error)
    {
        await using var vllm = await ModelServerSimulator.StartAsync();
        await vllm.SetFaultAsync(fault);
        await using var gateway = GatewayHost.Start(vllm.BaseAddress, ollama: null);

        var backend = await Eventually.ReturnsAsync(
            async () => (await gateway.Client.GetBackendsAsync()).GetProperty("backends")[0],
            b => b.GetProperty("state").GetString() == "down", "the probe finds vLLM down");

        Assert.Equal("vllm", backend.GetProperty("name").GetString());
        Assert.Equal(reason, backend.GetProperty("lastReason").GetString());
        if (error is not null)
        {
            Assert.Contains(error, backend.GetProperty("lastError").GetString());
        }
    }

    [Fact]
    public async Task AVllmThatRecoversIsUpAgainAndItsLastFailureStaysVisible()
    {
        await using var vllm = await ModelServerSimulator.StartAsync();
        await vllm.SetFaultAsync(SimFault.ModelMissing);
        await using var gateway = GatewayHost.Start(vllm.BaseAddress, ollama: null);
        await Eventually.ReturnsAsync(
            async () => (await gateway.Client.GetBackendsAsync()).GetProperty("backends")[0].GetProperty("state").GetString(),
            state => state == "down", "the probe finds vLLM's model missing");

        await vllm.SetFaultAsync(SimFault.None);
        await gateway.Client.WaitUntilHealthyAsync("vllm");

        var backend = (await gateway.Client.GetBackendsAsync()).GetProperty("backends")[0];
        Assert.Equal("up", backend.GetProperty("state").GetString());
        Assert.Equal("model_missing", backend.GetProperty("lastReason").GetString());
        Assert.Equal(JsonValueKind.String, backend.GetProperty("lastCheckedUtc").ValueKind);
    }
}
