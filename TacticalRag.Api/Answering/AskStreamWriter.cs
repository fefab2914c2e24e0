using System.Text;
using TacticalRag.Api.Common;
using TacticalRag.Api.Llm;

namespace TacticalRag.Api.Answering;

/// <summary>
/// Writes an answer as SSE <c>token</c> events and a closing <c>done</c>; a cached or retrieval-only answer is sent as
/// one token. A backend that breaks off mid-answer ends the stream with <c>error</c>; nothing is switched silently.
/// </summary>
internal sealed class AskStreamWriter(AskService ask, ServerSentEventWriter events)
{
    public async Task WriteAsync(AskService.Prepared prepared, CancellationToken cancellationToken)
    {
        if (prepared.CachedAnswer is not null || prepared.Sources.Count == 0)
        {
            var whole = await ask.AnswerAsync(prepared, cancellationToken);
            await events.WriteAsync("token", new LlmTokenEvent(whole.Answer), cancellationToken);
            await DoneAsync(whole, cancellationToken);
            return;
        }

        var generationStarted = TimeProvider.System.GetTimestamp();
        var answer = new StringBuilder();
        LlmServedBy? servedBy = null;
        await using var updates = ask.StreamAsync(prepared, cancellationToken).GetAsyncEnumerator(cancellationToken);
        bool any;
        try
        {
            any = await updates.MoveNextAsync();
        }
        catch (NoLlmBackendAvailableException)
        {
            var retrievalOnly = RetrievalOnlyAnswer.Compose(prepared.Sources);
            await events.WriteAsync("token", new LlmTokenEvent(retrievalOnly), cancellationToken);
            await DoneAsync(await ask.FinishAsync(prepared, retrievalOnly, AskService.NoBackend, null, false, cached: false, 0, cancellationToken), cancellationToken);
            return;
        }
        try
        {
            for (; any; any = await updates.MoveNextAsync())
            {
                servedBy ??= updates.Current.GetServedBy();
                if (!string.IsNullOrEmpty(updates.Current.Text))
                {
                    answer.Append(updates.Current.Text);
                    await events.WriteAsync("token", new LlmTokenEvent(updates.Current.Text), cancellationToken);
                }
            }
        }
        catch (LlmStreamInterruptedException exception)
        {
            await events.WriteAsync("error", new LlmErrorEvent(exception.Message), cancellationToken);
            return;
        }
        var response = await ask.FinishAsync(prepared, answer.ToString(), servedBy?.Backend ?? AskService.NoBackend, servedBy?.Model,
            servedBy?.Fallback ?? false, cached: false, (long)TimeProvider.System.GetElapsedTime(generationStarted).TotalMilliseconds, cancellationToken);
        await DoneAsync(response, cancellationToken);
    }

    private Task DoneAsync(AskResponse response, CancellationToken cancellationToken) =>
        events.WriteAsync("done", new AskDoneEvent(response.Backend, response.Model, response.Fallback, response.ConversationId,
            response.Strategy, response.Cached, response.Citations.Select(c => c.Index).ToArray(), response.Timings,
            response.Ranking, response.RerankSkipped, response.PassagesDropped), cancellationToken);
}
