using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>
/// Every settings class of the API (a class with a <c>SectionName</c>) is checked when the API starts, so a bad value
/// stops it with the setting's name instead of surfacing on the first request that reads it.
/// </summary>
public sealed class StartupValidationTests
{
    private static readonly Type[] OptionsClasses = typeof(Program).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
        .ToArray();

    [Fact]
    public async Task EverySettingsClassIsValidatedAtStart()
    {
        await using var host = GatewayHost.Start(vllm: null, ollama: null);

        var validated = StartupValidation.ValidatedTypes(host.Services);
        var unvalidated = OptionsClasses.Where(t => !validated.Contains(t)).Select(t => t.FullName).ToList();
        var withoutRules = OptionsClasses
            .Where(t => !((IEnumerable<object>)host.Services.GetServices(typeof(IValidateOptions<>).MakeGenericType(t))).Any())
            .Select(t => t.FullName)
            .ToList();

        Assert.True(OptionsClasses.Length >= 10, $"Only {OptionsClasses.Length} settings classes found.");
        Assert.True(unvalidated.Count == 0, $"Not validated at start: {string.Join(", ", unvalidated)}");
        Assert.True(withoutRules.Count == 0, $"No validation rules registered: {string.Join(", ", withoutRules)}");
    }
}
