namespace TacticalRag.Api.Llm;

/// <summary>
/// One backend's open stream, read strictly: the client libraries end quietly on a body that is no stream, an empty
/// stream or one cut before its end marker, so an answer counts only when an update carried a finish reason (vLLM's
/// <c>finish_reason</c>, Ollama's <c>done: true</c>); and once tokens flow, each next update must come within the
/// stall bound, or the stream counts as broken long before the total timeout. The same rules for the client libraries'
/// updates and for the gateway's own wire reader (<see cref="WireDelta"/>); <paramref name="shape"/> says how to read
/// either.
/// </summary>
internal sealed class StrictStream<T>(
    LlmBackend backend, IAsyncEnumerator<T> updates, BackendCall<T> shape, CancellationTokenSource tokenSource, TimeSpan stallTimeout)
    : IAsyncDisposable
{
    private bool _finished;
    private bool _stallArmed;
    private Task<bool>? _pending;

    public LlmBackend Backend { get; } = backend;

    public T Current => updates.Current;

    /// <summary>Whether <see cref="Current"/> holds the first text update, read while opening and not yet passed on.</summary>
    public bool HasCurrent { get; set; }

    /// <summary>
    /// Updates read before the first token (vLLM's role-only chunk), held back until the backend is chosen; only where
    /// <see cref="BackendCall{T}.HoldsPrelude"/> (a wire reader passes on no update without text before the first token).
    /// </summary>
    public List<T> Prelude { get; } = [];

    /// <summary>Whether the stall timer cut the last read (as opposed to the first-token or total bound).</summary>
    public bool Stalled { get; private set; }

    /// <summary>Reads the next update; at the stream's end, throws unless the backend said it had finished.</summary>
    public async ValueTask<bool> MoveNextAsync()
    {
        if (_stallArmed)
        {
            tokenSource.CancelAfter(stallTimeout);
        }
        bool more;
        try
        {
            if (shape.ReadsUnderToken(Backend))
            {
                more = await updates.MoveNextAsync();
            }
            else
            {
                // Not every client library reads the body under the token (OllamaSharp does not), so the read is raced
                // against it; a read left behind is observed on dispose.
                _pending = updates.MoveNextAsync().AsTask();
                more = await _pending.WaitAsync(tokenSource.Token);
                _pending = null;
            }
        }
        catch (Exception exception) when (tokenSource.IsCancellationRequested)
        {
            // A body aborted on cancellation fails as an I/O error; it is the bound that fired, and reads as one.
            Stalled = _stallArmed;
            throw exception as OperationCanceledException ?? new OperationCanceledException(exception.Message, exception, tokenSource.Token);
        }
        if (_stallArmed)
        {
            tokenSource.CancelAfter(Timeout.InfiniteTimeSpan);
        }
        if (!more)
        {
            return _finished ? false : throw new IncompleteLlmStreamException(Backend.Name);
        }
        _finished |= shape.IsFinish(updates.Current);
        return true;
    }

    /// <summary>From the first token on, the first-token timer becomes the stall timer.</summary>
    public void ArmStallTimer()
    {
        tokenSource.CancelAfter(Timeout.InfiniteTimeSpan);
        _stallArmed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_pending is { IsCompleted: false } pending)
        {
            // An enumerator cannot be disposed mid-read; the cancelled token (or the server) ends the read, then it goes.
            _ = pending.ContinueWith(
                async read => { _ = read.Exception; await updates.DisposeAsync(); tokenSource.Dispose(); },
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            return;
        }
        await updates.DisposeAsync();
        tokenSource.Dispose();
    }
}

/// <summary>A 200 from a backend that was no complete stream: empty, not a stream, an in-band error, or no end marker.</summary>
internal sealed class IncompleteLlmStreamException(string backend)
    : Exception($"The response from {backend} ended without a finish reason: not a complete answer.");
