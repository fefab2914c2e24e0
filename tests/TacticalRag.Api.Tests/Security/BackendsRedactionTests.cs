using System.Net;
using System.Text.Json;
using static TacticalRag.Api.Tests.Security.SecuredApi;

namespace TacticalRag.Api.Tests.Security;

/// <summary>Readers and editors see which model server is up; only admins see where it is and what went wrong.</summary>
[Collection(SecuredApiCollection.Name)]
public sealed class BackendsRedactionTests(SecuredApi secured)
{
    [Theory]
    [InlineData(Who.Reader, false)]
    [InlineData(Who.Editor, false)]
    [InlineData(Who.Admin, true)]
    [InlineData(Who.ServiceClient, true)]
    public async Task EndpointUrlsAndErrorsAreShownToAdminsOnly(Who who, bool detailed)
    {
        using var response = await secured.SendAsync(who, Get("/api/llm/backends"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var backends = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("backends").EnumerateArray().ToArray();
        Assert.NotEmpty(backends);
        foreach (var backend in backends)
        {
            Assert.False(string.IsNullOrEmpty(backend.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(backend.GetProperty("state").GetString()));
            Assert.False(string.IsNullOrEmpty(backend.GetProperty("model").GetString()));
            var endpoint = backend.TryGetProperty("endpoint", out var e) ? e.GetString() : null;
            Assert.Equal(detailed, endpoint is { Length: > 0 });
            if (!detailed)
            {
                Assert.True(!backend.TryGetProperty("lastError", out var error) || error.ValueKind == JsonValueKind.Null);
            }
        }
    }
}
