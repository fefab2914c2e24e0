using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TacticalRag.Web.Api;

/// <summary>Section <c>Api</c>: how the front end reaches the API.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Sent as <c>X-Api-Key</c> on every call; the AppHost generates it and gives it to both sides.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// Signs the user tokens the API trusts beside the key (the AppHost's <c>user-token-key</c>); at least 32 bytes.
    /// Without it no user token is sent.
    /// </summary>
    [MinLength(32)]
    public string? UserTokenSigningKey { get; set; }
}

/// <summary>Adds the API key to every request to the API, so the key never reaches the browser.</summary>
public sealed class ApiKeyHandler(IOptions<ApiOptions> options) : DelegatingHandler
{
    public const string HeaderName = "X-Api-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.Key is { Length: > 0 } key && !request.Headers.Contains(HeaderName))
        {
            request.Headers.Add(HeaderName, key);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
