using System.Text.RegularExpressions;

namespace TacticalRag.ArchitectureTests;

/// <summary>The API keeps the module map of <see cref="FeatureMap"/> (rules R7-R11 of docs/architecture.md).</summary>
public sealed partial class ModuleMapTests
{
    private static readonly ArchUnitNET.Domain.Architecture Api = ProductArchitecture.Architecture;

    [Fact]
    public void NoDependencyCycleBetweenFeatures() => AssertNone("Dependency cycles between features", ModuleRules.Cycles(Api, FeatureMap.Product));

    [Fact]
    public void AFeatureUsesOnlyTheFeaturesTheMapAllows() =>
        AssertNone("Feature edges missing from FeatureMap.AllowedEdges (and docs/architecture.md)", ModuleRules.ForbiddenEdges(Api, FeatureMap.Product));

    [Fact]
    public void AFeatureUsesOnlyPublicMembersOfAnother() =>
        AssertNone("Reaches into another feature's non-public members", ModuleRules.NonPublicMemberReaches(Api, FeatureMap.Product));

    [Fact]
    public void AFeaturesTypesAreInternalUnlessAnotherFeatureUsesThem() =>
        AssertNone("Public types no other feature uses", ModuleRules.NeedlesslyPublicTypes(Api, FeatureMap.Product));

    [Fact]
    public void ProductCodeTakesTheInjectedClock() => AssertNone("Clocks other than the injected TimeProvider", ModuleRules.OwnClocks(Api, FeatureMap.Product));

    [Fact]
    public void EveryEdgeOfTheMapIsUsed()
    {
        var used = ModuleRules.FeatureEdges(Api, FeatureMap.Product).Keys.ToHashSet();
        var unused = FeatureMap.AllowedEdges
            .SelectMany(row => row.Value.Select(to => (From: row.Key, To: to)))
            .Where(edge => !used.Contains(edge))
            .Select(edge => $"{edge.From} -> {edge.To}")
            .ToList();

        AssertNone("Edges in FeatureMap.AllowedEdges that no code uses (remove them here and in docs/architecture.md)", unused);
    }

    [Fact]
    public void EveryFeatureHasARowInTheMap()
    {
        var missing = FeatureContracts.Features().Where(f => !FeatureMap.AllowedEdges.ContainsKey(f)).ToList();

        AssertNone("Features without a row in FeatureMap.AllowedEdges", missing);
    }

    [Fact]
    public void TheArchitectureDocumentListsTheSameEdges()
    {
        var documented = EdgeRow().Matches(RepositoryFiles.Read("docs/architecture.md"))
            .ToDictionary(m => m.Groups["from"].Value, m => Uses(m.Groups["to"].Value), StringComparer.Ordinal);
        var declared = FeatureMap.AllowedEdges.ToDictionary(row => row.Key, row => row.Value.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        Assert.Equal(
            declared.OrderBy(row => row.Key, StringComparer.Ordinal).Select(row => $"{row.Key}: {string.Join(", ", row.Value)}"),
            documented.OrderBy(row => row.Key, StringComparer.Ordinal).Select(row => $"{row.Key}: {string.Join(", ", row.Value)}"));
    }

    private static List<string> Uses(string cell) =>
        cell.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(use => use.Trim('`'))
            .Where(use => use != "—")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A row of the document's edge table: <c>| `Answering` | `Conversations`, `Llm` |</c>.</summary>
    [GeneratedRegex(@"^\| `(?<from>[A-Za-z]+)` \| (?<to>[^|]*) \|\s*$", RegexOptions.Multiline)]
    private static partial Regex EdgeRow();

    private static void AssertNone(string what, IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, $"{what} ({violations.Count}):\n{string.Join("\n", violations)}");
}
