using System.Net.Http.Headers;
using System.Text.Json;

namespace TacticalRag.Api.ModelServerKit;

/// <summary>
/// The readiness checks model servers share, by their documented listings: Ollama lists pulled models in
/// <c>GET /api/tags</c> (<c>models[].name</c>), vLLM and OpenAI-compatible servers serve models listed in
/// <c>GET /v1/models</c> (<c>data[].id</c>). A server that does not list the model is <see cref="ModelServerFailure.ModelMissing"/>.
/// </summary>
public static class ServedModels
{
    /// <summary>For a probe of <c>GET /api/tags</c>: ready once Ollama lists <paramref name="model"/>.</summary>
    public static ReadinessCheck OllamaHasPulled(string model) => async (tags, _, cancellationToken) =>
    {
        var pulled = await ReadNamesAsync(tags, "models", "name", cancellationToken);
        return pulled.Any(name => SameOllamaModel(name, model))
            ? null
            : ProbeProblem.ModelMissing($"model '{model}' is not pulled (pulled: {string.Join(", ", pulled.DefaultIfEmpty("none"))})");
    };

    /// <summary>After a successful <c>GET /health</c>: ready once <c>GET /v1/models</c> lists <paramref name="model"/>.</summary>
    public static ReadinessCheck OpenAiServes(Uri endpoint, string model, string? apiKey) => async (_, http, cancellationToken) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "/v1/models"));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        using var models = await http.SendAsync(request, cancellationToken);
        if (!models.IsSuccessStatusCode)
        {
            return ProbeProblem.Answered("/v1/models", models);
        }
        var served = await ReadNamesAsync(models, "data", "id", cancellationToken);
        return served.Contains(model)
            ? null
            : ProbeProblem.ModelMissing($"model '{model}' is not served (serving: {string.Join(", ", served.DefaultIfEmpty("none"))})");
    };

    /// <summary>Ollama lists <c>llama3.1</c> as <c>llama3.1:latest</c>.</summary>
    public static bool SameOllamaModel(string listed, string configured) =>
        string.Equals(Normalize(listed), Normalize(configured), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string model) => Conventions.OllamaModelName.WithDefaultTag(model);

    private static async Task<List<string>> ReadNamesAsync(
        HttpResponseMessage answer, string arrayProperty, string nameProperty, CancellationToken cancellationToken)
    {
        using var body = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = body.RootElement;
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
