using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TacticalRag.AppHost.Tests;

internal static class ApiClients
{
    /// <summary>An HttpClient for the started API, carrying the API key the AppHost generated for this run.</summary>
    public static async Task<HttpClient> CreateApiClientAsync(this DistributedApplication app, CancellationToken cancellationToken)
    {
        var key = await app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ParameterResource>().Single(p => p.Name == "api-key").GetValueAsync(cancellationToken);
        var client = app.CreateHttpClient("api");
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
