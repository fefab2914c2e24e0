using System.Net;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>Bad bodies get a 400 ProblemDetails naming what is wrong, and never reach a model server.</summary>
public sealed class BadRequestTests : IAsyncLifetime
{
    private ModelServers _servers = null!;

    public async Task InitializeAsync() => _servers = await ModelServers.StartAsync();

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Theory]
    [InlineData("/api/llm/invoke", """{"prompt":""}""", "prompt")]
    [InlineData("/api/llm/invoke", """{"prompt":"   "}""", "prompt")]
    [InlineData("/api/llm/invoke", """{}""", "prompt")]
    [InlineData("/api/llm/invoke", """{"prompt":"hi","maxTokens":0}""", "maxTokens")]
    [InlineData("/api/llm/invoke", """{"prompt":"hi","maxTokens":100000}""", "maxTokens")]
    [InlineData("/api/llm/invoke", """{"prompt":"hi","temperature":7}""", "temperature")]
    [InlineData("/api/llm/stream", """{"prompt":""}""", "prompt")]
    [InlineData("/api/llm/stream", """{"prompt":"hi","maxTokens":-3}""", "maxTokens")]
    public async Task InvalidFieldsAreNamedInAValidationProblem(string path, string json, string field)
    {
        using var response = await _servers.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ReadProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(0, _servers.Vllm.GenerationRequests);
    }

    [Theory]
    [InlineData("""{"prompt":""", "not valid JSON")]
    [InlineData("""not json at all""", "not valid JSON")]
    [InlineData("""{"prompt":42}""", "$.prompt")]
    [InlineData("""{"prompt":"hi","maxTokens":"many"}""", "$.maxTokens")]
    [InlineData("""[1,2,3]""", "not valid JSON")]
    [InlineData("""null""", "empty or null")]
    [InlineData("", "not valid JSON")]
    public async Task MalformedBodiesAreExplained(string body, string expected)
    {
        using var response = await _servers.Client.PostAsync("/api/llm/invoke", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ReadProblemAsync(response);
        Assert.Contains(expected, problem.ToString());
        Assert.Equal(0, _servers.Vllm.GenerationRequests);
    }

    [Fact]
    public async Task APromptOverTheLimitIsRefusedWithTheLimit()
    {
        using var response = await _servers.Client.InvokeAsync(new string('x', 32_001));

        var problem = await ReadProblemAsync(response);
        Assert.Contains("32000", problem.GetProperty("errors").GetProperty("prompt")[0].GetString());
    }

    [Fact]
    public async Task ABodyOverOneMegabyteIsRefusedWith413()
    {
        var huge = "{\"prompt\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        using var response = await _servers.Client.PostAsync("/api/llm/invoke", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
