using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

public sealed class ConversationsAndSearchClientTests
{
    [Fact]
    public async Task ReadsAConversationsTurns()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/conversations/c1", FakeApi.Json("""
            {"id":"c1","turns":[{"question":"How do I zeroize?","standaloneQuestion":"How do I zeroize the radio?","answer":"Hold ZERO [1].",
             "backend":"ollama","citedChunkIds":["x-00007"],"askedUtc":"2026-11-30T08:02:20Z"}],
             "summary":null,"summarizedTurns":0,"createdUtc":"2026-11-30T08:02:20Z","updatedUtc":"2026-11-30T08:02:20Z"}
            """)));
        using var host = WebClientHost.Build(api.BaseAddress);

        var conversation = await host.Client<ConversationsApiClient>().GetAsync("c1");

        var turn = Assert.Single(conversation!.Turns!);
        Assert.Equal(("How do I zeroize?", "Hold ZERO [1].", "ollama"), (turn.Question, turn.Answer, turn.Backend));
    }

    [Fact]
    public async Task SaysAnExpiredConversationIsGone()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapGet("/api/conversations/{id}",
            FakeApi.Problem(404, "Conversation not found.", "There is no conversation 'old'.")));
        using var host = WebClientHost.Build(api.BaseAddress);

        Assert.Null(await host.Client<ConversationsApiClient>().GetAsync("old"));
    }

    [Fact]
    public async Task SearchesPassagesBestFirst()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/search", FakeApi.Json("""
            {"strategy":"factual","results":[
              {"documentId":"d1","title":"Field kitchen","chunkId":"d1-00000","text":"Downwind of the sleeping area.","score":0.667,"section":"Setup","page":null},
              {"documentId":"d2","title":"TG-45 manual","chunkId":"d2-00003","text":"Set the generator on firm ground.","score":0.367,"section":"3. Siting","page":4}]}
            """)));
        using var host = WebClientHost.Build(api.BaseAddress);

        var results = await host.Client<SearchApiClient>().SearchAsync(new SearchRequest("field kitchen", 5));

        Assert.Equal(["Field kitchen", "TG-45 manual"], results.Select(r => r.Title));
        Assert.Equal(4, results[1].Page);
    }

    [Fact]
    public async Task ExplainsARefusedSearch()
    {
        await using var api = await FakeApi.StartAsync(app => app.MapPost("/api/search", (HttpContext context) => Results.ValidationProblem(
            new Dictionary<string, string[]> { ["query"] = ["The query is required."] }, title: "The search is invalid.").ExecuteAsync(context)));
        using var host = WebClientHost.Build(api.BaseAddress);

        var error = await Assert.ThrowsAsync<ApiException>(() => host.Client<SearchApiClient>().SearchAsync(new SearchRequest(" ")));

        Assert.Equal(("The query is required.", 400), (error.Message, error.Status));
        Assert.Equal(1, api.Requests("POST /api/search"));
    }
}
