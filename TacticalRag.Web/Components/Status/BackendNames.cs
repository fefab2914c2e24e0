namespace TacticalRag.Web.Components;

/// <summary>How the API's backend ids ("vllm", "ollama") read on screen.</summary>
public static class BackendNames
{
    public static string Display(string? backend) => backend?.ToLowerInvariant() switch
    {
        null or "" or "none" => "none",
        "vllm" => "vLLM",
        "ollama" => "Ollama",
        _ => backend,
    };
}
