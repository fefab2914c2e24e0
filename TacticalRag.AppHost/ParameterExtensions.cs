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
    /// An on/off parameter (<see cref="AddParameterWithDefault"/>) whose configured value is checked now, so a value
    /// that is neither on nor off stops the AppHost before anything starts instead of when the value is first read.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddSwitchParameter(
        this IDistributedApplicationBuilder builder, string name, bool defaultValue)
    {
        _ = builder.IsSwitchOn(name, defaultValue);
        return builder.AddParameterWithDefault(name, defaultValue ? "true" : "false");
    }

    /// <summary>
    /// A secret parameter that exists only when a value is configured, so runs that don't need it are never
    /// stopped to ask for it.
    /// </summary>
    public static IResourceBuilder<ParameterResource>? AddOptionalSecretParameter(this IDistributedApplicationBuilder builder, string name) =>
        string.IsNullOrWhiteSpace(builder.Configuration[ConfigurationKey(name)])
            ? null
            : builder.AddParameter(name, secret: true);

    /// <summary>
    /// An on/off choice needed while the model is built (whether a resource exists, which image it runs), read from
    /// <c>Parameters:{name}</c> like a parameter's value; a value that is not on or off stops the AppHost.
    /// </summary>
    public static bool IsSwitchOn(this IDistributedApplicationBuilder builder, string name, bool defaultValue)
    {
        var value = builder.Configuration[ConfigurationKey(name)];
        return string.IsNullOrWhiteSpace(value)
            ? defaultValue
            : Conventions.OnOffSwitch.Parse(value) ?? throw new DistributedApplicationException(
                $"Parameter '{name}' must be on or off ({Conventions.OnOffSwitch.Spellings}), not '{value}'.");
    }

    private static string ConfigurationKey(string name) => $"Parameters:{name}";
}
