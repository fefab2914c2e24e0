namespace TacticalRag.ArchitectureTests;

/// <summary>
/// The API's module map: which features each feature may use (through their public contract). This table is the one
/// place the allowed edges are declared; docs/architecture.md mirrors it (<see cref="ModuleMapTests"/> checks both
/// ways) and draws it. Adding an edge is a design decision: add the row here and in the document, and mind
/// <see cref="ModuleRules.Cycles"/>: where two features need each other, one owns a port the other implements.
/// </summary>
public static class FeatureMap
{
    /// <summary>Feature → the features it may use. A feature absent from the left column may use none.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedEdges = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Answering"] = ["Conversations", "Llm", "Passages", "Retrieval", "Security"],
        ["Conversations"] = ["Llm", "Passages", "Security"],
        ["Embeddings"] = [],
        ["Examples"] = ["Llm"],
        ["Ingestion"] = ["Embeddings", "Languages", "Retrieval", "Storage"],
        ["Languages"] = [],
        ["Llm"] = ["Security"],
        ["OpenAi"] = ["Answering", "Conversations", "Embeddings", "Llm", "Retrieval", "Security"],
        ["Passages"] = [],
        ["Reranking"] = ["Embeddings", "Retrieval"],
        ["Retrieval"] = ["Embeddings", "Languages", "Llm", "Passages"],
        ["Security"] = [],
        ["Storage"] = ["Conversations", "Embeddings", "Retrieval"],
    };

    public static ModuleMap Product { get; } = new(
        ProductArchitecture.ApiNamespace,
        [ProductArchitecture.Api],
        FeatureContracts.SharedPieces,
        AllowedEdges.ToDictionary(row => row.Key, row => (IReadOnlySet<string>)row.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal));
}
