using System.Xml.Linq;

namespace TacticalRag.ArchitectureTests;

/// <summary>The product ships no test tooling; the AppHost and the web front end hold no reference to the API's internals.</summary>
public sealed class ProductReferenceTests
{
    private static readonly string[] TestTooling =
    [
        "xunit", "Microsoft.NET.Test.Sdk", "Microsoft.AspNetCore.Mvc.Testing", "Aspire.Hosting.Testing", "Microsoft.Playwright", "bunit",
        "TacticalRag.ModelServerSim", "TacticalRag.Bench", "TacticalRag.TestSupport", "TacticalRag.SampleGenerator", "TngTech.ArchUnitNET",
    ];

    public static TheoryData<string> ProductProjects() =>
    [
        "TacticalRag.Api/TacticalRag.Api.csproj",
        "TacticalRag.Web/TacticalRag.Web.csproj",
        "TacticalRag.ServiceDefaults/TacticalRag.ServiceDefaults.csproj",
        "TacticalRag.AppHost/TacticalRag.AppHost.csproj",
    ];

    [Fact]
    public void NoProductAssemblyReferencesTestTooling()
    {
        var references = ProductArchitecture.All
            .SelectMany(assembly => assembly.GetReferencedAssemblies().Select(reference => (Product: assembly.GetName().Name, Reference: reference.Name ?? "")))
            .Where(r => TestTooling.Any(tool => r.Reference.StartsWith(tool, StringComparison.OrdinalIgnoreCase)))
            .Select(r => $"{r.Product} -> {r.Reference}")
            .ToList();

        Assert.True(references.Count == 0, $"Product assemblies reference test tooling:\n{string.Join("\n", references)}");
    }

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public void NoProductProjectNamesTestTooling(string project)
    {
        var named = Includes(project, "PackageReference", "ProjectReference")
            .Where(include => TestTooling.Any(tool => Path.GetFileNameWithoutExtension(include).StartsWith(tool, StringComparison.OrdinalIgnoreCase))
                || include.Replace('\\', '/').Contains("tests/", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.True(named.Count == 0, $"{project} refers to test tooling: {string.Join(", ", named)}");
    }

    [Fact]
    public void TheAppHostRunsTheApiAndTheWebAsProcessesWithoutReferencingThem()
    {
        var referenced = ProductArchitecture.AppHost.GetReferencedAssemblies().Select(r => r.Name).ToList();
        var asLibraries = XDocument.Parse(RepositoryFiles.Read("TacticalRag.AppHost/TacticalRag.AppHost.csproj"))
            .Descendants("ProjectReference")
            .Where(reference => string.Equals((string?)reference.Attribute("IsAspireProjectResource"), "false", StringComparison.OrdinalIgnoreCase))
            .Select(reference => (string?)reference.Attribute("Include"))
            .ToList();

        Assert.DoesNotContain("TacticalRag.Api", referenced);
        Assert.DoesNotContain("TacticalRag.Web", referenced);
        Assert.Empty(asLibraries);
    }

    [Fact]
    public void TheAppHostSharesOnlyTheConventionsFolderOfServiceDefaultsAsSource()
    {
        var linked = XDocument.Parse(RepositoryFiles.Read("TacticalRag.AppHost/TacticalRag.AppHost.csproj"))
            .Descendants("Compile")
            .Select(compile => ((string?)compile.Attribute("Include") ?? "").Replace('\\', '/'))
            .ToList();

        Assert.All(linked, include => Assert.StartsWith("../TacticalRag.ServiceDefaults/Conventions/", include));
    }

    [Fact]
    public void TheAppHostUsesNoApiOrWebType()
    {
        var used = ProductArchitecture.Architecture.Types
            .Where(t => t.FullName.StartsWith("TacticalRag.AppHost", StringComparison.Ordinal))
            .SelectMany(t => t.Dependencies.Select(d => d.Target.FullName))
            .Where(target => target.StartsWith("TacticalRag.Api.", StringComparison.Ordinal) || target.StartsWith("TacticalRag.Web.", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Empty(used);
    }

    [Fact]
    public void TheWebFrontEndTalksToTheApiOverHttpOnly()
    {
        Assert.DoesNotContain("TacticalRag.Api", ProductArchitecture.Web.GetReferencedAssemblies().Select(r => r.Name));
    }

    private static IEnumerable<string> Includes(string project, params string[] elements) =>
        XDocument.Parse(RepositoryFiles.Read(project)).Descendants()
            .Where(e => elements.Contains(e.Name.LocalName))
            .Select(e => (string?)e.Attribute("Include") ?? "");
}
