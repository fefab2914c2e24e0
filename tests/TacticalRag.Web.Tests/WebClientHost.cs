using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

/// <summary>
/// The front end's real client registration (service defaults, service discovery, resilience), with the
/// <c>api</c> service pointed at <paramref name="apiAddress"/> the way the AppHost points it at the API.
/// </summary>
internal static class WebClientHost
{
    public static IHost Build(Uri apiAddress)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["services:api:http:0"] = apiAddress.ToString();
        builder.AddServiceDefaults();
        builder.Services.AddApiClients();
        return builder.Build();
    }

    public static T Client<T>(this IHost host) where T : notnull => host.Services.GetRequiredService<T>();

    public static async Task<List<AskStreamEvent>> StreamAllAsync(this AskApiClient client, string question, string? conversationId = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<AskStreamEvent>();
        await foreach (var item in client.StreamAsync(new AskRequest(question, conversationId), timeout.Token))
        {
            events.Add(item);
        }
        return events;
    }
}
