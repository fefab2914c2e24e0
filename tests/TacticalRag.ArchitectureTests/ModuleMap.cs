using System.Reflection;

namespace TacticalRag.ArchitectureTests;

/// <summary>
/// How an assembly is cut into feature slices and which way they may depend on each other: a feature is the first
/// namespace segment under <see cref="Root"/> (<c>TacticalRag.Api.Retrieval.Evaluation</c> is in <c>Retrieval</c>);
/// shared pieces are used by every feature and use none; <see cref="Edges"/> lists, per feature, the features whose
/// public contract it may use. The product's map is <see cref="FeatureMap.Product"/>; the planted-violation tests
/// check the rules against a map of their own.
/// </summary>
public sealed record ModuleMap(
    string Root,
    IReadOnlyList<Assembly> Assemblies,
    IReadOnlySet<string> SharedPieces,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Edges)
{
    /// <summary>The feature or shared piece a namespace belongs to, or null outside <see cref="Root"/>.</summary>
    public string? AreaOf(string @namespace)
    {
        var prefix = Root + ".";
        if (!@namespace.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = @namespace[prefix.Length..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>The feature (not a shared piece) a namespace belongs to, or null.</summary>
    public string? FeatureOf(string @namespace) => AreaOf(@namespace) is { } area && !SharedPieces.Contains(area) ? area : null;

    public bool Allows(string from, string to) => Edges.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>Whether a type is visible outside its assembly (public, and so is every type it is nested in).</summary>
    public bool IsPublic(string fullName) =>
        Assemblies.Select(a => a.GetType(fullName.Replace('/', '+'))).FirstOrDefault(t => t is not null) is { IsVisible: true };
}
