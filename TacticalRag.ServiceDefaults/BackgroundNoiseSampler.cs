using System.Diagnostics;
using OpenTelemetry.Trace;

namespace TacticalRag.ServiceDefaults;

/// <summary>
/// Keeps the traces page to what users did. A client call that no request, event or job started is background chatter
/// (the index's Redis consistency checks, an applied change, the cache's housekeeping, the web's status refresh every
/// few seconds per open page, the web's PostgreSQL reads of security stamps and keys) and would otherwise be a trace of
/// its own and bury the asks; such a call's context still travels, marked unsampled, so the server it calls drops its
/// side too. A Blazor circuit's start is plumbing, not an action: the user's events (<c>Event onsubmit ...</c>) are
/// traced without it. Everything else is sampled as its parent was (all of it, as Aspire's
/// defaults do); work wrapped in <c>SuppressInstrumentationScope</c> (the model-server and reranker probes) is never
/// traced at all.
/// </summary>
public sealed class BackgroundNoiseSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    /// <summary>
    /// Operation name of Blazor's circuit-start activity (.NET 10). Route changes and events that call nothing are
    /// left out after the fact (<see cref="IdleUiSpanFilter"/>): whether they did anything is known only at their end.
    /// </summary>
    private static readonly HashSet<string> BlazorPlumbing =
    [
        "Microsoft.AspNetCore.Components.Server.Circuits.StartCircuit",
    ];

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var parent = samplingParameters.ParentContext;
        if (parent.TraceId != default)
        {
            // A span under an unrecorded parent (a /health request, a dropped command) is dropped with it.
            return (parent.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? Keep : Drop;
        }
        return IsBackgroundCall(samplingParameters) || BlazorPlumbing.Contains(samplingParameters.Name) ? Drop : Keep;
    }

    /// <summary>
    /// An outgoing call (Redis, PostgreSQL, HTTP) with nothing above it: a user's action or a job is always a span
    /// above its calls. Tags are not read: database clients set theirs after the sampler runs.
    /// </summary>
    private static bool IsBackgroundCall(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client;
}
