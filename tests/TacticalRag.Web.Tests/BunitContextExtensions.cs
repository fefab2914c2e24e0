using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TacticalRag.Web.Accounts;
using TacticalRag.Web.Api;
using TacticalRag.Web.Components.Library;

namespace TacticalRag.Web.Tests;

internal static class BunitContextExtensions
{
    /// <summary>
    /// Gives the components their typed clients, talking to <paramref name="apiAddress"/> over real HTTP, and
    /// renders interactively, signed in as a user in <paramref name="role"/> (an editor unless said: one who may do
    /// all the library offers). The browser side (clipboard, dialogs) is bUnit's loose JS interop.
    /// </summary>
    public static BunitContext UseApi(this BunitContext context, Uri apiAddress, string role = Roles.Editor)
    {
        context.AddAuthorization()
            .SetAuthorized("user@tests.example")
            .SetRoles(role)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId));
        var http = new HttpClient { BaseAddress = apiAddress };
        context.Services.AddSingleton(new LlmApiClient(http));
        context.Services.AddSingleton(new AskApiClient(http));
        context.Services.AddSingleton(new ConversationsApiClient(http));
        context.Services.AddSingleton(new DocumentsApiClient(http));
        context.Services.AddSingleton(new SearchApiClient(http));
        context.Services.AddSingleton(Options.Create(new UploadOptions()));
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        // Set after the services: setting it builds the renderer, which closes the service list.
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    /// <summary>The signed-in user's id.</summary>
    public const string UserId = "user-1";

    public static IRenderedComponent<T> RenderAgainstApi<T>(this BunitContext context, Uri apiAddress, string role = Roles.Editor) where T : IComponent =>
        context.UseApi(apiAddress, role).Render<T>();
}
