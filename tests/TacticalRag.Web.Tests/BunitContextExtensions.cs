using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TacticalRag.Web.Api;
using TacticalRag.Web.Browser;
using TacticalRag.Web.Components.Library;

namespace TacticalRag.Web.Tests;

internal static class BunitContextExtensions
{
    /// <summary>
    /// Gives the components their typed clients, talking to <paramref name="apiAddress"/> over real HTTP, and
    /// renders interactively. The browser side (localStorage, clipboard, dialogs) is bUnit's loose JS interop.
    /// </summary>
    public static BunitContext UseApi(this BunitContext context, Uri apiAddress)
    {
        var http = new HttpClient { BaseAddress = apiAddress };
        context.Services.AddSingleton(new LlmApiClient(http));
        context.Services.AddSingleton(new AskApiClient(http));
        context.Services.AddSingleton(new ConversationsApiClient(http));
        context.Services.AddSingleton(new DocumentsApiClient(http));
        context.Services.AddSingleton(new SearchApiClient(http));
        context.Services.AddScoped<ConversationHistory>();
        context.Services.AddSingleton(Options.Create(new UploadOptions()));
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        // Set after the services: setting it builds the renderer, which closes the service list.
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    public static IRenderedComponent<T> RenderAgainstApi<T>(this BunitContext context, Uri apiAddress) where T : IComponent =>
        context.UseApi(apiAddress).Render<T>();
}
