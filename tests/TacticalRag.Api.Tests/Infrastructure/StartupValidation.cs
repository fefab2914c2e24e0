using System.Collections;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Tests.Infrastructure;

/// <summary>
/// Which options the host validates at start. <c>ValidateOnStart()</c> records each in the framework's
/// <c>StartupValidatorOptions</c>, which is internal: read by reflection here, and failing loudly if that ever moves.
/// </summary>
public static class StartupValidation
{
    public static IReadOnlySet<Type> ValidatedTypes(IServiceProvider services)
    {
        var optionsType = typeof(IStartupValidator).Assembly.GetType("Microsoft.Extensions.Options.StartupValidatorOptions")
            ?? throw new InvalidOperationException("Microsoft.Extensions.Options no longer has StartupValidatorOptions; update this check.");
        var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(optionsType));
        var value = options.GetType().GetProperty("Value")!.GetValue(options)!;
        const BindingFlags members = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        var validators = (optionsType.GetProperty("_validators", members)?.GetValue(value) ?? optionsType.GetField("_validators", members)?.GetValue(value)) as IDictionary
            ?? throw new InvalidOperationException("StartupValidatorOptions._validators is gone; update this check.");
        // Keyed by (options type, options name), a Tuple or a ValueTuple depending on the version.
        return validators.Keys.Cast<object>()
            .Select(key => (Type)(key.GetType().GetField("Item1")?.GetValue(key) ?? key.GetType().GetProperty("Item1")!.GetValue(key)!))
            .ToHashSet();
    }
}
