using System.Net;
using StackExchange.Redis;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>
/// <c>Storage:KeyPrefix</c> holds every key the API writes to Redis, so several libraries (or deployments) can share
/// one: the library, the conversations, the answer cache and the example questions, on a redis-server of this test's own.
/// </summary>
public sealed class RedisKeyPrefixTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Prefix = "acme-library:";

    [Fact]
    public async Task EveryKeyTheApiWritesIsUnderTheConfiguredPrefix()
    {
        await using var llm = await ModelServerSimulator.StartAsync();
        await using var gateway = GatewayHost.Start(llm.BaseAddress, llm.BaseAddress, new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = redis.ConnectionString,
            ["Storage:KeyPrefix"] = Prefix,
        });

        var uploaded = await gateway.Client.IngestSamplesAsync("glossary.md", "convoy-sop.txt");
        await gateway.Client.AskOkAsync("What is the convoy speed limit at night?");
        await gateway.Client.AskOkAsync("What is the convoy speed limit at night?");
        using (var examples = await gateway.Client.GetAsync("/api/examples"))
        {
            Assert.Equal(HttpStatusCode.OK, examples.StatusCode);
        }
        using (var deleted = await gateway.Client.DeleteAsync($"/api/documents/{uploaded[0].GetProperty("id").GetString()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServers().Single();
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            keys.Add(key.ToString());
        }

        Assert.DoesNotContain(keys, key => !key.StartsWith(Prefix, StringComparison.Ordinal));
        // Each kind of key was written, so the check above covered them: the library, a conversation, a cached answer.
        Assert.Contains(Prefix + "docs", keys);
        Assert.Contains(keys, key => key.StartsWith(Prefix + "conversation:", StringComparison.Ordinal));
        Assert.Contains(keys, key => key.StartsWith(Prefix + "cache:answer:", StringComparison.Ordinal));
    }
}
