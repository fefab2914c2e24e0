using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.Api.Tests.Security;

namespace TacticalRag.Api.Tests.Telemetry;

/// <summary>
/// A deployment without model servers (the AppHost left vLLM and Ollama out: <c>Llm:NotConfigured</c>): each is "not
/// configured", never "down", never probed; the API is Healthy (retrieval-only by design) and logs no warning; an
/// answer's model call is not an error span; a retrieval-only answer's sources are the passages it quotes.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class NotConfiguredModelServersTests
{
    private static readonly ActivitySource UserEvent = new(TacticalRag.ServiceDefaults.TacticalRagTelemetry.Name);

    [Fact]
    public async Task ModelServersLeftOutAreNotConfiguredAndAnsweringWithoutThemIsHealthyAndQuiet()
    {
        var logs = new CapturedLogs(LogLevel.Warning);
        var spans = new ExportedSpans();
        await using var gateway = GatewayHost.Start(vllm: null, ollama: null,
            new Dictionary<string, string?>
            {
                ["Llm:NotConfigured:0"] = "vllm",
                ["Llm:NotConfigured:1"] = "ollama",
                ["Logging:LogLevel:Default"] = "Information",
            },
            services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            });
        await gateway.Client.IngestSamplesAsync("glossary.md", "convoy-sop.txt", "radio-procedures-sop.md");

        var backends = (await gateway.Client.GetBackendsAsync()).GetProperty("backends").EnumerateArray().ToList();
        var health = await gateway.Client.GetHealthAsync();
        System.Text.Json.JsonElement answer;
        using (UserEvent.StartActivity("Event onsubmit")) // a user's action: the root of the ask's trace, as in the web
        {
            answer = await gateway.Client.AskOkAsync("What does the convoy SOP say about vehicle spacing and speed?");
        }
        var streamed = await gateway.Client.AskStreamAsync("How are radio checks answered on the net?");
        await Task.Delay(TimeSpan.FromSeconds(1)); // a probe interval (200 ms) several times over: none may run

        Assert.Equal(["vllm", "ollama"], backends.Select(b => b.GetProperty("name").GetString()));
        Assert.All(backends, b =>
        {
            Assert.Equal("not_configured", b.GetProperty("state").GetString());
            Assert.False(b.GetProperty("healthy").GetBoolean());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, b.GetProperty("endpoint").ValueKind);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, b.GetProperty("lastCheckedUtc").ValueKind);
        });
        Assert.Equal("Healthy", health);

        Assert.Equal(LlmBackend.None, answer.GetProperty("backend").GetString());
        var quoted = Quoted().Matches(answer.GetProperty("answer").GetString()!).Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        var listed = answer.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("index").GetInt32()).ToArray();
        Assert.NotEmpty(quoted);
        Assert.Equal(quoted, listed);
        Assert.Equal("done", streamed.Events[^1].Event);

        var generations = await Eventually.ReturnsAsync(
            () => Task.FromResult(spans.Snapshot().Where(s => s.DisplayName == "llm.generate").ToList()),
            found => found.Count > 0, "the ask's llm.generate span is exported");
        Assert.All(generations, s => Assert.NotEqual(ActivityStatusCode.Error, s.Status));
        // The model servers and the health checks say nothing above Information (the open-API warning is another matter).
        Assert.DoesNotContain(logs.Lines, line => line.Contains("TacticalRag.Api.Llm", StringComparison.Ordinal)
            || line.Contains("HealthCheck", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal));
    }

    /// <summary>A quoted passage's heading line: "[2] Convoy SOP — ...:".</summary>
    [GeneratedRegex(@"^\[(\d+)\] ", RegexOptions.Multiline)]
    private static partial Regex Quoted();
}
