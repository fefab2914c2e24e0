using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TacticalRag.Api.OpenAi;

namespace TacticalRag.Api.Security;

internal static class RateLimitRejection
{
    /// <summary>429 with <c>Retry-After</c> and a ProblemDetails that says when to come back.</summary>
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var detail = $"This client sent more requests than its limit allows; try again in {retryAfter} s.";
        if (OpenAiErrors.Applies(context.Request))
        {
            // OpenAI SDKs read this shape (and Retry-After) to back off and retry.
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, detail, "requests", "rate_limit_exceeded", cancellationToken);
            return;
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = detail,
            },
        });
    }
}
