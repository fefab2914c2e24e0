using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Api.Conversations;
using static TacticalRag.Api.Tests.Security.SecuredApi;

namespace TacticalRag.Api.Tests.Security;

/// <summary>Conversations are kept per owner: another user's conversation id answers 404, as if it did not exist.</summary>
[Collection(SecuredApiCollection.Name)]
public sealed class ConversationOwnershipTests(SecuredApi secured)
{
    [Fact]
    public async Task AnotherReaderCannotReadContinueOrDeleteAConversationWhileItsOwnerCan()
    {
        var id = await secured.StartConversationAsync(Who.Reader, "alice");

        using var bobReads = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{id}"), "bob");
        using var bobContinues = await secured.SendAsync(Who.Reader, Post("/api/ask", new { question = "And at night?", conversationId = id }), "bob");
        using var bobStreams = await secured.SendAsync(Who.Reader, Post("/api/ask/stream", new { question = "And at night?", conversationId = id }), "bob");
        using var bobDeletes = await secured.SendAsync(Who.Reader, Delete($"/api/conversations/{id}"), "bob");
        using var aliceContinues = await secured.SendAsync(Who.Reader, Post("/api/ask", new { question = "And at night?", conversationId = id }), "alice");
        using var aliceReads = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{id}"), "alice");

        Assert.All([bobReads, bobContinues, bobStreams, bobDeletes], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Contains("Conversation not found", await bobReads.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, aliceContinues.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliceReads.StatusCode);
        var conversation = JsonDocument.Parse(await aliceReads.Content.ReadAsStringAsync()).RootElement;
        // Both of Alice's turns, and none of Bob's attempts, are in it.
        Assert.Equal(2, conversation.GetProperty("turns").GetArrayLength());

        using var aliceDeletes = await secured.SendAsync(Who.Reader, Delete($"/api/conversations/{id}"), "alice");
        using var aliceReadsAgain = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{id}"), "alice");
        Assert.Equal(HttpStatusCode.NoContent, aliceDeletes.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, aliceReadsAgain.StatusCode);
    }

    [Fact]
    public async Task AnAdminUserDoesNotSeeAReadersConversationNorTheReaderTheServiceClients()
    {
        var readers = await secured.StartConversationAsync(Who.Reader, "carol");
        var services = await secured.StartConversationAsync(Who.ServiceClient);

        using var adminReads = await secured.SendAsync(Who.Admin, Get($"/api/conversations/{readers}"), "dave");
        using var serviceReads = await secured.SendAsync(Who.ServiceClient, Get($"/api/conversations/{readers}"));
        using var readerReads = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{services}"), "carol");
        using var serviceReadsOwn = await secured.SendAsync(Who.ServiceClient, Get($"/api/conversations/{services}"));

        Assert.Equal(HttpStatusCode.NotFound, adminReads.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, serviceReads.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readerReads.StatusCode);
        Assert.Equal(HttpStatusCode.OK, serviceReadsOwn.StatusCode);
    }

    [Fact]
    public async Task AConversationStoredBeforeOwnersIsLeftToAdminsAndServiceClients()
    {
        var id = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await secured.Api.Services.GetRequiredService<IConversationStore>().SaveAsync(
            new Conversation(id, [new ConversationTurn("Convoy spacing?", "Convoy spacing?", "100 m [1].", "vllm", [], now)], null, 0, now, now),
            CancellationToken.None);

        using var reader = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{id}"), "erin");
        using var editor = await secured.SendAsync(Who.Editor, Get($"/api/conversations/{id}"), "erin");
        using var admin = await secured.SendAsync(Who.Admin, Get($"/api/conversations/{id}"), "frank");
        using var service = await secured.SendAsync(Who.ServiceClient, Get($"/api/conversations/{id}"));

        Assert.Equal(HttpStatusCode.NotFound, reader.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, editor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, service.StatusCode);
    }

    [Fact]
    public async Task AGroundedChatCompletionIsRecordedAsTheCallersConversation()
    {
        using var completion = await secured.SendAsync(Who.Reader, Post("/v1/chat/completions", new
        {
            model = "tacticalrag",
            messages = new[]
            {
                new { role = "user", content = "What is the convoy spacing?" },
                new { role = "assistant", content = "100 m [1]." },
                new { role = "user", content = "And at night?" },
            },
        }), "gina");
        var body = await completion.Content.ReadAsStringAsync();
        Assert.True(completion.IsSuccessStatusCode, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("tacticalrag")
            .GetProperty("conversation_id").GetString();

        using var owner = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{id}"), "gina");
        using var other = await secured.SendAsync(Who.Reader, Get($"/api/conversations/{id}"), "hank");

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
