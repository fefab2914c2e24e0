namespace TacticalRag.ModelServerSim;

/// <summary>Ollama's error body: <c>{"error":"message"}</c>.</summary>
internal static class OllamaErrors
{
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new OllamaErrorBody(message), SimJson.Ollama, context.RequestAborted);
    }

    /// <summary>What chat, generate and embed answer for a model that is not pulled.</summary>
    public static Task ModelNotPulledAsync(HttpContext context, string model) =>
        WriteAsync(context, StatusCodes.Status404NotFound, $"model \"{model}\" not found, try pulling it first");

    /// <summary>The shorter wording <c>/api/show</c> uses.</summary>
    public static Task ModelNotFoundAsync(HttpContext context, string model) =>
        WriteAsync(context, StatusCodes.Status404NotFound, $"model '{model}' not found");

    public static Task<bool> TryWriteFaultAsync(HttpContext context, SimFault fault) =>
        ErrorFaults.TryAnswerAsync(context, fault, WriteAsync);
}
