using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace TacticalRag.Api.Security;

internal static class RateLimitRejection
{
    /// <summary>429 with <c>Retry-After</c> and a ProblemDetails that says when to come back.</summary>
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        // OpenAI SDKs read their error shape (and Retry-After) to back off and retry.
        await RefusalWriter.WriteAsync(context, new Refusal(StatusCodes.Status429TooManyRequests, "Too many requests.",
            $"This client sent more requests than its limit allows; try again in {retryAfter} s.", "rate_limit_exceeded") { Type = "requests" });
    }
}
