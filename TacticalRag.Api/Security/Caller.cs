using System.Reflection;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Security;

/// <summary>How a caller proved who it is.</summary>
public enum CallerKind
{
    /// <summary>A signed-in user of the web front end, by the user token it passes along with the API key.</summary>
    User,

    /// <summary>A direct API client (OpenAI SDK, script) by the API key alone.</summary>
    ServiceClient,

    /// <summary>No credentials, in open developer mode (no API key configured): acts as admin.</summary>
    Anonymous,
}

/// <summary>
/// Who is calling, as the features need it: the owner id their conversations are kept under and their role. Handlers
/// take it as a parameter (bound from the authenticated principal) instead of reading claims themselves.
/// </summary>
public sealed record Caller(string OwnerId, string? Role, CallerKind Kind)
{
    /// <summary>Claim that both authentication schemes put on the principal: the owner id.</summary>
    public const string OwnerClaim = "tacticalrag:owner";

    /// <summary>The role claim type of both schemes (the JWT's own claim name, not mapped to a URI).</summary>
    public const string RoleClaim = "role";

    public const string AnonymousOwner = "anonymous";

    public bool IsAtLeast(string role) => Roles.Includes(Role, role);

    /// <summary>Conversations stored before owners were recorded are left to admins and service clients.</summary>
    public bool MayReachUnowned => Kind is CallerKind.ServiceClient || IsAtLeast(Roles.Admin);

    /// <summary>Whether this caller may read, continue or delete a conversation owned by <paramref name="owner"/>.</summary>
    public bool Owns(string? owner) => owner is null ? MayReachUnowned : string.Equals(owner, OwnerId, StringComparison.Ordinal);

    public static Caller From(ClaimsPrincipal user, SecurityOptions security)
    {
        if (user.Identity is { IsAuthenticated: true } identity && user.FindFirst(OwnerClaim)?.Value is { } owner)
        {
            var kind = identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName ? CallerKind.ServiceClient : CallerKind.User;
            return new Caller(owner, Roles.Highest(user.FindAll(RoleClaim).Select(c => c.Value)), kind);
        }
        // Without a key the API is open (warned at start) and anyone acts as admin; with one, no role at all.
        return new Caller(AnonymousOwner, security.ApiKey is { Length: > 0 } ? null : Roles.Admin, CallerKind.Anonymous);
    }

    public static Caller From(HttpContext context) =>
        From(context.User, context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value);

    /// <summary>Lets a minimal-API handler take a <see cref="Caller"/> parameter.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<Caller?>(From(context));
}
