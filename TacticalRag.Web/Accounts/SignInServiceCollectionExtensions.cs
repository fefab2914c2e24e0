using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace TacticalRag.Web.Accounts;

public static class SignInServiceCollectionExtensions
{
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>
    /// Sign-in for every page but the sign-in page, the static files and the health endpoints: through the
    /// organisation's OpenID Connect provider when <c>Authentication:Oidc:Authority</c> is set, else with the built-in
    /// accounts in the <c>identity</c> database.
    /// </summary>
    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.SectionName);
        var oidc = builder.Configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.IsEnabled)
        {
            builder.AddOrganisationSignIn(oidc);
        }
        else
        {
            builder.AddBuiltInAccounts();
        }
        // Secure by default: a page or endpoint added later needs sign-in unless it says otherwise.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    private static void AddBuiltInAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddNpgsqlDbContext<AccountsDbContext>("identity");
        services.AddDataProtection().SetApplicationName("TacticalRag.Web").PersistKeysToDbContext<AccountsDbContext>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // Length over composition (NIST SP 800-63B): 12 characters, not all the same few; no forced symbols.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // No lock-out on failed passwords (anyone could trigger it): PasswordSignIn never counts them, and
                // SignInThrottle slows guessing instead.
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager();
        services.ConfigureApplicationCookie(ConfigureCookie);
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        // Signing out renews the user's security stamp; every other session's cookie fails its next check.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<Microsoft.Extensions.Options.IOptions<AccountsOptions>>(
            (options, accounts) => options.ValidationInterval = accounts.Value.RevalidationInterval);
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddHostedService<AccountsDatabaseInitializer>();
    }

    /// <summary>
    /// HttpOnly (no script reads it); Secure whenever the request came over HTTPS (TLS may end at a proxy in front);
    /// SameSite=Lax: sent when a user follows a link to a conversation from elsewhere, never on another site's POST
    /// or fetch, and every change here is a POST with an antiforgery token or a message on the circuit.
    /// </summary>
    internal static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "TacticalRag.SignIn";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.LoginPath = SignInPath;
        options.LogoutPath = SignOutPath;
        options.AccessDeniedPath = AccessDeniedPath;
        // Signing in on the sign-in page, the cookie handler itself redirects to the ReturnUrl query parameter, raw: a
        // non-ASCII one (/%E3%80%80/x) made an invalid Location header and a 500. Only the safe, encoded form goes out.
        options.Events.OnRedirectToReturnUrl = context =>
        {
            context.Response.Redirect(ReturnUrls.Local(context.RedirectUri));
            return Task.CompletedTask;
        };
    }
}
