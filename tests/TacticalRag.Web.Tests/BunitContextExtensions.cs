using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

internal static class BunitContextExtensions
{
    /// <summary>Renders <typeparamref name="T"/> interactively, its <see cref="LlmApiClient"/> talking to <paramref name="apiAddress"/>.</summary>
    public static IRenderedComponent<T> RenderAgainstApi<T>(this BunitContext context, Uri apiAddress) where T : IComponent
    {
        context.Services.AddSingleton(new LlmApiClient(new HttpClient { BaseAddress = apiAddress }));
        // Set after the services: setting it builds the renderer, which closes the service list.
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context.Render<T>();
    }
}
