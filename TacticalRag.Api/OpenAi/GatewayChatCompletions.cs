using Microsoft.AspNetCore.Http.HttpResults;
using TacticalRag.Api.Llm;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Model <c>tacticalrag-chat</c>: the messages as given, straight to the gateway (vLLM, failing over to Ollama per request).
/// </summary>
public sealed class GatewayChatCompletions(BackendFailoverChatClient llm)
{
    public async Task<Results<JsonHttpResult<ChatCompletion>, JsonHttpResult<ErrorBody>>> CompleteAsync(
        HttpContext context, ParsedChatRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await llm.GetResponseAsync(request.Messages, request.Options, cancellationToken);
            var served = Served(response.GetServedBy());
            AnswerProvenance.Record(context, request.Model, served);
            var text = response.Text;
            var choice = new CompletionChoice(0, new AssistantMessage(text, served), StreamRelay.FinishReasonOf(response.FinishReason));
            var usage = TokenUsage.From(response.Usage, TokenUsage.Estimate(request.Messages), text);
            return TypedResults.Json(
                new ChatCompletion(request.Id, request.Created, request.Model, AnswerProvenance.Fingerprint(served), [choice], usage),
                OpenAiJsonContext.Default.ChatCompletion);
        }
        catch (NoLlmBackendAvailableException exception)
        {
            return NoBackend(context, exception);
        }
    }

    public async Task<Results<EmptyHttpResult, JsonHttpResult<ErrorBody>>> StreamAsync(
        HttpContext context, ParsedChatRequest request, CancellationToken cancellationToken)
    {
        await using var updates = llm.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        bool any;
        try
        {
            // Nothing is sent before a backend produced its first token, so "no backend" is still a plain 503.
            any = await updates.MoveNextAsync();
        }
        catch (NoLlmBackendAvailableException exception)
        {
            return NoBackend(context, exception);
        }
        var served = Served(any ? updates.Current.GetServedBy() : null);
        var stream = new ChatChunkStream(context, request);
        await stream.StartAsync(served, cancellationToken);
        var answer = any ? await StreamRelay.RelayAsync(updates, stream, cancellationToken) : new RelayedAnswer("", "stop", null);
        if (answer is not null)
        {
            var usage = TokenUsage.From(answer.Usage, TokenUsage.Estimate(request.Messages), answer.Text);
            await stream.FinishAsync(answer.FinishReason, served, usage, cancellationToken);
        }
        return TypedResults.Empty;
    }

    private static TacticalRagExtension Served(LlmServedBy? servedBy) =>
        new(servedBy?.Backend ?? LlmBackend.None, servedBy?.Model, servedBy?.Fallback ?? false);

    private static JsonHttpResult<ErrorBody> NoBackend(HttpContext context, NoLlmBackendAvailableException exception)
    {
        context.Response.Headers.RetryAfter = "5";
        context.Response.Headers[AnswerProvenance.BackendHeader] = LlmBackend.None;
        return OpenAiErrors.Result(StatusCodes.Status503ServiceUnavailable, exception.Message, "server_error", code: "no_backend_available");
    }
}
