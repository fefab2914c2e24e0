namespace TacticalRag.ModelServerSim;

/// <summary>vLLM's error after a stream began: the status is already 200, so it arrives as a data line, then <c>[DONE]</c>.</summary>
internal static class VllmStreamError
{
    public static async Task WriteAsync(HttpResponse response, string message, CancellationToken ct)
    {
        var error = new { error = new { message, type = "InternalServerError", param = (string?)null, code = 500 } };
        await SseWriter.WriteDataAsync(response, error, ct);
        await SseWriter.WriteDoneAsync(response, ct);
    }
}
