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
            var choice = new CompletionChoice(0, new AssistantMessage(text, served), LlmTokenStream.FinishReasonOf(response.FinishReason));
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
        LlmTokenStream tokens;
        try
        {
            // Nothing is sent before a backend produced its first token, so "no backend" is still a plain 503.
            tokens = await LlmTokenStream.OpenAsync(llm.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken), cancellationToken);
        }
        catch (NoLlmBackendAvailableException exception)
        {
            return NoBackend(context, exception);
        }
        await using (tokens)
        {
            var served = Served(tokens.ServedBy);
            var stream = new ChatChunkStream(context, request);
            await stream.StartAsync(served, cancellationToken);
            await foreach (var piece in tokens.ReadAsync(cancellationToken))
            {
                await stream.ContentAsync(piece, cancellationToken);
            }
            if (tokens.Interruption is { } interruption)
            {
                await stream.FailAsync(interruption.Message, ChatChunkStream.InterruptedCode, cancellationToken);
                return TypedResults.Empty;
            }
            var usage = TokenUsage.From(tokens.Usage, TokenUsage.Estimate(request.Messages), tokens.Text);
            await stream.FinishAsync(tokens.FinishReason, served, usage, cancellationToken);
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
