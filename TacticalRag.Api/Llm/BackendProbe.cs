using System.Net.Http.Headers;
using System.Text.Json;

namespace TacticalRag.Api.Llm;

/// <summary>
/// One health probe of a backend, the way each server says it is ready: vLLM answers <c>GET /health</c> and lists the
/// model in <c>GET /v1/models</c>; Ollama lists the pulled model in <c>GET /api/tags</c>.
/// </summary>
internal static class BackendProbe
{
    public static Task<string?> ProbeAsync(HttpClient http, LlmBackend backend, string? apiKey, CancellationToken cancellationToken) =>
        backend.Name == LlmBackend.Vllm
            ? ProbeVllmAsync(http, backend, apiKey, cancellationToken)
            : ProbeOllamaAsync(http, backend, cancellationToken);

    /// <returns>Null when ready, else what is wrong.</returns>
    private static async Task<string?> ProbeVllmAsync(HttpClient http, LlmBackend backend, string? apiKey, CancellationToken cancellationToken)
    {
        using (var health = await http.GetAsync(new Uri(backend.Endpoint, "/health"), cancellationToken))
        {
            if (!health.IsSuccessStatusCode)
            {
                return $"GET /health answered {(int)health.StatusCode}";
            }
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(backend.Endpoint, "/v1/models"));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        using var models = await http.SendAsync(request, cancellationToken);
        if (!models.IsSuccessStatusCode)
        {
            return $"GET /v1/models answered {(int)models.StatusCode}";
        }
        using var body = await JsonDocument.ParseAsync(await models.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var served = ReadNames(body.RootElement, "data", "id");
        return served.Contains(backend.Model)
            ? null
            : $"model '{backend.Model}' is not served (serving: {string.Join(", ", served.DefaultIfEmpty("none"))})";
    }

    private static async Task<string?> ProbeOllamaAsync(HttpClient http, LlmBackend backend, CancellationToken cancellationToken)
    {
        using var tags = await http.GetAsync(new Uri(backend.Endpoint, "/api/tags"), cancellationToken);
        if (!tags.IsSuccessStatusCode)
        {
            return $"GET /api/tags answered {(int)tags.StatusCode}";
        }
        using var body = await JsonDocument.ParseAsync(await tags.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var pulled = ReadNames(body.RootElement, "models", "name");
        return pulled.Any(name => SameOllamaModel(name, backend.Model))
            ? null
            : $"model '{backend.Model}' is not pulled (pulled: {string.Join(", ", pulled.DefaultIfEmpty("none"))})";
    }

    /// <summary>Ollama lists <c>llama3.1</c> as <c>llama3.1:latest</c>.</summary>
    internal static bool SameOllamaModel(string listed, string configured) =>
        string.Equals(Normalize(listed), Normalize(configured), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string model) => Conventions.OllamaModelName.WithDefaultTag(model);

    private static List<string> ReadNames(JsonElement root, string arrayProperty, string nameProperty)
    {
        List<string> names = [];
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty(arrayProperty, out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty(nameProperty, out var name) && name.GetString() is { } value)
                {
                    names.Add(value);
                }
            }
        }
        return names;
    }
}
