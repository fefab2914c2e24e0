using Microsoft.AspNetCore.Builder;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

public sealed class LlmApiClientTests
{
    [Fact]
    public async Task ReadsTheBackendListFromTheApi()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/llm/backends", FakeApi.Json(BackendsJson.VllmDownOllamaActive)));
        using var host = WebClientHost.Build(api.BaseAddress);

        var status = await host.Client<LlmApiClient>().GetBackendsAsync();

        Assert.Equal("vllm", status.Preferred);
        Assert.Equal("ollama", status.Active);
        Assert.Equal(["vllm", "ollama", "spare"], status.Backends.Select(b => b.Name));
        Assert.Equal("connection refused", status.Backends[0].LastError);
        Assert.Equal("unknown", status.Backends[2].State);
    }

    [Fact]
    public async Task ReadsRecentFallbacksNewestFirst()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/llm/fallbacks", FakeApi.Json(BackendsJson.TwoFallbacks)));
        using var host = WebClientHost.Build(api.BaseAddress);

        var fallbacks = await host.Client<LlmApiClient>().GetFallbacksAsync();

        Assert.Equal(["refused", "http-5xx"], fallbacks.Select(f => f.Reason));
        Assert.Equal("vllm", fallbacks[0].Backend);
        Assert.Equal("Connection refused (127.0.0.1:18000)", fallbacks[0].Detail);
    }

    [Fact]
    public async Task SaysTheApiIsUnreachableWhenNothingListens()
    {
        using var host = WebClientHost.Build(await FakeApi.ClosedAddressAsync());

        var error = await Assert.ThrowsAsync<ApiException>(() => host.Client<LlmApiClient>().GetBackendsAsync());

        Assert.StartsWith(ApiException.Unreachable, error.Message);
    }
}
