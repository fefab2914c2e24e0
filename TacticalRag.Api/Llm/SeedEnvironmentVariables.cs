using TacticalRag.Conventions;

namespace TacticalRag.Api.Llm;

/// <summary>
/// The original system was configured with <c>USE_VLLM</c>, <c>VLLM_HOST</c>, <c>VLLM_MODEL</c>, <c>OLLAMA_HOST</c> and
/// <c>OLLAMA_MODEL</c>; deployments still set them, so they are layered over section <c>Llm</c>.
/// </summary>
internal static class SeedEnvironmentVariables
{
    private static readonly (string Variable, string Key)[] Map =
    [
        ("VLLM_HOST", "Llm:VllmHost"),
        ("VLLM_MODEL", "Llm:VllmModel"),
        ("OLLAMA_HOST", "Llm:OllamaHost"),
        ("OLLAMA_MODEL", "Llm:OllamaModel"),
    ];

    public static void Apply(IConfigurationManager configuration)
    {
        var overrides = new Dictionary<string, string?>();
        foreach (var (variable, key) in Map)
        {
            if (configuration[variable] is { Length: > 0 } value)
            {
                overrides[key] = value;
            }
        }
        if (configuration["USE_VLLM"] is { Length: > 0 } useVllm)
        {
            overrides["Llm:UseVllm"] = ParseFlag(useVllm) ? "true" : "false";
        }
        if (overrides.Count > 0)
        {
            configuration.AddInMemoryCollection(overrides);
        }
    }

    private static bool ParseFlag(string value) => OnOffSwitch.Parse(value)
        ?? throw new InvalidOperationException($"USE_VLLM must be true or false ({OnOffSwitch.Spellings}), got '{value}'.");
}
