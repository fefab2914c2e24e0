using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Security;
using TacticalRag.Api.Prompting;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Model <c>tacticalrag</c>: the last user message answered from the library through <see cref="AskService"/>, with
/// citations as [n] in the text and in the extension field. With no model answering it still answers, retrieval-only
/// (backend <c>none</c>). Sampling parameters do not apply: grounded answers use the gateway's configured settings.
/// </summary>
public sealed class GroundedChatCompletions(AskService ask, IOptions<ConversationOptions> conversations, TimeProvider time)
{
    public async Task<JsonHttpResult<ChatCompletion>> CompleteAsync(HttpContext context, ParsedChatRequest request, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(context, request, cancellationToken);
        var response = await ask.AnswerAsync(prepared, cancellationToken);
        var served = Served(response);
        AnswerProvenance.Record(context, request.Model, served);
        var choice = new CompletionChoice(0, new AssistantMessage(response.Answer, served), "stop");
        return TypedResults.Json(
            new ChatCompletion(request.Id, request.Created, request.Model, AnswerProvenance.Fingerprint(served), [choice], Usage(prepared, response.Answer)),
            OpenAiJsonContext.Default.ChatCompletion);
    }

    public async Task<EmptyHttpResult> StreamAsync(HttpContext context, ParsedChatRequest request, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(context, request, cancellationToken);
        var stream = new ChatChunkStream(context, request);
        if (prepared.CachedAnswer is not null || prepared.Sources.Count == 0)
        {
            await WholeAsync(stream, prepared, await ask.AnswerAsync(prepared, cancellationToken), cancellationToken);
            return TypedResults.Empty;
        }
        var started = time.GetTimestamp();
        await using var updates = ask.StreamAsync(prepared, cancellationToken).GetAsyncEnumerator(cancellationToken);
        bool any;
        try
        {
            any = await updates.MoveNextAsync();
        }
        catch (NoLlmBackendAvailableException)
        {
            var passages = RetrievalOnlyAnswer.Compose(prepared.Sources);
            await WholeAsync(stream, prepared,
                await ask.FinishAsync(prepared, new GeneratedAnswer(passages, LlmBackend.None, null, false, TimeSpan.Zero), cancellationToken), cancellationToken);
            return TypedResults.Empty;
        }
        var servedBy = any ? updates.Current.GetServedBy() : null;
        await stream.StartAsync(new TacticalRagExtension(servedBy?.Backend ?? LlmBackend.None, servedBy?.Model, servedBy?.Fallback ?? false), cancellationToken);
        var answer = any ? await StreamRelay.RelayAsync(updates, stream, cancellationToken) : new RelayedAnswer("", "stop", null);
        if (answer is not null)
        {
            var response = await ask.FinishAsync(prepared, new GeneratedAnswer(answer.Text, servedBy?.Backend ?? LlmBackend.None, servedBy?.Model,
                servedBy?.Fallback ?? false, time.GetElapsedTime(started)), cancellationToken);
            await stream.FinishAsync(answer.FinishReason, Served(response), Usage(prepared, answer.Text), cancellationToken);
        }
        return TypedResults.Empty;
    }

    /// <summary>The turn is recorded as a conversation of the caller's, like one asked through <c>/api/ask</c>.</summary>
    private Task<PreparedAnswer> PrepareAsync(HttpContext context, ParsedChatRequest request, CancellationToken cancellationToken)
    {
        var (question, history) = OpenAiConversation.From(request.Messages, conversations.Value, time.GetUtcNow());
        return ask.PrepareAsync(new AskRequest(question, history?.Id, null), history, Caller.From(context), cancellationToken);
    }

    /// <summary>A cached or retrieval-only answer: one content chunk, as <c>/api/ask/stream</c> sends it as one token.</summary>
    private static async Task WholeAsync(ChatChunkStream stream, PreparedAnswer prepared, AskResponse response, CancellationToken cancellationToken)
    {
        var served = Served(response);
        await stream.StartAsync(served, cancellationToken);
        await stream.ContentAsync(response.Answer, cancellationToken);
        await stream.FinishAsync("stop", served, Usage(prepared, response.Answer), cancellationToken);
    }

    /// <summary>A retrieval-only answer counts as a fallback: the passages stand in for the written answer.</summary>
    private static TacticalRagExtension Served(AskResponse response) => new(
        response.Backend, response.Model, response.Fallback || response.Backend == LlmBackend.None,
        response.Citations.Select(c => new OpenAiCitation(c.Index, c.DocumentId, c.Title, c.ChunkId, c.Section, c.Page, c.Excerpt, c.Text)).ToArray(),
        response.Strategy, response.ConversationId, response.Cached);

    private static Usage Usage(PreparedAnswer prepared, string answer) =>
        TokenUsage.From(null, TokenUsage.Estimate(GroundedPrompt.Build(prepared.StandaloneQuestion, prepared.Sources)), answer);
}
