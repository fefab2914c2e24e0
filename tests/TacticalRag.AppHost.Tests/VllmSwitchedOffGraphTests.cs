using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TacticalRag.ModelServerSim;

namespace TacticalRag.AppHost.Tests;

/// <summary>
/// A CPU-only deployment: the whole graph started with <c>use-vllm=false</c>. Even with a vLLM URL configured, no vLLM
/// resource exists, the AppHost says so once, and the API answers through Ollama without ever calling vLLM.
/// </summary>
public sealed class VllmSwitchedOffGraphTests
{
    [Fact]
    public async Task LeavesVllmOutWithOneLogLineAndTheApiAnswersThroughOllama()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var redisData = new TemporaryRedisData();
        await using var vllm = await ModelServerSimulator.StartAsync(new SimulatorOptions(), timeout.Token);
        await using var ollama = await ModelServerSimulator.StartAsync(new SimulatorOptions(), timeout.Token);
        var log = new CapturedLog();

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TacticalRag_AppHost>(
            [
                AppHostModel.LocalInfra,
                redisData.Argument,
                "--Parameters:use-vllm=false",
                "--TacticalRag:LoadSamples=false",
                $"--TacticalRag:Endpoints:Vllm={vllm.BaseAddress}",
                $"--TacticalRag:Endpoints:Ollama={ollama.BaseAddress}",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:TacticalRag.AppHost=Information",
            ],
            timeout.Token);
        builder.Services.AddLogging(logging => logging.AddProvider(log));
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);

        Assert.DoesNotContain(app.Services.GetRequiredService<DistributedApplicationModel>().Resources, resource => resource.Name == "vllm");
        Assert.Single(log.Messages, message => message.StartsWith("vLLM left out: use-vllm is off", StringComparison.Ordinal));

        using var api = await app.CreateApiClientAsync(timeout.Token);
        using var response = await api.PostAsJsonAsync("/api/llm/invoke", new { prompt = "What does the SOP say about radio checks?" }, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var answer = JsonNode.Parse(body)!;
        Assert.Equal("ollama", (string?)answer["backend"]);
        Assert.False((bool?)answer["fallback"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)answer["text"]));

        var backends = JsonNode.Parse(await api.GetStringAsync("/api/llm/backends", timeout.Token))!;
        Assert.Equal("ollama", (string?)backends["preferred"]);
        Assert.Equal("not_configured", (string?)backends["backends"]!.AsArray().Single(b => (string?)b!["name"] == "vllm")!["state"]);
        Assert.Equal(0, vllm.GenerationRequests);
        Assert.True(ollama.GenerationRequests >= 1, "Ollama wrote the answer");
    }

    /// <summary>The AppHost's own log lines (its topology decisions), as the developer would read them.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages.ToArray();

        public ILogger CreateLogger(string categoryName) => categoryName == "TacticalRag.AppHost" ? new Logger(_messages) : NullLogger;

        public void Dispose()
        {
        }

        private static readonly ILogger NullLogger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
