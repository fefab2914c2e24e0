using System.Text;
using Microsoft.Extensions.AI;
using TacticalRag.Api.Common;

namespace TacticalRag.Api.Llm;

/// <summary>
/// A model's streamed answer relayed as SSE <c>token</c> events: the one streaming loop of <c>/api/llm/stream</c> and
/// <c>/api/ask/stream</c>. It is opened first, so that "no backend" (thrown by <see cref="OpenAsync"/>) can still be
/// answered another way before anything is sent; a backend that breaks off mid-answer ends the relay with an
/// <c>error</c> event, nothing is switched silently.
/// </summary>
public sealed class LlmTokenStream : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;
    private bool _hasCurrent;

    private LlmTokenStream(IAsyncEnumerator<ChatResponseUpdate> updates, bool hasCurrent)
    {
        _updates = updates;
        _hasCurrent = hasCurrent;
    }

    /// <summary>Waits for the first update. Throws <see cref="NoLlmBackendAvailableException"/> when no backend answered.</summary>
    public static async Task<LlmTokenStream> OpenAsync(IAsyncEnumerable<ChatResponseUpdate> updates, CancellationToken cancellationToken)
    {
        var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        try
        {
            return new LlmTokenStream(enumerator, await enumerator.MoveNextAsync());
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends each piece of text as a <c>token</c> event; the whole text and who served it, or null when the backend
    /// broke off (an <c>error</c> event has then been sent and the stream must end).
    /// </summary>
    public async Task<StreamedText?> RelayAsync(ServerSentEventWriter events, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        LlmServedBy? servedBy = null;
        try
        {
            for (; _hasCurrent; _hasCurrent = await _updates.MoveNextAsync())
            {
                servedBy ??= _updates.Current.GetServedBy();
                if (!string.IsNullOrEmpty(_updates.Current.Text))
                {
                    text.Append(_updates.Current.Text);
                    await events.WriteAsync("token", new LlmTokenEvent(_updates.Current.Text), cancellationToken);
                }
            }
        }
        catch (LlmStreamInterruptedException exception)
        {
            await events.WriteAsync("error", new LlmErrorEvent(exception.Message), cancellationToken);
            return null;
        }
        return new StreamedText(text.ToString(), servedBy);
    }

    public ValueTask DisposeAsync() => _updates.DisposeAsync();
}

/// <summary>The text a stream carried and the backend that served it (null when no update said).</summary>
public sealed record StreamedText(string Text, LlmServedBy? ServedBy);
