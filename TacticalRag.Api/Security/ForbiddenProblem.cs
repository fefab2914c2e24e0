using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace TacticalRag.Api.Security;

/// <summary>
/// A 403 that says which role the endpoint needs and which the caller has, as ProblemDetails (or an OpenAI error under
/// <c>/v1</c>); challenges (401) and successes go the default way.
/// </summary>
internal sealed class ForbiddenProblem : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var needed = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RoleRequirement>().Select(r => r.Role).MaxBy(Roles.Rank);
        var caller = Caller.From(context);
        var detail = needed is null
            ? "The caller may not do this."
            : $"This needs the {needed} role; the caller's role is {caller.Role ?? "none"}.";
        await RefusalWriter.WriteAsync(context, new Refusal(StatusCodes.Status403Forbidden, "Role too low.", detail, "insufficient_role"));
    }
}
