using System.Net.Http.Json;
using System.Text.Json;

namespace TacticalRag.Api.Tests.Infrastructure;

/// <summary>Calls the gateway's endpoints the way an integrator would: JSON over HTTP, SSE read off the wire.</summary>
public static class GatewayClient
{
    public static Task<HttpResponseMessage> InvokeAsync(this HttpClient client, string prompt, int? maxTokens = null) =>
        client.PostAsJsonAsync("/api/llm/invoke", new { prompt, maxTokens });

    public static async Task<JsonElement> InvokeOkAsync(this HttpClient client, string prompt)
    {
        using var response = await client.InvokeAsync(prompt);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"invoke answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary><c>/health</c>'s verdict (Healthy, Degraded, Unhealthy), whatever the status code that carries it.</summary>
    public static async Task<string> GetHealthAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<JsonElement> GetBackendsAsync(this HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/llm/backends")).RootElement.Clone();

    public static async Task<bool> IsHealthyAsync(this HttpClient client, string backend)
    {
        var backends = await client.GetBackendsAsync();
        return backends.GetProperty("backends").EnumerateArray()
            .Any(b => b.GetProperty("name").GetString() == backend && b.GetProperty("healthy").GetBoolean());
    }

    public static Task WaitUntilHealthyAsync(this HttpClient client, string backend, bool healthy = true) =>
        Eventually.ReturnsAsync(() => client.IsHealthyAsync(backend), h => h == healthy, $"{backend} healthy={healthy}");

    /// <summary>Posts to <c>/api/llm/stream</c> and reads every SSE event until the server ends the response.</summary>
    public static async Task<StreamResult> StreamAsync(this HttpClient client, string prompt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/llm/stream") { Content = JsonContent.Create(new { prompt }) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return await ReadEventsAsync(response);
    }

    public static async Task<StreamResult> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<(string Event, JsonElement Data)>();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return new StreamResult(response.StatusCode, events, await response.Content.ReadAsStringAsync());
        }
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? eventName = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) eventName = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                events.Add((eventName ?? "message", JsonDocument.Parse(line[6..]).RootElement.Clone()));
        }
        return new StreamResult(response.StatusCode, events, null);
    }
}

public sealed record StreamResult(System.Net.HttpStatusCode Status, List<(string Event, JsonElement Data)> Events, string? Body)
{
    public string Text => string.Concat(Events.Where(e => e.Event == "token").Select(e => e.Data.GetProperty("text").GetString()));
    public JsonElement? Last(string eventName) => Events.LastOrDefault(e => e.Event == eventName) is { Event: not null } found ? found.Data : null;
}
