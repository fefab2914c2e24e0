using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace TacticalRag.Web.Security;

/// <summary>
/// Section <c>ForwardedHeaders</c>: the proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed,
/// so that behind a TLS-terminating proxy the request counts as HTTPS (the sign-in cookie is <c>Secure</c>, redirects say
/// <c>https</c>, the CSP allows <c>wss</c>, HSTS is sent) and throttling sees the client's address. Loopback is always
/// trusted (Aspire's proxy, a sidecar); anything else must be named, so no client can forge the headers.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, such as <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, such as <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownProxies holds '{proxy}', which is not an IP address.", [nameof(KnownProxies)]);
        }
        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownNetworks holds '{network}', which is not a network in CIDR notation (10.0.0.0/8).", [nameof(KnownNetworks)]);
        }
    }
}

public static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults (loopback) stay; the configured proxies and networks are added to them.
            foreach (var proxy in settings.Value.KnownProxies.Select(p => IPAddress.TryParse(p, out var a) ? a : null).OfType<IPAddress>())
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in settings.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    options.KnownIPNetworks.Add(parsed);
                }
            }
        });
        return builder;
    }
}
