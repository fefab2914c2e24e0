using Bunit;
using Microsoft.AspNetCore.Builder;
using TacticalRag.Web.Components.Status;

namespace TacticalRag.Web.Tests;

public sealed class FallbackListTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();

    [Fact]
    public async Task ListsRecentFallbacksWithTheirReasonsNewestFirst()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/llm/fallbacks", FakeApi.Json(BackendsJson.TwoFallbacks)));

        var list = _context.RenderAgainstApi<FallbackList>(api.BaseAddress);

        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=fallback-item]").Count), Waits.Long);
        var newest = list.FindAll("[data-testid=fallback-item]")[0];
        Assert.Contains("07:00:05 UTC", newest.TextContent);
        Assert.Contains("vLLM", newest.TextContent);
        Assert.Equal("refused", newest.QuerySelector(".tag")!.TextContent);
        Assert.Contains("Connection refused (127.0.0.1:18000)", newest.TextContent);
    }

    [Fact]
    public async Task SaysWhenNothingHasFallenBack()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/llm/fallbacks", FakeApi.Json("""{"fallbacks":[]}""")));

        var list = _context.RenderAgainstApi<FallbackList>(api.BaseAddress);

        list.WaitForAssertion(() => list.Find("[data-testid=no-fallbacks]"), Waits.Long);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
