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
    /// A switch for a server the topology may have to leave out: the dashboard shows "not configured" then, instead of
    /// a "true" that nothing honours (<see cref="Topology.TopologyPlan.SwitchValue"/>).
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddServerSwitchParameter(
        this IDistributedApplicationBuilder builder, string name, bool defaultValue, Topology.TopologyPlan topology, string displayName)
    {
        _ = builder.IsSwitchOn(name, defaultValue);
        var fallback = defaultValue ? "true" : "false";
        return builder.AddParameter(name,
            topology.SwitchValue(displayName, () => builder.Configuration[ConfigurationKey(name)] ?? fallback),
            publishValueAsDefault: true);
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
    /// A secret generated on the first run and kept in the AppHost's user secrets (<c>Parameters:{name}</c>, the
    /// project's <c>UserSecretsId</c>), so every later run, and the dashboard, show the value that works: a password
    /// the web stored on the first start, a key the API and web share. Long and without specials, so it is easy to copy
    /// from the dashboard. Set a value in configuration to choose your own; remove it from user secrets to rotate.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, string name, int minLength) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = minLength, Special = false }, secret: true, persist: true);

    /// <summary>
    /// A secret a deployment needs although a local run may go without: always a parameter in the manifest (so the
    /// deployment tool asks for it), and in a run only when a value is configured (<see cref="AddOptionalSecretParameter"/>).
    /// </summary>
    public static IResourceBuilder<ParameterResource>? AddDeploymentSecretParameter(this IDistributedApplicationBuilder builder, string name) =>
        builder.ExecutionContext.IsPublishMode ? builder.AddParameter(name, secret: true) : builder.AddOptionalSecretParameter(name);

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
