using System.Text.Json;
using TacticalRag.Web.Api;
using TacticalRag.Web.Components.Status;

namespace TacticalRag.Web.Tests;

public sealed class SystemHealthTests
{
    [Fact]
    public void SaysAllIsWellWhenEveryBackendIsUp()
    {
        Assert.Equal(new SystemHealth(SystemHealth.Ok, "Model servers up, answering with vLLM"), SystemHealth.From(Read(BackendsJson.AllUp)));
    }

    [Fact]
    public void NamesTheBackendThatIsDownAndTheOneAnsweringInstead()
    {
        // The third backend has not been checked yet: not counted as down.
        Assert.Equal(new SystemHealth(SystemHealth.Degraded, "vLLM down, answering with Ollama"),
            SystemHealth.From(Read(BackendsJson.VllmDownOllamaActive)));
    }

    [Fact]
    public void SaysAnswersAreRetrievalOnlyWhenNoBackendIsUp()
    {
        var health = SystemHealth.From(Read(BackendsJson.NoneUp));

        Assert.Equal(SystemHealth.Down, health.Level);
        Assert.Contains("retrieval only", health.Summary);
    }

    [Fact]
    public void AModelServerLeftOutIsNotConfiguredAndRetrievalOnlyByDesignIsNotTrouble()
    {
        var health = SystemHealth.From(Read(BackendsJson.NoneConfigured));

        Assert.Equal(new SystemHealth(SystemHealth.Ok, "No model server configured: answers are retrieval only"), health);
    }

    private static BackendsStatus Read(string json) =>
        JsonSerializer.Deserialize<BackendsStatus>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
}
