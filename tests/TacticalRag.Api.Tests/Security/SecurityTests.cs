using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TacticalRag.Api.Tests.Infrastructure;
using TacticalRag.ModelServerSim;

namespace TacticalRag.Api.Tests.Security;

/// <summary>API keys, per-client rate limits, and logs that hold neither secrets nor document text.</summary>
public sealed class SecurityTests : IAsyncLifetime
{
    private const string Key = "s3cret-key-for-tests-0123456789";
    private ModelServerSimulator _llm = null!;

    public async Task InitializeAsync() => _llm = await ModelServerSimulator.StartAsync();

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    [Fact]
    public async Task WithAKeyConfiguredEveryApiCallNeedsIt()
    {
        await using var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?> { ["Security:ApiKey"] = Key });

        using var none = await api.Client.PostAsJsonAsync("/api/llm/invoke", new { prompt = "hi" });
        using var wrong = await Send(api.Client, "/api/llm/invoke", "not-the-key");
        using var right = await Send(api.Client, "/api/llm/invoke", Key);
        using var health = await api.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", await none.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(1, _llm.GenerationRequests);
    }

    [Theory]
    [InlineData("/api/documents")]
    [InlineData("/api/llm/backends")]
    [InlineData("/api/examples")]
    public async Task ReadsNeedTheKeyToo(string path)
    {
        await using var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?> { ["Security:ApiKey"] = Key });

        using var response = await api.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AClientOverItsRateLimitGets429WithRetryAfter()
    {
        await using var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?>
        {
            ["Security:RateLimit:BurstLimit"] = "3",
            ["Security:RateLimit:PerSecond"] = "1",
        });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await api.Client.GetAsync("/api/llm/backends");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else response.Dispose();
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/health")).StatusCode);
        limited.Dispose();
    }

    [Fact]
    public async Task RefusedKeysInARowMeetA429WithRetryAfterAndTheRightKeyThenWaitsToo()
    {
        await using var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?>
        {
            ["Security:ApiKey"] = Key,
            ["Security:RateLimit:FailedAuthBurst"] = "5",
            ["Security:RateLimit:FailedAuthPerMinute"] = "1",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var wrong = await Send(api.Client, "/api/llm/invoke", $"guess-{i}");
            statuses.Add(wrong.StatusCode);
        }
        using var right = await Send(api.Client, "/api/llm/invoke", Key);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(60));
        Assert.Contains("Security:RateLimit:FailedAuthBurst", await right.Content.ReadAsStringAsync());
        Assert.Equal(0, _llm.GenerationRequests);
    }

    [Fact]
    public async Task AcceptedRequestsNeverCountAgainstTheirAddress()
    {
        await using var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress, new Dictionary<string, string?>
        {
            ["Security:ApiKey"] = Key,
            ["Security:RateLimit:FailedAuthBurst"] = "2",
        });

        for (var i = 0; i < 5; i++)
        {
            using var right = await Send(api.Client, "/api/llm/invoke", Key);
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        }
    }

    [Fact]
    public async Task LogsAtDefaultLevelsHoldNoKeyAndNoDocumentText()
    {
        var logs = new CapturedLogs(LogLevel.Information);
        const string secretFact = "The vault combination is 7-31-59-dragonfly";
        await using (var api = GatewayHost.Start(_llm.BaseAddress, _llm.BaseAddress,
            new Dictionary<string, string?> { ["Security:ApiKey"] = Key, ["Logging:LogLevel:Default"] = "Information" },
            services => services.AddSingleton<ILoggerProvider>(logs)))
        {
            api.Client.DefaultRequestHeaders.Add("X-Api-Key", Key);
            await api.Client.IngestSamplesAsync("glossary.md");
            using var upload = await api.Client.UploadAsync(("vault.txt", Encoding.UTF8.GetBytes($"Vault notes\n\n{secretFact}.")));
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            var id = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("documents")[0].GetProperty("id").GetString()!;
            await api.Client.WaitUntilDocumentReadyAsync(id);
            await api.Client.AskOkAsync("What is the vault combination?");
        }

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Key));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("dragonfly"));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("vault combination", StringComparison.OrdinalIgnoreCase));
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { prompt = "hi" }) };
        request.Headers.Add("X-Api-Key", key);
        return client.SendAsync(request);
    }
}
