namespace TacticalRag.Api.Security;

/// <summary>
/// The one writer of a refused request's answer, whatever the client accepts: a registered protocol shape where one
/// applies (OpenAI's under <c>/v1</c>), otherwise ProblemDetails through the ProblemDetails service, which answers
/// JSON, an SSE <c>error</c> event to a client that asked for a stream, and JSON to any other <c>Accept</c>
/// (<see cref="ServerSentEventProblemWriter"/>, <see cref="AnyAcceptProblemWriter"/>): never a 500.
/// </summary>
internal sealed class RefusalWriter(IEnumerable<IRefusalShape> shapes, IProblemDetailsService problems)
{
    private readonly IRefusalShape[] _shapes = [.. shapes];

    public async Task WriteRefusalAsync(HttpContext context, Refusal refusal)
    {
        if (context.Response.HasStarted)
        {
            return;
        }
        context.Response.StatusCode = refusal.Status;
        if (_shapes.FirstOrDefault(s => s.Applies(context.Request)) is { } shape)
        {
            await shape.WriteAsync(context, refusal, context.RequestAborted);
            return;
        }
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = refusal.Status, Title = refusal.Title, Detail = refusal.Detail },
        };
        problem.ProblemDetails.Extensions["code"] = refusal.Code;
        if (refusal.Param is { } param)
        {
            problem.ProblemDetails.Extensions["param"] = param;
        }
        await problems.WriteAsync(problem);
    }

    /// <summary>For callers outside dependency injection's reach (authentication handlers, the rate limiter's callback).</summary>
    public static Task WriteAsync(HttpContext context, Refusal refusal) =>
        context.RequestServices.GetRequiredService<RefusalWriter>().WriteRefusalAsync(context, refusal);
}
