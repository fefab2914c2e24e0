using ArchUnitNET.Domain;

namespace TacticalRag.ArchitectureTests;

/// <summary>
/// What a feature of the API is and what of it others may use (docs/architecture.md says the same in prose).
/// A feature is a top-level folder and namespace of TacticalRag.Api (Answering, Ingestion, Retrieval, ...). Its public
/// contract is the public types directly in its root namespace. Its sub-namespaces (Ingestion.Extraction, Storage.Redis)
/// and its internal types are its implementation, and so are the few public types listed in <see cref="KeptInside"/>
/// (public only so that tests and the bench can build them). Shared pieces are used by every feature and use none.
/// </summary>
public static class FeatureContracts
{
    /// <summary>Shared pieces: plumbing every feature may use (SSE writing, body reading, prompt safety, library records).</summary>
    public static readonly IReadOnlySet<string> SharedPieces = new HashSet<string>(StringComparer.Ordinal) { "Common", "Library", "ModelServerKit", "Prompting" };

    /// <summary>Public types that are still a feature's own implementation: other features use its contract instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeptInside = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TacticalRag.Api.Retrieval.SearchIndex"] = "write through ISearchIndexWriter, search through HybridRetriever",
        ["TacticalRag.Api.Retrieval.Bm25Index"] = "part of SearchIndex",
        ["TacticalRag.Api.Retrieval.VectorIndex"] = "part of SearchIndex",
    };

    /// <summary>The top-level part of an API namespace (<c>Retrieval</c> for <c>TacticalRag.Api.Retrieval.Evaluation</c>), or null outside the API.</summary>
    public static string? AreaOf(string @namespace)
    {
        const string prefix = ProductArchitecture.ApiNamespace + ".";
        if (!@namespace.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = @namespace[prefix.Length..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    public static IReadOnlyList<string> Features() =>
        ProductArchitecture.Architecture.Types
            .Select(t => AreaOf(FeatureBoundary.NamespaceOf(t)))
            .OfType<string>()
            .Where(area => !SharedPieces.Contains(area))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Why <paramref name="target"/> is not part of its feature's contract, or null when it is.</summary>
    public static string? OutsideContract(IType target)
    {
        var @namespace = FeatureBoundary.NamespaceOf(target);
        var area = AreaOf(@namespace);
        if (area is null || SharedPieces.Contains(area))
        {
            return null;
        }
        if (@namespace != $"{ProductArchitecture.ApiNamespace}.{area}")
        {
            return $"it is in {area}'s implementation namespace {@namespace}";
        }
        if (ProductArchitecture.Api.GetType(target.FullName) is not { IsVisible: true })
        {
            return $"it is internal to {area}";
        }
        return KeptInside.TryGetValue(target.FullName, out var instead) ? $"it is {area}'s implementation ({instead})" : null;
    }
}
