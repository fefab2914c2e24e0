using System.Net.Mime;

namespace TacticalRag.ModelServerSim;

/// <summary>Writes a complete (non-streamed) JSON body, applying the faults that can spoil one.</summary>
internal static class JsonAnswer
{
    /// <param name="tokens">How many tokens the body stands for: a non-streamed answer takes as long as a streamed one.</param>
    public static async Task WriteGenerationAsync(HttpContext context, SimulatorState state, byte[] body, int tokens)
    {
        var fault = state.Fault;
        if (fault == SimFault.SlowFirstToken && !await SimDelay.WaitAsync(context, state.Options.SlowFirstTokenDelay))
        {
            return;
        }

        if (tokens > 1 && !await SimDelay.WaitAsync(context, state.Options.TokenDelay * (tokens - 1)))
        {
            return;
        }

        await WriteBodyAsync(context, body, fault);
    }

    /// <summary>Listings a health monitor reads (<c>/v1/models</c>, <c>/api/tags</c>): only a malformed body applies.</summary>
    public static Task WriteProbeAsync(HttpContext context, SimulatorState state, byte[] body) =>
        WriteBodyAsync(context, body, state.Fault == SimFault.MalformedJson ? SimFault.MalformedJson : SimFault.None);

    private static async Task WriteBodyAsync(HttpContext context, byte[] body, SimFault fault)
    {
        var response = context.Response;
        response.ContentType = MediaTypeNames.Application.Json;
        switch (fault)
        {
            case SimFault.MalformedJson:
                response.ContentLength = body.Length / 2;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
                break;
            case SimFault.StreamCut:
                // The full length is announced and half is sent: the client sees the body end early.
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
                await SimDelay.AbortAfterFlushAsync(context);
                break;
            default:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body, context.RequestAborted);
                break;
        }
    }
}
