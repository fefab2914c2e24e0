using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace TacticalRag.Api.Llm;

/// <summary>
/// A model's streamed answer, read the one way every streaming endpoint reads it (<c>/api/llm/stream</c>, the answer
/// pipeline behind <c>/api/ask/stream</c> and <c>/v1</c>'s grounded model, <c>/v1</c>'s gateway model).
/// <para>The first-token rule: <see cref="OpenAsync"/> waits for the first update, so "no backend" (thrown there, as
/// <see cref="NoLlmBackendAvailableException"/>) can still be answered another way before anything is sent, and the
/// backend that produced the first update is the one that writes the whole answer (the gateway fails over only before
/// it).</para>
/// <para>The relay: <see cref="ReadAsync"/> yields each non-empty piece of text and keeps the whole text, the finish
/// reason and the usage the backend reported. A backend that breaks off mid-answer ends the pieces early with
/// <see cref="Interruption"/> set; nothing is switched silently.</para>
/// </summary>
public sealed class LlmTokenStream : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;
    private readonly bool _any;
    private readonly StringBuilder _text = new();
    private ChatFinishReason? _finish;
    private bool _read;

    private LlmTokenStream(IAsyncEnumerator<ChatResponseUpdate> updates, bool any)
    {
        _updates = updates;
        _any = any;
        ServedBy = any ? updates.Current.GetServedBy() : null;
    }

    /// <summary>Who produced the first update; null when the stream was empty or no update said.</summary>
    public LlmServedBy? ServedBy { get; private set; }

    /// <summary>The text read so far: all of it once <see cref="ReadAsync"/> is done.</summary>
    public string Text => _text.ToString();

    /// <summary>OpenAI's <c>finish_reason</c> the backend gave ("stop" when it gave none).</summary>
    public string FinishReason => FinishReasonOf(_finish);

    /// <summary>Token counts the backend reported in the stream (vLLM with include_usage, Ollama's final counts), if any.</summary>
    public UsageDetails? Usage { get; private set; }

    /// <summary>Set when the backend broke off mid-answer: the text is then incomplete and must not be taken for an answer.</summary>
    public LlmStreamInterruptedException? Interruption { get; private set; }

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

    /// <summary>Each non-empty piece of text, from the first update on. Read once.</summary>
    public async IAsyncEnumerable<string> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_read) throw new InvalidOperationException("A token stream is read once.");
        _read = true;
        for (var more = _any; more; more = await NextAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var update = _updates.Current;
            ServedBy ??= update.GetServedBy();
            _finish = update.FinishReason ?? _finish;
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                (Usage ??= new UsageDetails()).Add(usage.Details);
            }
            if (!string.IsNullOrEmpty(update.Text))
            {
                _text.Append(update.Text);
                yield return update.Text;
            }
        }
    }

    /// <summary>OpenAI's wire value for a finish reason; "stop" where the backend gave none.</summary>
    public static string FinishReasonOf(ChatFinishReason? reason) => reason?.Value ?? ChatFinishReason.Stop.Value;

    public ValueTask DisposeAsync() => _updates.DisposeAsync();

    private async ValueTask<bool> NextAsync()
    {
        try
        {
            return await _updates.MoveNextAsync();
        }
        catch (LlmStreamInterruptedException exception)
        {
            Interruption = exception;
            return false;
        }
    }
}
