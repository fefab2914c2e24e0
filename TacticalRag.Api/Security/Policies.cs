using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Security;

/// <summary>One authorization policy per role; endpoints name the least role they need: <c>.RequireAuthorization(Policies.Editor)</c>.</summary>
public static class Policies
{
    public const string Reader = "role:" + Roles.Reader;
    public const string Editor = "role:" + Roles.Editor;
    public const string Admin = "role:" + Roles.Admin;

    internal static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy("role:" + role, policy => policy.AddRequirements(new RoleRequirement(role)));
        }
        // An endpoint that names no policy still needs a reader (health checks opt out with AllowAnonymous).
        return authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new RoleRequirement(Roles.Reader)).Build());
    }
}

/// <summary>The caller's role must be <see cref="Role"/> or above it.</summary>
internal sealed class RoleRequirement(string role) : IAuthorizationRequirement
{
    public string Role { get; } = role;
}

/// <summary>
/// Judges by <see cref="Caller"/>, so the anonymous caller of open developer mode passes as admin and a service client
/// has its configured role. An unauthenticated caller that fails is challenged (401), an authenticated one forbidden (403).
/// </summary>
internal sealed class RoleRequirementHandler(IOptions<SecurityOptions> security) : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (Caller.From(context.User, security.Value).IsAtLeast(requirement.Role))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
