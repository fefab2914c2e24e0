using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using TacticalRag.Bench.Hosting;

namespace TacticalRag.Bench.Suites.Live;

/// <summary>
/// The product's gateway, measured through <c>POST /api/llm/stream</c> (the prompt straight to the LLM gateway, no
/// retrieval: the same prompt the direct rows send), reading its <c>token</c> and <c>done</c> events; the row says
/// which backend the gateway chose.
/// </summary>
public sealed class GatewayTarget(Uri baseAddress, string? apiKey, int concurrency, int maxTokens) : ILiveTarget
{
    private readonly HttpClient _http = LoopbackHttp.Create(baseAddress, concurrency, TimeSpan.FromMinutes(10));

    public string Name => "gateway";

    /// <summary>The gateway picks the backend, and with it the model: the row shows what its done events named.</summary>
    public string Model => "(the gateway's choice)";

    public async Task<StreamedAnswer> StreamAsync(string prompt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/llm/stream")
        {
            Content = JsonContent.Create(new { prompt, maxTokens, temperature = 0.0 }),
        };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"The gateway answered {(int)response.StatusCode}: {body}");
        }
        TimeSpan? firstToken = null;
        var pieces = 0;
        string? servedBy = null;
        string? servedModel = null;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            using var data = JsonDocument.Parse(item.Data);
            switch (item.EventType)
            {
                case "token" when data.RootElement.GetProperty("text").GetString() is { Length: > 0 }:
                    firstToken ??= Stopwatch.GetElapsedTime(started);
                    pieces++;
                    break;
                case "done":
                    servedBy = data.RootElement.GetProperty("backend").GetString();
                    servedModel = data.RootElement.TryGetProperty("model", out var model) ? model.GetString() : null;
                    break;
                case "error":
                    throw new InvalidOperationException($"The gateway's stream failed: {item.Data}");
            }
        }
        var whole = Stopwatch.GetElapsedTime(started);
        if (firstToken is null || servedBy is null)
        {
            throw new InvalidOperationException("The gateway's stream ended without text or without its done event.");
        }
        return new StreamedAnswer(firstToken.Value, whole, pieces, servedBy, servedModel);
    }

    public void Dispose() => _http.Dispose();
}
