namespace TacticalRag.Api.Llm;

/// <summary>One time a request moved past a backend, as the status page lists it.</summary>
public sealed record FallbackEvent(DateTimeOffset AtUtc, string Backend, string Reason, string Detail);

/// <summary>The most recent fallbacks of this replica, newest first, for operators; bounded so it never grows.</summary>
public sealed class FallbackLog(TimeProvider time)
{
    public const int Capacity = 50;

    private readonly Lock _gate = new();
    private readonly Queue<FallbackEvent> _events = new(Capacity);

    public void Record(string backend, FailureReason reason, string detail)
    {
        var entry = new FallbackEvent(time.GetUtcNow(), backend, reason.ToTag(), detail.Length > 300 ? detail[..300] + "…" : detail);
        lock (_gate)
        {
            if (_events.Count == Capacity)
            {
                _events.Dequeue();
            }
            _events.Enqueue(entry);
        }
    }

    public IReadOnlyList<FallbackEvent> Recent()
    {
        lock (_gate)
        {
            return _events.Reverse().ToArray();
        }
    }
}
