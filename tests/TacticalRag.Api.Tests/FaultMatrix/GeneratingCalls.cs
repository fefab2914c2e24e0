using System.Net.Http.Json;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.FaultMatrix;

/// <summary>Calls a generating endpoint as an integrator would, bounded so a hang fails the case instead of the run.</summary>
public static class GeneratingCalls
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static Task<GenerationOutcome> CallAsync(this HttpClient client, GeneratingEndpoint endpoint, string question) =>
        (endpoint switch
        {
            GeneratingEndpoint.Invoke => WholeAsync(client, endpoint, "/api/llm/invoke", new { prompt = question }),
            GeneratingEndpoint.LlmStream => StreamAsync(client, endpoint, "/api/llm/stream", new { prompt = question }),
            GeneratingEndpoint.Ask => WholeAsync(client, endpoint, "/api/ask", new { question }),
            GeneratingEndpoint.AskStream => StreamAsync(client, endpoint, "/api/ask/stream", new { question }),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
        }).WaitAsync(Bound);

    private static async Task<GenerationOutcome> WholeAsync(HttpClient client, GeneratingEndpoint endpoint, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        return new GenerationOutcome(endpoint, response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync(), null);
    }

    private static async Task<GenerationOutcome> StreamAsync(HttpClient client, GeneratingEndpoint endpoint, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new GenerationOutcome(endpoint, response.StatusCode, response.Content.Headers.ContentType?.MediaType, null,
            await GatewayClient.ReadEventsAsync(response));
    }
}
