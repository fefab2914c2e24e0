using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Security;

public static class SecurityServiceCollectionExtensions
{
    public const string RateLimitPolicy = "per-client";

    /// <summary>
    /// Callers by API key, or by API key plus a user token; a policy per role; rate limits per user, per key, or per
    /// address.
    /// </summary>
    public static IHostApplicationBuilder AddApiSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddAuthentication(UserTokenAuthentication.CallerSchemeName).AddCallerSchemes();
        builder.Services.AddAuthorizationBuilder().AddRolePolicies();
        builder.Services.AddSingleton<IAuthorizationHandler, RoleRequirementHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenProblem>();
        builder.Services.AddHostedService<OpenApiWarning>();
        builder.Services.AddSingleton<FailedAuthenticationThrottle>();

        // The default ProblemDetails writer first (JSON), then an SSE error event, then JSON for any other Accept.
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IProblemDetailsWriter, ServerSentEventProblemWriter>();
        builder.Services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
        builder.Services.AddSingleton<RefusalWriter>();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RateLimitRejection.WriteAsync;
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.RateLimit;
                return limits.Enabled
                    ? RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.BurstLimit,
                        TokensPerPeriod = limits.PerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("unlimited");
            });
        });
        return builder;
    }

    /// <summary>
    /// Refused attempts counted per address before authentication, then authentication, roles and the per-client limits.
    /// </summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        var throttle = app.Services.GetRequiredService<FailedAuthenticationThrottle>();
        app.Use((context, next) => throttle.InvokeAsync(context, _ => next()));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// A signed-in user is limited as <c>user:&lt;sub&gt;</c> and a service client as <c>key:&lt;hash&gt;</c> (both are
    /// their owner ids), so users behind the one web front end do not share its bucket; anyone else by network address.
    /// </summary>
    internal static string ClientKey(HttpContext context) => Caller.From(context) switch
    {
        { Kind: CallerKind.Anonymous } => context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        var caller => caller.OwnerId,
    };
}
