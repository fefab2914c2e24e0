namespace TacticalRag.ModelServerSim;

/// <summary>How one protocol writes an answer: as a stream of chunks or as one JSON body.</summary>
internal interface IGenerationFormat
{
    string StreamContentType { get; }

    /// <summary>What goes out with the headers, before any token (vLLM chat: the role-only chunk).</summary>
    Task WriteStreamStartAsync(HttpResponse response, GenerationPlan plan, CancellationToken ct);

    Task WriteStreamTokenAsync(HttpResponse response, GenerationPlan plan, string token, CancellationToken ct);

    /// <summary>The closing chunk(s): finish reason, usage, <c>[DONE]</c> or <c>done:true</c>.</summary>
    Task WriteStreamEndAsync(HttpResponse response, GenerationPlan plan, CancellationToken ct);

    /// <summary>A chunk that does not parse, for <see cref="SimFault.MalformedJson"/>.</summary>
    Task WriteStreamMalformedAsync(HttpResponse response, CancellationToken ct);

    /// <summary>The protocol's error inside a 200 stream, for <see cref="SimFault.InBandError"/>.</summary>
    Task WriteStreamErrorAsync(HttpResponse response, string message, CancellationToken ct);

    byte[] SerializeComplete(GenerationPlan plan);
}

/// <summary>Plays a planned answer over the wire, applying the faults that shape a response once it has begun.</summary>
internal static class GenerationRunner
{
    public static Task RunAsync(HttpContext context, SimulatorState state, IGenerationFormat format, GenerationPlan plan, bool stream) =>
        stream
            ? StreamAsync(context, state, format, plan)
            : JsonAnswer.WriteGenerationAsync(context, state, format.SerializeComplete(plan), plan.Tokens.Count);

    private static async Task StreamAsync(HttpContext context, SimulatorState state, IGenerationFormat format, GenerationPlan plan)
    {
        var fault = state.Fault;
        // Taken with the fault, so a stall ends on any change after this request began, however late it reaches the stall.
        var faultChanged = state.FaultChangedToken;
        var response = context.Response;
        var ct = context.RequestAborted;
        if (fault == SimFault.NonStreamBody)
        {
            await StreamFaults.WriteNonStreamBodyAsync(response, format.SerializeComplete(plan), ct);
            return;
        }

        response.ContentType = format.StreamContentType;
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(ct);
        if (fault == SimFault.EmptyStream)
        {
            return;
        }

        await format.WriteStreamStartAsync(response, plan, ct);

        if (fault == SimFault.MalformedJson)
        {
            await format.WriteStreamMalformedAsync(response, ct);
            return;
        }

        if (fault == SimFault.SlowFirstToken && !await SimDelay.WaitAsync(context, state.Options.SlowFirstTokenDelay))
        {
            return;
        }

        for (var i = 0; i < plan.Tokens.Count; i++)
        {
            if (fault is SimFault.StreamCut or SimFault.InBandError && i == state.Options.StreamCutAfterTokens)
            {
                break;
            }

            if (fault == SimFault.StallAfterFirstToken && i == 1)
            {
                await StreamFaults.StallAsync(context, faultChanged);
                return;
            }

            if (i > 0 && !await SimDelay.WaitAsync(context, state.Options.TokenDelay))
            {
                return;
            }

            await format.WriteStreamTokenAsync(response, plan, plan.Tokens[i], ct);
        }

        if (fault == SimFault.StreamCut)
        {
            // Even a short answer is cut before its end marker: the client must never see a clean finish.
            await SimDelay.AbortAfterFlushAsync(context);
            return;
        }

        if (fault == SimFault.InBandError)
        {
            await format.WriteStreamErrorAsync(response, "The engine failed while generating (simulated).", ct);
            return;
        }

        if (fault != SimFault.NoDoneMarker)
        {
            await format.WriteStreamEndAsync(response, plan, ct);
        }
    }
}
