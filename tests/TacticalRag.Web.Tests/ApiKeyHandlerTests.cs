using Microsoft.Extensions.Options;
using TacticalRag.Web.Api;

namespace TacticalRag.Web.Tests;

public sealed class ApiKeyHandlerTests
{
    [Fact]
    public async Task EveryCallToTheApiCarriesTheConfiguredKey()
    {
        var seen = await SendThroughAsync("the-key");

        Assert.Equal(["the-key"], seen);
    }

    [Fact]
    public async Task WithNoKeyConfiguredNoHeaderIsSent()
    {
        var seen = await SendThroughAsync(null);

        Assert.Null(seen);
    }

    private static async Task<IEnumerable<string>?> SendThroughAsync(string? key)
    {
        IEnumerable<string>? seen = null;
        var handler = new ApiKeyHandler(Options.Create(new ApiOptions { Key = key }))
        {
            InnerHandler = new Recording(request => seen = request.Headers.TryGetValues(ApiKeyHandler.HeaderName, out var values) ? values.ToArray() : null),
        };
        using var client = new HttpClient(handler);
        await client.GetAsync("http://api.example/api/documents");
        return seen;
    }

    private sealed class Recording(Action<HttpRequestMessage> record) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            record(request);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
