namespace TacticalRag.ModelServerSim;

/// <summary>text-embeddings-inference's error body: <c>{"error":"...","error_type":"Validation"}</c>.</summary>
internal static class TeiErrors
{
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new TeiErrorBody(message, TypeFor(status)), SimJson.Tei, context.RequestAborted);
    }

    public static Task<bool> TryWriteFaultAsync(HttpContext context, SimFault fault) =>
        ErrorFaults.TryAnswerAsync(context, fault, WriteAsync);

    /// <summary>TEI's <c>ErrorType</c> values, by the status each is sent with.</summary>
    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Empty",
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status422UnprocessableEntity => "Validation",
        StatusCodes.Status429TooManyRequests => "Overloaded",
        StatusCodes.Status503ServiceUnavailable => "Unhealthy",
        _ => "Backend",
    };
}
