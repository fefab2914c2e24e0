using System.Diagnostics;

namespace TacticalRag.Api.Llm;

/// <summary>
/// A backend's answer once its first token arrived: the updates held back while opening, then the rest read strictly.
/// A failure from here on is <see cref="LlmStreamInterruptedException"/> (the backend marked down, never a switch); the
/// end of a complete answer marks the backend up. Disposing it ends the <c>llm.generate</c> span.
/// </summary>
internal sealed class ServedStream<T>(
    StrictStream<T> stream, BackendCall<T> call, LlmServedBy servedBy, StreamOutcome outcome, CancellationToken cancellationToken)
    : IAsyncDisposable
{
    private int _prelude;
    private int _delivered;
    private bool _ended;

    public LlmServedBy ServedBy { get; } = servedBy;

    public LlmBackend Backend => stream.Backend;

    public T Current { get; private set; } = default!;

    public async ValueTask<bool> MoveNextAsync()
    {
        if (_prelude < stream.Prelude.Count)
        {
            return Deliver(stream.Prelude[_prelude++]);
        }
        if (stream.HasCurrent)
        {
            stream.HasCurrent = false;
            return Deliver(stream.Current);
        }
        if (_ended)
        {
            return false;
        }
        bool more;
        try
        {
            more = await stream.MoveNextAsync();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && BackendFailoverChatClient.Classify(exception, outcome.Total, stream.Stalled) is { } reason)
        {
            _ended = true;
            throw outcome.Interrupted(stream.Backend, ServedBy, _delivered, reason, exception);
        }
        if (!more)
        {
            _ended = true;
            outcome.Finished(stream.Backend, ServedBy);
            return false;
        }
        return Deliver(stream.Current);
    }

    private bool Deliver(T update)
    {
        Current = update;
        _delivered += call.HasText(update) ? 1 : 0;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        outcome.Dispose();
    }
}

/// <summary>What the end of a served answer records: backend state, metrics, the warning for a broken answer, the span.</summary>
internal sealed class StreamOutcome(
    LlmTelemetry telemetry, TimeProvider time, ILogger logger, Activity? activity, CancellationTokenSource total, long started) : IDisposable
{
    public CancellationTokenSource Total => total;

    public void Finished(LlmBackend backend, LlmServedBy servedBy)
    {
        backend.State.MarkUp(time.GetUtcNow());
        telemetry.Completed(servedBy.Backend, "success", time.GetElapsedTime(started));
    }

    public LlmStreamInterruptedException Interrupted(LlmBackend backend, LlmServedBy servedBy, int delivered, FailureReason reason, Exception exception)
    {
        backend.State.MarkDown(reason, exception.Message, time.GetUtcNow());
        telemetry.Completed(servedBy.Backend, "interrupted", time.GetElapsedTime(started));
        BackendFailoverChatClient.LogInterrupted(logger, backend.Name, delivered, reason.ToTag(), exception.Message);
        activity?.SetStatus(ActivityStatusCode.Error, "stream interrupted");
        return new LlmStreamInterruptedException(backend.Name, delivered, reason, exception);
    }

    public void Dispose()
    {
        total.Dispose();
        activity?.Dispose();
    }
}
