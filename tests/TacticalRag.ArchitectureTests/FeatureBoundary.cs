namespace TacticalRag.ArchitectureTests;

/// <summary>The dependencies of one feature's types on other features' implementation.</summary>
public static class FeatureBoundary
{
    public static IReadOnlyList<string> Violations(string feature) =>
        ProductArchitecture.Architecture.Types
            .Where(source => FeatureContracts.AreaOf(NamespaceOf(source)) == feature)
            .Where(source => !IsGeneratedJsonContext(source))
            .SelectMany(source => source.Dependencies
                .Select(d => d.Target)
                .Where(target => FeatureContracts.AreaOf(NamespaceOf(target)) is { } area && area != feature)
                .Select(target => (Target: target, Why: FeatureContracts.OutsideContract(target)))
                .Where(t => t.Why is not null)
                .Select(t => $"{Outermost(source.FullName)} -> {t.Target.FullName}: {t.Why}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string NamespaceOf(ArchUnitNET.Domain.IType type) => type.Namespace?.FullName ?? "";

    /// <summary>
    /// System.Text.Json's source generator writes the same private helpers into every context; the bytecode reader
    /// resolves a call to one of them to whichever context it met first, which is no dependency of ours.
    /// </summary>
    private static bool IsGeneratedJsonContext(ArchUnitNET.Domain.IType type) =>
        ProductArchitecture.Api.GetType(type.FullName)?.IsSubclassOf(typeof(System.Text.Json.Serialization.JsonSerializerContext)) == true;

    /// <summary>Compiler-made nested types (lambdas, state machines) are reported as the type they belong to.</summary>
    private static string Outermost(string fullName)
    {
        var plus = fullName.IndexOf('+');
        return plus < 0 ? fullName : fullName[..plus];
    }
}
