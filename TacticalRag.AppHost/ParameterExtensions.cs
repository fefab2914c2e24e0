using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace TacticalRag.AppHost;

public static class ParameterExtensions
{
    /// <summary>
    /// A parameter set in configuration (<c>Parameters:{name}</c>: user secrets, appsettings, environment or
    /// <c>--Parameters:{name}=value</c>) that falls back to <paramref name="defaultValue"/>; the manifest carries
    /// the value as the parameter's default. (Aspire's <c>AddParameter(name, value)</c> ignores configuration.)
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameterWithDefault(
        this IDistributedApplicationBuilder builder, string name, string defaultValue) =>
        builder.AddParameter(name, () => builder.Configuration[ConfigurationKey(name)] ?? defaultValue, publishValueAsDefault: true);

    /// <summary>
    /// A secret parameter that exists only when a value is configured, so runs that don't need it are never
    /// stopped to ask for it.
    /// </summary>
    public static IResourceBuilder<ParameterResource>? AddOptionalSecretParameter(this IDistributedApplicationBuilder builder, string name) =>
        string.IsNullOrWhiteSpace(builder.Configuration[ConfigurationKey(name)])
            ? null
            : builder.AddParameter(name, secret: true);

    private static string ConfigurationKey(string name) => $"Parameters:{name}";
}
