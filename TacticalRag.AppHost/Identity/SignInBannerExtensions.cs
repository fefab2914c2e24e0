using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TacticalRag.AppHost.Identity;

public static partial class SignInBannerExtensions
{
    /// <summary>
    /// Once the web front end is healthy, prints where it is and how to sign in (where the admin password lives) on the
    /// AppHost's console, under the dashboard's link, so a first run needs nothing from the Resources page.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSignInBanner(this IResourceBuilder<ProjectResource> web)
    {
        var builder = web.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return web;
        }
        var oidc = !string.IsNullOrWhiteSpace(builder.Configuration["Parameters:oidc-authority"]);
        var email = builder.Configuration["Parameters:admin-email"] ?? "admin@localhost";
        builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, (ready, _) =>
        {
            var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TacticalRag.AppHost");
            var url = web.Resource.GetEndpoints().Select(e => e.Url).FirstOrDefault(u => u.StartsWith("https", StringComparison.Ordinal))
                ?? web.Resource.GetEndpoints().Select(e => e.Url).FirstOrDefault();
            if (oidc)
            {
                LogReadyOidc(logger, url ?? "(see the dashboard)");
            }
            else
            {
                LogReady(logger, url ?? "(see the dashboard)", email);
            }
            return Task.CompletedTask;
        });
        return web;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "TacticalRag is ready: open {Url} and sign in as {Email} with the admin-password parameter (the dashboard's " +
            "Resources page, parameter admin-password, show its value; or `dotnet user-secrets list --project TacticalRag.AppHost`).")]
    private static partial void LogReady(ILogger logger, string url, string email);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "TacticalRag is ready: open {Url} and sign in through your organisation's identity provider.")]
    private static partial void LogReadyOidc(ILogger logger, string url);
}
