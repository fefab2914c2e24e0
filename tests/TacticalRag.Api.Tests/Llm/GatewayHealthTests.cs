using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>The API's /health: healthy with vLLM up, degraded (still 200, still serving) without it.</summary>
public sealed class GatewayHealthTests
{
    [Fact]
    public async Task HealthIsHealthyWhenVllmIsUp()
    {
        await using var servers = await ModelServers.StartAsync();

        await Eventually.ReturnsAsync(() => servers.Client.GetHealthAsync(), body => body == "Healthy", "/health is Healthy");
    }

    [Fact]
    public async Task HealthIsDegradedButServingWhenOnlyOllamaIsUp()
    {
        await using var servers = await ModelServers.StartAsync(vllmFault: SimFault.Refuse);

        await Eventually.ReturnsAsync(() => servers.Client.GetHealthAsync(), body => body == "Degraded", "/health is Degraded");
        Assert.Equal("ollama", (await servers.Client.InvokeOkAsync("still there?")).GetProperty("backend").GetString());
    }

    [Fact]
    public async Task HealthIsDegradedWhenNoModelServerAnswers()
    {
        await using var gateway = GatewayHost.Start(vllm: null, ollama: null);

        await Eventually.ReturnsAsync(
            async () => (await gateway.Client.GetBackendsAsync()).GetProperty("backends")[1].GetProperty("state").GetString(),
            state => state == "down", "ollama is seen down");
        Assert.Equal("Degraded", await gateway.Client.GetStringAsync("/health"));
        Assert.Equal("Healthy", await gateway.Client.GetStringAsync("/alive"));
    }
}
