using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Llm;

/// <summary>
/// How the model-server kit probes each backend, the way each server says it is ready: vLLM answers <c>GET /health</c>
/// and lists the model in <c>GET /v1/models</c>; Ollama lists the pulled model in <c>GET /api/tags</c>.
/// </summary>
internal static class BackendProbe
{
    /// <summary>Probes have their own short timeout and must see failures as they are, not retried away.</summary>
    public const string HttpClientName = "llm-probe";

    /// <summary>The backends, preferred first, as one group the kit probes and reports on (health check <c>llm</c>).</summary>
    public static ModelServerGroup Group(LlmBackendRegistry registry, LlmOptions settings, Action? afterFirstProbe = null) =>
        new("model server", "answers are retrieval-only",
            [.. registry.All.Select(backend => new ModelServerMember(For(backend, settings), backend.State, backend.Enabled))],
            afterFirstProbe);

    private static ModelServerProbe For(LlmBackend backend, LlmOptions settings)
    {
        var vllm = backend.Name == LlmBackend.Vllm;
        return new ModelServerProbe(
            backend.Name,
            backend.Configured ? backend.Endpoint : null,
            vllm ? "/health" : "/api/tags",
            backend.Model,
            HttpClientName,
            settings.HealthProbeInterval,
            settings.HealthProbeTimeout,
            WhenUp: "it answers",
            WhenDown: "requests skip it",
            Ready: vllm
                ? ServedModels.OpenAiServes(backend.Endpoint, backend.Model, settings.VllmApiKey)
                : ServedModels.OllamaHasPulled(backend.Model));
    }
}
