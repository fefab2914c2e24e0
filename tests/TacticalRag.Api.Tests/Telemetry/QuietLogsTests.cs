using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Security;

namespace TacticalRag.Api.Tests.Telemetry;

/// <summary>
/// Local mode with no model server (both backends on closed loopback ports) on a real Redis: the system works as
/// designed, answering retrieval-only, so its log holds no error, and questions add no warnings.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class QuietLogsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task QuestionsWithNoModelServerLogNoErrorAndNoWarning()
    {
        var logs = new CapturedLogs(LogLevel.Warning);
        await using var gateway = GatewayHost.Start(GatewayHost.Unreachable, new Uri("http://127.0.0.1:1/"),
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:cache"] = redis.ConnectionString,
                ["Storage:KeyPrefix"] = $"t{Guid.NewGuid():N}:",
                ["Logging:LogLevel:Default"] = "Information",
            },
            services => services.AddSingleton<ILoggerProvider>(logs));
        await gateway.Client.IngestSamplesAsync("glossary.md", "convoy-sop.txt");
        await gateway.Client.WaitUntilHealthyAsync("vllm", healthy: false);
        await gateway.Client.WaitUntilHealthyAsync("ollama", healthy: false);
        var before = logs.Lines.Count;

        var first = await gateway.Client.AskOkAsync("What is the PACE plan?");
        var conversationId = first.GetProperty("conversationId").GetString();
        List<string?> backends = [first.GetProperty("backend").GetString()];
        foreach (var question in new[] { "And who approves it?", "What is the convoy speed limit at night?" })
        {
            backends.Add((await gateway.Client.AskOkAsync(question, conversationId)).GetProperty("backend").GetString());
        }
        var streamed = await gateway.Client.AskStreamAsync("How often is the generator oil changed?");
        using var search = await gateway.Client.PostAsync("/api/search", JsonContent("{\"query\":\"radio battery\"}"));

        Assert.All(backends, backend => Assert.Equal(LlmBackend.None, backend));
        Assert.Equal("done", streamed.Events[^1].Event);
        Assert.True(search.IsSuccessStatusCode);
        Assert.DoesNotContain(logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Empty(logs.Lines.Skip(before));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
