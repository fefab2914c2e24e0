using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TacticalRag.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>
    /// <c>POST /account/sign-out</c> (a form with an antiforgery token). Built-in accounts: renews the security stamp,
    /// which ends the user's sessions in every browser at their next check, then clears this browser's cookie.
    /// Organisation sign-in: clears the cookie and signs out at the provider too.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Antiforgery is checked by the handler: the middleware only marks a bad token, and this endpoint binds no form.
        endpoints.MapPost(SignInServiceCollectionExtensions.SignOutPath, SignOutAsync).WithName("SignOut").DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IOptions<OidcOptions> oidc, IAntiforgery antiforgery)
    {
        // Without this, any site could sign a user out (and, through the security stamp, out of every browser).
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused.",
                detail: "The sign-out form's antiforgery token is missing or not valid; sign out from the page's own button.");
        }
        if (oidc.Value.IsEnabled)
        {
            return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        }
        var userManager = context.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
        var signInManager = context.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>();
        if (await userManager.GetUserAsync(context.User) is { } user)
        {
            await userManager.UpdateSecurityStampAsync(user);
        }
        await signInManager.SignOutAsync();
        return TypedResults.LocalRedirect(SignInServiceCollectionExtensions.SignInPath);
    }
}
