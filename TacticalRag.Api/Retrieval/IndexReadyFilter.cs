using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Retrieval;

/// <summary>
/// Holds a search or a question while this replica's index is still loading (up to
/// <see cref="RetrievalOptions.IndexLoadWait"/>), then answers 503 with Retry-After: an empty result would say the
/// library holds nothing, which is false.
/// </summary>
public sealed class IndexReadyFilter(IndexReadiness readiness, IOptions<RetrievalOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!readiness.IsLoaded)
        {
            try
            {
                await readiness.Loaded.WaitAsync(options.Value.IndexLoadWait, context.HttpContext.RequestAborted);
            }
            catch (TimeoutException)
            {
                context.HttpContext.Response.Headers.RetryAfter = "5";
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "The library is still loading.",
                    detail: "This replica is still loading the library into its search index. Try again in a few seconds.");
            }
        }
        return await next(context);
    }
}
