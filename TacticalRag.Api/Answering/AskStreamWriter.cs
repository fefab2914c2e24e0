using TacticalRag.Api.Common;
using TacticalRag.Api.Llm;

namespace TacticalRag.Api.Answering;

/// <summary>
/// Writes an answer as SSE <c>token</c> events and a closing <c>done</c>; a cached or retrieval-only answer is sent as
/// one token. A backend that breaks off mid-answer ends the stream with <c>error</c>; nothing is switched silently.
/// </summary>
internal sealed class AskStreamWriter(AskService ask, ServerSentEventWriter events, TimeProvider time)
{
    public async Task WriteAsync(PreparedAnswer prepared, CancellationToken cancellationToken)
    {
        if (prepared.CachedAnswer is not null || prepared.Sources.Count == 0)
        {
            var whole = await ask.AnswerAsync(prepared, cancellationToken);
            await events.WriteAsync("token", new LlmTokenEvent(whole.Answer), cancellationToken);
            await DoneAsync(whole, cancellationToken);
            return;
        }

        var generationStarted = time.GetTimestamp();
        LlmTokenStream tokens;
        try
        {
            tokens = await LlmTokenStream.OpenAsync(ask.StreamAsync(prepared, cancellationToken), cancellationToken);
        }
        catch (NoLlmBackendAvailableException)
        {
            var retrievalOnly = RetrievalOnlyAnswer.Compose(prepared.Sources);
            await events.WriteAsync("token", new LlmTokenEvent(retrievalOnly), cancellationToken);
            await DoneAsync(await ask.FinishAsync(prepared, new GeneratedAnswer(retrievalOnly, LlmBackend.None, null, false, TimeSpan.Zero), cancellationToken), cancellationToken);
            return;
        }
        await using (tokens)
        {
            if (await tokens.RelayAsync(events, cancellationToken) is not { } answer)
            {
                return;
            }
            var generated = new GeneratedAnswer(answer.Text, answer.ServedBy?.Backend ?? LlmBackend.None, answer.ServedBy?.Model,
                answer.ServedBy?.Fallback ?? false, time.GetElapsedTime(generationStarted));
            await DoneAsync(await ask.FinishAsync(prepared, generated, cancellationToken), cancellationToken);
        }
    }

    private Task DoneAsync(AskResponse response, CancellationToken cancellationToken) =>
        events.WriteAsync("done", new AskDoneEvent(response.Backend, response.Model, response.Fallback, response.ConversationId,
            response.Strategy, response.Cached, response.Citations.Select(c => c.Index).ToArray(), response.Timings,
            response.Ranking, response.RerankSkipped, response.PassagesDropped), cancellationToken);
}
