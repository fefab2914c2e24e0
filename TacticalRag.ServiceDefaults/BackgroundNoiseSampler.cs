using System.Diagnostics;
using OpenTelemetry.Trace;

namespace TacticalRag.ServiceDefaults;

/// <summary>
/// Keeps background chatter out of the traces: a Redis command that no request or job started (the index's
/// consistency checks, an applied change, the cache's housekeeping), or an HTTP call a timer made (the web's status
/// refresh, every few seconds per open page), would otherwise be a trace of its own and bury the asks. Such a call's
/// context still travels, marked unsampled, so the server it calls drops its side too. Everything else is sampled as its parent was (all of it, as Aspire's defaults do);
/// work wrapped in <c>SuppressInstrumentationScope</c> (the model-server and reranker probes) is never traced at all.
/// </summary>
public sealed class BackgroundNoiseSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var parent = samplingParameters.ParentContext;
        if (parent.TraceId != default)
        {
            // A span under an unrecorded parent (a /health request, a dropped command) is dropped with it.
            return (parent.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? Keep : Drop;
        }
        return IsRedisCommand(samplingParameters) || IsHttpCall(samplingParameters) ? Drop : Keep;
    }

    private static bool IsHttpCall(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client && samplingParameters.Name == "System.Net.Http.HttpRequestOut";

    private static bool IsRedisCommand(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.Kind != ActivityKind.Client || samplingParameters.Tags is null)
        {
            return false;
        }
        foreach (var (key, value) in samplingParameters.Tags)
        {
            if (key is "db.system" or "db.system.name" && value is "redis")
            {
                return true;
            }
        }
        return false;
    }
}
