namespace TacticalRag.ModelServerSim;

/// <summary>The faults that answer with an error status before any work starts; each protocol supplies its error body.</summary>
internal static class ErrorFaults
{
    public delegate Task ErrorWriter(HttpContext context, int status, string message);

    public static async Task<bool> TryAnswerAsync(HttpContext context, SimFault fault, ErrorWriter writeError)
    {
        switch (fault)
        {
            case SimFault.ServerError:
                await writeError(context, StatusCodes.Status500InternalServerError, "Simulated internal server error.");
                return true;
            case SimFault.TooManyRequests:
                context.Response.Headers.RetryAfter = "1";
                await writeError(context, StatusCodes.Status429TooManyRequests, "Simulated overload: too many requests.");
                return true;
            default:
                return false;
        }
    }
}
