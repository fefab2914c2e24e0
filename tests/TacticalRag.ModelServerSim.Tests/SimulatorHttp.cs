using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TacticalRag.ModelServerSim;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>Raw HTTP helpers for reading the simulator's wire formats exactly as a client receives them.</summary>
internal static class SimulatorHttp
{
    public const string VllmModel = "meta-llama/Meta-Llama-3.1-8B-Instruct";
    public const string OllamaModel = "llama3.1:8b";
    public const string Question = "What is the boiling point of water at sea level?";

    /// <summary>The simulator echoes up to twelve words of the question after this prefix.</summary>
    public static string ExpectedAnswer(string model) => $"Simulated answer from {model}: {Question}";

    /// <summary>Bounds a wait that must end on its own (a stop, a dispose), so a regression fails instead of hanging.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>Every wait in these tests is bounded; fault tests pass a short timeout on purpose.</summary>
    public static HttpClient Client(ModelServerSimulator simulator, TimeSpan? timeout = null) =>
        new() { BaseAddress = simulator.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public static string VllmChat(bool stream, string? model = VllmModel, string extra = "") =>
        $$"""{"model":"{{model}}","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"{{Question}}"}],"stream":{{Json(stream)}}{{extra}}}""";

    public static string OllamaChat(bool? stream, string model = OllamaModel, string extra = "") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"{{Question}}"}]{{(stream is null ? "" : $",\"stream\":{Json(stream.Value)}")}}{{extra}}}""";

    public static Task<HttpResponseMessage> PostJsonAsync(
        this HttpClient client, string path, string json, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return client.SendAsync(request, completion);
    }

    public static Task<HttpResponseMessage> SendWithKeyAsync(this HttpClient client, HttpMethod method, string path, string? apiKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The payloads of a complete SSE body, after checking that every event is one <c>data:</c> line ended by a blank line.</summary>
    public static async Task<IReadOnlyList<string>> ReadSseDataAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n\n", body);
        var events = body[..^2].Split("\n\n");
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.All(events, e => Assert.DoesNotContain('\n', e));
        return events.Select(e => e["data: ".Length..]).ToList();
    }

    /// <summary>The objects of a complete NDJSON body: one JSON object per line, nothing else.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ReadNdjsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var lines = body.TrimEnd('\n').Split('\n');
        return lines.Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }).ToList();
    }

    /// <summary>Reads lines until the body ends or the connection breaks, returning what arrived and how it ended.</summary>
    public static async Task<(List<string> Lines, Exception? Error)> ReadLinesUntilEndOrCutAsync(HttpResponseMessage response)
    {
        var lines = new List<string>();
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }

            return (lines, null);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return (lines, ex);
        }
    }

    /// <summary>Whatever the server sent before it closed the connection (a reset counts as closed).</summary>
    public static async Task<byte[]> ReadToEndOrResetAsync(NetworkStream stream)
    {
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received);
        }
        catch (IOException)
        {
            // A reset is as good as a close here: the point is that no HTTP answer came first.
        }

        return received.ToArray();
    }

    /// <summary>Polls a condition the simulator exposes (a counter), bounded so it cannot wait forever.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    private static string Json(bool value) => value ? "true" : "false";
}
