using System.Diagnostics;
using System.Diagnostics.Metrics;
using TacticalRag.ServiceDefaults;
using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Llm;

/// <summary>The gateway's metrics on the <c>TacticalRag</c> meter.</summary>
public sealed class LlmTelemetry
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _knownDownSkips;
    private readonly Histogram<double> _generationDuration;
    private readonly Histogram<double> _timeToFirstToken;

    public LlmTelemetry(IMeterFactory meterFactory, LlmBackendRegistry registry)
    {
        var meter = meterFactory.Create(TacticalRagTelemetry.Name);
        _requests = meter.CreateCounter<long>("tacticalrag.llm.requests", description: "LLM requests by the backend that served them and outcome.");
        _fallbacks = meter.CreateCounter<long>("tacticalrag.llm.fallbacks", description: "Times a request moved past a backend, with the reason.");
        _knownDownSkips = meter.CreateCounter<long>("tacticalrag.llm.known_down_skips", description: "Times a request passed over a backend the health monitor knows is down.");
        _generationDuration = meter.CreateHistogram<double>("tacticalrag.llm.generation.duration", unit: "s", description: "Whole generation time, failover included.");
        _timeToFirstToken = meter.CreateHistogram<double>("tacticalrag.llm.time_to_first_token", unit: "s", description: "Time until the first token reached the caller.");
        meter.CreateObservableGauge("tacticalrag.llm.backend.up", () => registry.Enabled.Select(b =>
            new Measurement<int>(b.State.Current.Availability == ModelServerAvailability.Up ? 1 : 0, new KeyValuePair<string, object?>("backend", b.Name))),
            description: "1 when the backend's last probe or request succeeded.");
    }

    public void Fallback(Activity? activity, LlmBackend from, FailureReason reason)
    {
        var tag = reason.ToTag();
        _fallbacks.Add(1, new("backend", from.Name), new("reason", tag));
        activity?.AddEvent(new ActivityEvent("llm.fallback", tags: new ActivityTagsCollection
        {
            ["backend"] = from.Name,
            ["reason"] = tag,
        }));
    }

    public void KnownDownSkip(Activity? activity, LlmBackend backend)
    {
        _knownDownSkips.Add(1, new KeyValuePair<string, object?>("backend", backend.Name));
        activity?.AddEvent(new ActivityEvent("llm.skip_known_down", tags: new ActivityTagsCollection { ["backend"] = backend.Name }));
    }

    public void FirstToken(LlmBackend backend, TimeSpan elapsed) =>
        _timeToFirstToken.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("backend", backend.Name));

    public void Completed(string backend, string outcome, TimeSpan elapsed)
    {
        _requests.Add(1, new("backend", backend), new("outcome", outcome));
        _generationDuration.Record(elapsed.TotalSeconds, new("backend", backend), new("outcome", outcome));
    }
}
