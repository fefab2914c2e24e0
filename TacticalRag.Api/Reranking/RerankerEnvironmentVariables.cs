namespace TacticalRag.Api.Reranking;

/// <summary>
/// <c>RERANKER_HOST</c>, <c>RERANKER_FORMAT</c> and <c>RERANKER_MODEL</c>, layered over section <c>Reranker</c> the
/// way the LLM gateway reads <c>VLLM_HOST</c>: the AppHost and plain container deployments set these.
/// </summary>
internal static class RerankerEnvironmentVariables
{
    private static readonly (string Variable, string Key)[] Map =
    [
        ("RERANKER_HOST", "Reranker:Endpoint"),
        ("RERANKER_FORMAT", "Reranker:Format"),
        ("RERANKER_MODEL", "Reranker:Model"),
    ];

    public static void Apply(IConfigurationManager configuration)
    {
        var overrides = Map
            .Where(entry => configuration[entry.Variable] is { Length: > 0 })
            .ToDictionary(entry => entry.Key, entry => configuration[entry.Variable]);
        if (overrides.Count > 0)
        {
            configuration.AddInMemoryCollection(overrides);
        }
    }
}
