using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Answering;
using TacticalRag.Api.Common;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Security;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Model <c>tacticalrag</c>: the last user message answered from the library through <see cref="AskService"/>, with
/// citations as [n] in the text and in the extension field. With no model answering it still answers, retrieval-only
/// (backend <c>none</c>). Sampling parameters do not apply: grounded answers use the gateway's configured settings.
/// Answering decides every case (cached, nothing found, no backend, broken off); this maps its events to OpenAI's shapes.
/// </summary>
public sealed class GroundedChatCompletions(AskService ask, IOptions<ConversationOptions> conversations, TimeProvider time)
{
    public async Task<Results<JsonHttpResult<ChatCompletion>, JsonHttpResult<ErrorBody>>> CompleteAsync(
        HttpContext context, ParsedChatRequest request, CancellationToken cancellationToken)
    {
        var answer = await AnswerAsync(context, request, AnswerDelivery.Whole, cancellationToken).CollectAsync();
        if (answer.Outcome is not { } outcome)
        {
            return OpenAiErrors.Result(StatusCodes.Status502BadGateway, answer.Failure!.Detail, "server_error", code: ChatChunkStream.InterruptedCode);
        }
        var served = Served(outcome);
        AnswerProvenance.Record(context, request.Model, served);
        var choice = new CompletionChoice(0, new AssistantMessage(outcome.Answer, served), outcome.FinishReason);
        return TypedResults.Json(
            new ChatCompletion(request.Id, request.Created, request.Model, AnswerProvenance.Fingerprint(served), [choice], Usage(outcome)),
            OpenAiJsonContext.Default.ChatCompletion);
    }

    public async Task<EmptyHttpResult> StreamAsync(HttpContext context, ParsedChatRequest request, CancellationToken cancellationToken)
    {
        var stream = new ChatChunkStream(context, request);
        await foreach (var step in AnswerAsync(context, request, AnswerDelivery.Streamed, cancellationToken))
        {
            await (step switch
            {
                // The headers name the backend, known at the first token; the sources come with the last chunk.
                AnswerStarted started => stream.StartAsync(Served(started.Author), cancellationToken),
                AnswerToken token => stream.ContentAsync(token.Text, cancellationToken),
                AnswerDone done => stream.FinishAsync(done.Outcome.FinishReason, Served(done.Outcome), Usage(done.Outcome), cancellationToken),
                AnswerFailed failed => stream.FailAsync(failed.Detail, ChatChunkStream.InterruptedCode, cancellationToken),
                _ => Task.CompletedTask,
            });
        }
        return TypedResults.Empty;
    }

    /// <summary>The turn is recorded as a conversation of the caller's, like one asked through <c>/api/ask</c>.</summary>
    private IAsyncEnumerable<AnswerEvent> AnswerAsync(HttpContext context, ParsedChatRequest request, AnswerDelivery delivery, CancellationToken cancellationToken)
    {
        var (question, history) = OpenAiConversation.From(request.Messages, conversations.Value, time.GetUtcNow());
        return ask.AnswerAsync(new AskRequest(question, history?.Id, null), history, Caller.From(context), delivery, cancellationToken);
    }

    /// <summary>A retrieval-only answer counts as a fallback: the passages stand in for the written answer.</summary>
    private static TacticalRagExtension Served(AnswerAuthor author) =>
        new(author.Backend, author.Model, author.Fallback || !author.IsModel);

    private static TacticalRagExtension Served(AnswerOutcome outcome) => Served(outcome.Author) with
    {
        Citations = outcome.Cited.Select(c => new OpenAiCitation(c.Index, c.DocumentId, c.Title, c.ChunkId, c.Section, c.Page, c.Excerpt, c.Text)).ToArray(),
        Strategy = outcome.Grounding.Strategy.WireName(),
        ConversationId = outcome.Grounding.ConversationId,
        Cached = outcome.Cached,
    };

    /// <summary>Estimated: the grounded prompt's size as Answering reports it, and the answer's text.</summary>
    private static Usage Usage(AnswerOutcome outcome) =>
        TokenUsage.From(null, TokenUsage.EstimateCharacters(outcome.PromptCharacters), outcome.Answer);
}
