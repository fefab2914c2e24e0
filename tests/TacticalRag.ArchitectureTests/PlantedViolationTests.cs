namespace TacticalRag.ArchitectureTests;

/// <summary>
/// Each module rule fails on a violation planted on purpose (tests/TacticalRag.ArchitectureTests.PlantedViolations)
/// and reports exactly it: a rule that could not fail would keep nothing.
/// </summary>
public sealed class PlantedViolationTests
{
    private static readonly System.Reflection.Assembly Fixture = typeof(Planted.Alpha.AlphaService).Assembly;

    private static readonly ArchUnitNET.Domain.Architecture Architecture = new ArchUnitNET.Loader.ArchLoader().LoadAssemblies(Fixture).Build();

    private static readonly ModuleMap Map = new(
        "Planted",
        [Fixture],
        new HashSet<string>(StringComparer.Ordinal) { "Common" },
        new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
        {
            ["Alpha"] = new HashSet<string> { "Beta" },
            ["Beta"] = new HashSet<string> { "Alpha" },
            ["Gamma"] = new HashSet<string> { "Beta" },
        });

    [Fact]
    public void TheCycleRuleNamesThePlantedCycleAndTheTypesThatMakeIt() =>
        Assert.Equal(
            ["cycle Alpha -> Beta -> Alpha: Alpha -> Beta (Planted.Alpha.AlphaService -> Planted.Beta.BetaService); Beta -> Alpha (Planted.Beta.BetaService -> Planted.Alpha.AlphaService)"],
            ModuleRules.Cycles(Architecture, Map));

    [Fact]
    public void TheEdgeRuleNamesThePlantedForbiddenEdge() =>
        Assert.Equal(
            ["Gamma -> Delta is not in the feature map: Planted.Gamma.GammaService -> Planted.Delta.DeltaCounter"],
            ModuleRules.ForbiddenEdges(Architecture, Map));

    [Fact]
    public void TheMemberRuleNamesThePlantedInternalMemberReach() =>
        Assert.Equal(
            ["Planted.Gamma.GammaService.Peek() -> Planted.Beta.BetaService.Secret(): not public (internal) in Beta"],
            ModuleRules.NonPublicMemberReaches(Architecture, Map));

    [Fact]
    public void TheVisibilityRuleNamesThePlantedNeedlessPublicType() =>
        Assert.Equal(
            ["Planted.Delta.DeltaHelper is public but no other feature uses it: make it internal"],
            ModuleRules.NeedlesslyPublicTypes(Architecture, Map));

    [Fact]
    public void TheClockRuleNamesThePlantedSystemClockAndStopwatch() =>
        Assert.Equal(
            [
                "Planted.Delta.DeltaClock uses System.Diagnostics.Stopwatch: measure with the injected TimeProvider",
                "Planted.Delta.DeltaClock uses TimeProvider.System: take the injected TimeProvider",
            ],
            ModuleRules.OwnClocks(Architecture, Map));
}
