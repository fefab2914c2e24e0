using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.OpenAi;

/// <summary>The official OpenAI .NET SDK pointed at the API under test, as an integrator would set it up.</summary>
public static class OpenAiSdk
{
    public static OpenAIClient Client(GatewayHost host, string key = "no-key-configured") =>
        new(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(host.Client.BaseAddress!, "v1"),
            // The tests assert on the first answer: the SDK's own retries (on 429 and 5xx) would hide it.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        });

    public static string? Header(this ClientResult result, string name) =>
        result.GetRawResponse().Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Posts a raw body to a <c>/v1</c> path and parses the JSON answer, for what the SDK does not expose.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostJsonAsync(this HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Reads an SSE response's <c>data:</c> payloads until the server ends it; true when <c>[DONE]</c> came.</summary>
    public static async Task<(List<JsonElement> Chunks, bool Done)> ReadDataEventsAsync(HttpResponseMessage response)
    {
        List<JsonElement> chunks = [];
        var done = false;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var data = line["data: ".Length..];
            if (data == "[DONE]") done = true;
            else chunks.Add(JsonDocument.Parse(data).RootElement.Clone());
        }
        return (chunks, done);
    }

    public static void AssertError(JsonElement body, string type, string? code = null, string? param = null)
    {
        var error = body.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("param", out var actualParam), "error.param is present");
        Assert.True(error.TryGetProperty("code", out var actualCode), "error.code is present");
        if (code is not null) Assert.Equal(code, actualCode.GetString());
        if (param is not null) Assert.Equal(param, actualParam.GetString());
    }
}
