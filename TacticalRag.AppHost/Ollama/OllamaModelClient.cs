using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using TacticalRag.Conventions;

namespace TacticalRag.AppHost.Ollama;

/// <summary>The two calls of Ollama's HTTP API the AppHost needs: which models are present, and pulling one.</summary>
public sealed class OllamaModelClient(HttpClient http, Uri serverAddress)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Whether <c>GET /api/tags</c> lists <paramref name="model"/> (a name without a tag means <c>:latest</c>).</summary>
    public async Task<bool> HasModelAsync(string model, CancellationToken cancellationToken)
    {
        var tags = await http.GetFromJsonAsync<TagsResponse>(new Uri(serverAddress, "/api/tags"), Json, cancellationToken);
        var wanted = OllamaModelName.WithDefaultTag(model);
        return tags?.Models?.Any(m => string.Equals(OllamaModelName.WithDefaultTag(m.Name ?? m.Model ?? ""), wanted, StringComparison.OrdinalIgnoreCase)) == true;
    }

    /// <summary>
    /// Pulls <paramref name="model"/> through <c>POST /api/pull</c>, reporting every NDJSON progress line.
    /// Throws <see cref="OllamaPullException"/> when Ollama reports an error, before or during the stream.
    /// </summary>
    public async Task PullAsync(string model, OllamaPullProgress progress, Func<OllamaPullProgress, Task> onProgress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(serverAddress, "/api/pull"))
        {
            Content = JsonContent.Create(new PullRequest(model, Stream: true), options: Json),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new OllamaPullException($"Ollama answered {(int)response.StatusCode} to the pull of {model}: {ErrorText(body)}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var update = JsonSerializer.Deserialize<OllamaPullLine>(line, Json)
                ?? throw new OllamaPullException($"Ollama sent an empty progress line while pulling {model}.");
            if (update.Error is { } error)
            {
                throw new OllamaPullException($"Ollama failed to pull {model}: {error}");
            }
            progress.Apply(update);
            await onProgress(progress);
        }
        if (!progress.Succeeded)
        {
            throw new OllamaPullException($"The pull of {model} ended without \"success\" (last status: {progress.LastStatus ?? "none"}).");
        }
    }

    private static string ErrorText(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ErrorResponse>(body, Json)?.Error ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private sealed record PullRequest(string Model, bool Stream);

    private sealed record ErrorResponse([property: JsonPropertyName("error")] string? Error);

    private sealed record TagsResponse([property: JsonPropertyName("models")] IReadOnlyList<TagEntry>? Models);

    private sealed record TagEntry(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("model")] string? Model);
}

/// <summary>Ollama refused or failed a model pull; the message is what Ollama said.</summary>
public sealed class OllamaPullException(string message) : Exception(message);
