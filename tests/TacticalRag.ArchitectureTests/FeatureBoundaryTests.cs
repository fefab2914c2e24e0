namespace TacticalRag.ArchitectureTests;

/// <summary>Features use shared pieces and each other's public contracts only (<see cref="FeatureContracts"/>).</summary>
public sealed class FeatureBoundaryTests
{
    public static TheoryData<string> Features() => [.. FeatureContracts.Features()];

    [Fact]
    public void TheApiIsSplitIntoFeatures()
    {
        Assert.Contains("Answering", FeatureContracts.Features());
        Assert.Contains("Retrieval", FeatureContracts.Features());
        Assert.Contains("Ingestion", FeatureContracts.Features());
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void AFeatureUsesOtherFeaturesOnlyThroughTheirPublicContract(string feature)
    {
        var violations = FeatureBoundary.Violations(feature);

        Assert.True(violations.Count == 0,
            $"{feature} reaches into other features ({violations.Count}):\n{string.Join("\n", violations)}");
    }

    [Fact]
    public void SharedPiecesDependOnNoFeature()
    {
        var violations = ProductArchitecture.Architecture.Types
            .Where(t => FeatureContracts.AreaOf(FeatureBoundary.NamespaceOf(t)) is { } area && FeatureContracts.SharedPieces.Contains(area))
            .SelectMany(source => source.Dependencies
                .Select(d => d.Target)
                .Where(target => FeatureContracts.AreaOf(FeatureBoundary.NamespaceOf(target)) is { } area && !FeatureContracts.SharedPieces.Contains(area))
                .Select(target => $"{source.FullName} -> {target.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0, $"Shared pieces depend on features:\n{string.Join("\n", violations)}");
    }
}
