using System.Net.Mime;

namespace TacticalRag.ModelServerSim;

/// <summary>The stream faults that are the same in both wire formats.</summary>
internal static class StreamFaults
{
    /// <summary>As a server that ignored <c>"stream": true</c> and then broke off: a JSON content type and half a JSON body.</summary>
    public static async Task WriteNonStreamBodyAsync(HttpResponse response, byte[] complete, CancellationToken ct)
    {
        response.ContentType = MediaTypeNames.Application.Json;
        response.ContentLength = complete.Length / 2;
        await response.Body.WriteAsync(complete.AsMemory(0, complete.Length / 2), ct);
    }

    /// <summary>Holds the stream open without a byte more; ends when the client leaves or the fault changes.</summary>
    public static async Task StallAsync(HttpContext context, CancellationToken faultChanged)
    {
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await SimDelay.HangAsync(context, faultChanged);
    }
}
