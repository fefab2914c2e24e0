using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;
using Xunit.Abstractions;

namespace TacticalRag.Api.Tests.Resilience;

/// <summary>
/// Redis killed and restarted while uploads and questions are in flight: whatever the API acknowledged is still
/// there afterwards, requests meanwhile get 503 (never a 500), /health says Degraded, and the API recovers by itself.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RedisServer _redis = new() { Durable = true };
    private ModelServerSimulator _llm = null!;
    private GatewayHost _api = null!;

    public async Task InitializeAsync()
    {
        await _redis.StartAsync();
        _llm = await ModelServerSimulator.StartAsync();
        _api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = _redis.ConnectionString,
            ["Storage:ChangePollInterval"] = "00:00:00.100",
        });
        await Eventually.ReturnsAsync(() => _api.Client.GetHealthAsync(), h => h == "Healthy", "the API is healthy on Redis");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _llm.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task NothingAcknowledgedIsLostWhenRedisIsKilledAndRestartedMidTraffic()
    {
        var uploaded = new ConcurrentBag<string>();
        var turns = new ConcurrentDictionary<string, int>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var traffic = Enumerable.Range(0, 3).Select(worker => Task.Run(async () =>
        {
            string? conversationId = null;
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var upload = await _api.Client.UploadAsync(($"w{worker}-{i}.txt", Encoding.UTF8.GetBytes($"Log {worker}-{i}\n\nCheckpoint {Guid.NewGuid():N} reached.")));
                statuses.Add(upload.StatusCode);
                if (upload.StatusCode == HttpStatusCode.Created)
                {
                    uploaded.Add(JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("documents")[0].GetProperty("id").GetString()!);
                }
                using var ask = await _api.Client.AskAsync($"Which checkpoint did worker {worker} reach?", conversationId);
                statuses.Add(ask.StatusCode);
                if (ask.StatusCode == HttpStatusCode.OK)
                {
                    conversationId = JsonDocument.Parse(await ask.Content.ReadAsStringAsync()).RootElement.GetProperty("conversationId").GetString();
                    turns.AddOrUpdate(conversationId!, 1, (_, n) => n + 1);
                }
            }
        })).ToArray();

        await Eventually.ReturnsAsync(() => Task.FromResult(uploaded.Count), n => n >= 3, "some uploads are acknowledged before the outage");
        await _redis.StopAsync();
        var answeredAtKill = statuses.Count;
        await Eventually.ReturnsAsync(() => _api.Client.GetHealthAsync(), h => h == "Degraded", "/health reports Degraded while Redis is down");
        await Eventually.ReturnsAsync(() => Task.FromResult(statuses.Count), n => n > answeredAtKill + 1, "requests made during the outage are answered", TimeSpan.FromSeconds(30));
        await _redis.StartAsync();
        await Eventually.ReturnsAsync(() => _api.Client.GetHealthAsync(), h => h == "Healthy", "/health recovers by itself", TimeSpan.FromSeconds(60));
        var acknowledgedBefore = uploaded.Count;
        await Eventually.ReturnsAsync(() => Task.FromResult(uploaded.Count), n => n > acknowledgedBefore, "uploads are acknowledged again after the outage", TimeSpan.FromSeconds(60));
        stop.Cancel();
        await Task.WhenAll(traffic);

        output.WriteLine($"uploads acknowledged: {uploaded.Count}; turns acknowledged: {turns.Values.Sum()}; statuses: "
            + string.Join(", ", statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        Assert.DoesNotContain(statuses, s => (int)s >= 500 && s != HttpStatusCode.ServiceUnavailable);
        var stored = (await _api.Client.ListDocumentsAsync()).Select(d => d.GetProperty("id").GetString()).ToHashSet();
        Assert.All(uploaded, id => Assert.Contains(id, stored));
        foreach (var (conversationId, acknowledged) in turns)
        {
            var conversation = JsonDocument.Parse(await _api.Client.GetStringAsync($"/api/conversations/{conversationId}")).RootElement;
            Assert.True(conversation.GetProperty("turns").GetArrayLength() + conversation.GetProperty("summarizedTurns").GetInt32() >= acknowledged,
                $"conversation {conversationId} lost turns");
        }
    }
}
