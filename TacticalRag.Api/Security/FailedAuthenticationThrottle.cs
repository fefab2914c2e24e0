using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Security;

/// <summary>
/// Refused attempts count: every 401 takes a token from its network address's bucket
/// (<see cref="RateLimitOptions.FailedAuthBurst"/>, refilled at <see cref="RateLimitOptions.FailedAuthPerMinute"/>), and an
/// address whose bucket is empty is answered 429 with <c>Retry-After</c> before its credentials are even looked at, so
/// guessing keys or tokens is slow. Accepted requests take nothing: the web front end's address, shared by all its users,
/// is never held back by their successes, and the per-client limiter still applies to them.
/// </summary>
internal sealed class FailedAuthenticationThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly RateLimitOptions _limits;

    public FailedAuthenticationThrottle(IOptions<SecurityOptions> security)
    {
        _limits = security.Value.RateLimit;
        var limits = _limits;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.FailedAuthBurst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = RefillPeriod(limits),
                QueueLimit = 0,
            }));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!_limits.Enabled)
        {
            await next(context);
            return;
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (_failures.GetStatistics(address) is { CurrentAvailablePermits: <= 0 })
        {
            var retryAfter = Math.Max(1, (int)Math.Ceiling(RefillPeriod(_limits).TotalSeconds));
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await RefusalWriter.WriteAsync(context, new Refusal(StatusCodes.Status429TooManyRequests, "Too many refused attempts.",
                $"This address sent more refused credentials than Security:RateLimit:FailedAuthBurst allows; try again in {retryAfter} s.",
                "too_many_failed_attempts") { Type = "requests" });
            return;
        }
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            using var _ = _failures.AttemptAcquire(address);
        }
    }

    private static TimeSpan RefillPeriod(RateLimitOptions limits) => TimeSpan.FromMinutes(1.0 / limits.FailedAuthPerMinute);

    public void Dispose() => _failures.Dispose();
}
