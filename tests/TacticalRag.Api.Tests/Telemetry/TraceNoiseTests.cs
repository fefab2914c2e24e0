using System.Diagnostics;
using System.Text.Json;
using OpenTelemetry.Trace;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ServiceDefaults;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Telemetry;

/// <summary>
/// What the dashboard's traces page would show, read from the API's own exporter: nothing while the API is idle
/// (vLLM down and probed every 200 ms, the index checked against Redis every 300 ms, the change stream followed), and
/// one trace per question holding its retrieval, its model call and its Redis commands.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TraceNoiseTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string RedisSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";
    private static readonly ActivitySource UserEvent = new(TacticalRagTelemetry.Name);

    [Fact]
    public async Task AnIdleApiExportsNoTracesAndAQuestionIsOneTraceWithRetrievalModelCallAndRedis()
    {
        var spans = new ExportedSpans();
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions());
        await using var gateway = GatewayHost.Start(GatewayHost.Unreachable, ollama.BaseAddress,
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:cache"] = redis.ConnectionString,
                ["Storage:KeyPrefix"] = $"t{Guid.NewGuid():N}:",
                ["IndexSync:ConsistencyCheckInterval"] = "00:00:00.300",
            },
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        await gateway.Client.IngestSamplesAsync("glossary.md");
        await gateway.Client.WaitUntilHealthyAsync("ollama");
        await gateway.Client.WaitUntilHealthyAsync("vllm", healthy: false);

        var probedBefore = await LastProbeOfVllmAsync(gateway);
        var idleFrom = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idleUntil = DateTime.UtcNow;
        var probedAfter = await LastProbeOfVllmAsync(gateway);
        // Redis commands outside any span become spans in batches, every 10 s (the instrumentation's flush interval,
        // which Aspire does not expose): wait for the batch holding the idle window's.
        await Task.Delay(TimeSpan.FromSeconds(11));
        var idleTraces = spans.Snapshot()
            .Where(s => s.ParentSpanId == default && s.StartTimeUtc >= idleFrom && s.StartTimeUtc <= idleUntil)
            // Simulators share this process and its tracer (this test's, and those other tests' hosts still probe while
            // they are disposed); a real model server's side of a request is not ours to trace: only the API's count.
            .Where(s => s.Kind != ActivityKind.Server || s.GetTagItem("server.port") is int port && port == gateway.Client.BaseAddress!.Port)
            .Select(s => $"{s.Source.Name}: {s.DisplayName}").ToList();

        // A status poll from a timer (the web's header, every few seconds per page): neither side is a trace.
        await gateway.Client.GetBackendsAsync();
        // A question comes from a user's event (the web traces it as "Event onsubmit"), the root of its trace.
        JsonElement answer;
        using (UserEvent.StartActivity("Event onsubmit"))
        {
            answer = await gateway.Client.AskOkAsync("What is the PACE plan?");
        }
        var request = await Eventually.ReturnsAsync(() => Task.FromResult(spans.Snapshot().FirstOrDefault(IsAskRequest)),
            span => span is not null, "the ask's request span is exported");
        var trace = await Eventually.ReturnsAsync(() => Task.FromResult(spans.Snapshot().Where(s => s.TraceId == request!.TraceId).ToList()),
            t => t.Any(s => s.DisplayName == "llm.generate") && t.Any(s => s.Source.Name == RedisSource), "the ask's spans are exported");

        Assert.True(probedAfter > probedBefore, "vLLM was probed while idle");
        Assert.Empty(idleTraces);
        Assert.DoesNotContain(spans.Snapshot(), s => s.GetTagItem("url.path") as string == "/api/llm/backends" || (s.GetTagItem("url.full") as string)?.EndsWith("/api/llm/backends") == true);
        Assert.Equal("ollama", answer.GetProperty("backend").GetString());
        // One trace: a single root (the user's event), every other span under a span of the same trace.
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        Assert.Single(trace, s => s.ParentSpanId == default);
        Assert.All(trace.Where(s => s.ParentSpanId != default), s => Assert.Contains(s.ParentSpanId, ids));
        Assert.Contains(trace, s => s.DisplayName == "retrieve");
        Assert.Contains(trace, s => s.DisplayName == "llm.generate");
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.GetTagItem("server.port") is int port && port == ollama.BaseAddress.Port);
        Assert.Contains(trace, s => s.Source.Name == RedisSource);
    }

    private static bool IsAskRequest(Activity span) =>
        span.Kind == ActivityKind.Server && span.GetTagItem("url.path") as string == "/api/ask";

    private static async Task<DateTimeOffset> LastProbeOfVllmAsync(GatewayHost gateway)
    {
        var backends = await gateway.Client.GetBackendsAsync();
        var vllm = backends.GetProperty("backends").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "vllm");
        return vllm.GetProperty("lastCheckedUtc").GetDateTimeOffset();
    }
}
