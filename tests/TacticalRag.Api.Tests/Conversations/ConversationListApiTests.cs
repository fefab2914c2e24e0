using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Tests.Security;
using static TacticalRag.Api.Tests.Security.SecuredApi;

namespace TacticalRag.Api.Tests.Conversations;

/// <summary>
/// <c>GET /api/conversations</c> and <c>PATCH /api/conversations/{id}</c> on real HTTP: each user's own conversations,
/// most recently used first, in pages, titled with their first question and renameable; nobody else's.
/// </summary>
[Collection(SecuredApiCollection.Name)]
public sealed class ConversationListApiTests(SecuredApi secured)
{
    [Fact]
    public async Task TheListHoldsTheCallersConversationsMostRecentlyUsedFirstInPagesTitledWithTheirFirstQuestion()
    {
        var spacing = await AskAsync("lena", "What is the convoy spacing?");
        var lead = await AskAsync("lena", "Who leads the convoy?");
        await AskAsync("lena", "And at night?", spacing);

        var first = await ListAsync("lena", "?limit=1");
        var second = await ListAsync("lena", "?offset=1&limit=1");
        var all = await ListAsync("lena", "");

        Assert.Equal(2, first.GetProperty("total").GetInt32());
        var top = Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Equal(spacing, top.GetProperty("id").GetString());
        Assert.Equal("What is the convoy spacing?", top.GetProperty("title").GetString());
        Assert.Equal(2, top.GetProperty("questions").GetInt32());
        Assert.Equal(lead, Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal((0, ConversationsApi.DefaultLimit), (all.GetProperty("offset").GetInt32(), all.GetProperty("limit").GetInt32()));
        Assert.Equal([spacing, lead], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AnotherUserNeitherSeesNorRenamesAConversation()
    {
        var id = await AskAsync("mona", "What is the convoy spacing?");

        var nicks = await ListAsync("nick", "");
        using var nickRenames = await secured.SendAsync(Who.Reader, Patch(id, new { title = "Mine now" }), "nick");
        using var monaReads = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{id}"), "mona");

        Assert.Equal(0, nicks.GetProperty("total").GetInt32());
        Assert.Empty(nicks.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, nickRenames.StatusCode);
        Assert.Contains("Conversation not found", await nickRenames.Content.ReadAsStringAsync());
        Assert.Equal("What is the convoy spacing?", (await monaReads.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task RenamingChangesTheTitleEverywhereAndKeepsTheConversationsPlace()
    {
        var older = await AskAsync("olga", "What is the convoy spacing?");
        var newer = await AskAsync("olga", "Who leads the convoy?");

        using var renamed = await secured.SendAsync(Who.Reader, Patch(older, new { title = "  Convoy spacing, day and night  " }), "olga");
        var list = await ListAsync("olga", "");
        using var read = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{older}"), "olga");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Convoy spacing, day and night", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal([newer, older], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("Convoy spacing, day and night", list.GetProperty("items")[1].GetProperty("title").GetString());
        Assert.Equal("Convoy spacing, day and night", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?offset=ten", "offset")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=2.5", "limit")]
    public async Task ABadPageIsRefusedWithAProblemNamingTheParameter(string query, string parameter)
    {
        using var response = await secured.SendAsync(Who.Reader, Get("/api/conversations" + query), "pia");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The page is invalid.", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("{\"title\":\"\"}", "must not be blank")]
    [InlineData("{\"title\":\"   \"}", "must not be blank")]
    [InlineData("{}", "must not be blank")]
    [InlineData("{\"title\":\"Line one\\nline two\"}", "control character (U+000A")]
    [InlineData("{\"title\":\"Invoice \\u202Efdp.exe\"}", "control character (U+202E")]
    [InlineData("{\"title\":\"TOO_LONG\"}", "the limit is 200")]
    public async Task ABadTitleIsRefusedWithAProblemNamingItAndTheTitleStays(string body, string expected)
    {
        var id = await AskAsync("quinn", "What is the convoy spacing?");
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/conversations/{id}")
        {
            Content = new StringContent(body.Replace("TOO_LONG", new string('x', 201)), Encoding.UTF8, "application/json"),
        };

        using var response = await secured.SendAsync(Who.Reader, request, "quinn");
        using var read = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{id}"), "quinn");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The title is invalid.", problem.GetProperty("title").GetString());
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty("title")[0].GetString());
        Assert.Equal("What is the convoy spacing?", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task ARenameThatIsNotJsonIsRefusedWithAProblem()
    {
        var id = await AskAsync("rosa", "What is the convoy spacing?");

        using var notJson = await secured.SendAsync(Who.Reader, new HttpRequestMessage(HttpMethod.Patch, $"/api/conversations/{id}")
        {
            Content = new StringContent("{\"title\":", Encoding.UTF8, "application/json"),
        }, "rosa");
        using var unlabelled = await secured.SendAsync(Who.Reader, new HttpRequestMessage(HttpMethod.Patch, $"/api/conversations/{id}")
        {
            Content = new ByteArrayContent("{\"title\":\"x\"}"u8.ToArray()),
        }, "rosa");

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("not valid JSON", await notJson.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unlabelled.StatusCode);
    }

    [Fact]
    public async Task AReopenedTurnCarriesItsSourcesCitationsBackendAndTimings()
    {
        using var asked = await secured.SendAsync(Who.Reader, Post("/api/ask", new { question = "What is the convoy spacing?" }), "sara");
        var answer = await asked.Content.ReadFromJsonAsync<JsonElement>();
        var id = answer.GetProperty("conversationId").GetString();

        using var read = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{id}"), "sara");
        var turn = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("turns")[0];
        var shown = turn.GetProperty("shown");

        Assert.Equal(answer.GetProperty("answer").GetString(), turn.GetProperty("answer").GetString());
        Assert.Equal(answer.GetProperty("backend").GetString(), turn.GetProperty("backend").GetString());
        Assert.Equal(answer.GetProperty("model").ToString(), shown.GetProperty("model").ToString());
        Assert.Equal(answer.GetProperty("timings").GetProperty("totalMs").GetInt64(), shown.GetProperty("timings").GetProperty("totalMs").GetInt64());
        Assert.Equal(answer.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("index").GetInt32()),
            shown.GetProperty("cited").EnumerateArray().Select(c => c.GetInt32()));
        Assert.NotEmpty(shown.GetProperty("cited").EnumerateArray());
        var cited = answer.GetProperty("citations")[0];
        var source = shown.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("index").GetInt32() == cited.GetProperty("index").GetInt32());
        Assert.Equal(cited.GetProperty("chunkId").GetString(), source.GetProperty("chunkId").GetString());
        Assert.Equal(cited.GetProperty("text").GetString(), source.GetProperty("text").GetString());
        Assert.Equal(cited.GetProperty("title").GetString(), source.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AConversationStoredBeforeTitlesAndShownAnswersStillReadsAndIsListedUnderItsQuestion()
    {
        var id = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await secured.Api.Services.GetRequiredService<IConversationStore>().SaveAsync(
            new Conversation(id, [new ConversationTurn("Convoy spacing?", "Convoy spacing?", "100 m [1].", "vllm", ["x-00001"], now)], null, 0, now, now,
                Owner: "user:tina"),
            CancellationToken.None);

        using var read = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{id}"), "tina");
        var list = await ListAsync("tina", "");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var turn = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("turns")[0];
        Assert.True(!turn.TryGetProperty("shown", out var shown) || shown.ValueKind == JsonValueKind.Null, turn.ToString());
        Assert.Equal("Convoy spacing?", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
    }

    private async Task<string> AskAsync(string user, string question, string? conversationId = null)
    {
        using var response = await secured.SendAsync(Who.Reader, Post("/api/ask", conversationId is null ? new { question } : new { question, conversationId }), user);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("conversationId").GetString()!;
    }

    private async Task<JsonElement> ListAsync(string user, string query)
    {
        using var response = await secured.SendAsync(Who.Reader, Get("/api/conversations" + query), user);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static HttpRequestMessage Patch(string id, object body) =>
        new(HttpMethod.Patch, $"/api/conversations/{id}") { Content = JsonContent.Create(body) };
}
