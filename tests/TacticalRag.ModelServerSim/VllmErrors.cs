namespace TacticalRag.ModelServerSim;

/// <summary>vLLM's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class VllmErrors
{
    public static Task WriteAsync(HttpContext context, int status, string message) => WriteAsync(context, status, message, null);

    public static Task ModelNotFoundAsync(HttpContext context, string? model) =>
        WriteAsync(context, StatusCodes.Status404NotFound, $"The model `{model}` does not exist.", "model");

    public static Task<bool> TryWriteFaultAsync(HttpContext context, SimFault fault) =>
        ErrorFaults.TryAnswerAsync(context, fault, WriteAsync);

    public static Task WriteAsync(HttpContext context, int status, string message, string? param)
    {
        context.Response.StatusCode = status;
        var body = new VllmErrorBody(new VllmError(message, TypeFor(status), param, status));
        return context.Response.WriteAsJsonAsync(body, SimJson.Vllm, context.RequestAborted);
    }

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "BadRequestError",
        StatusCodes.Status404NotFound => "NotFoundError",
        StatusCodes.Status429TooManyRequests => "RateLimitError",
        StatusCodes.Status503ServiceUnavailable => "ServiceUnavailableError",
        _ => "InternalServerError",
    };
}
