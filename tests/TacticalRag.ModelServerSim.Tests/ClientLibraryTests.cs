using System.ClientModel;
using System.Net;
using Microsoft.Extensions.AI;
using TacticalRag.ModelServerSim;
using static TacticalRag.ModelServerSim.Tests.SimulatorHttp;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>The OpenAI SDK (through Microsoft.Extensions.AI) and OllamaSharp read the simulator as they read the real servers.</summary>
public sealed class ClientLibraryTests
{
    [Fact]
    public async Task OpenAiClientReadsACompleteAnswer()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var http = Client(simulator);
        using var chat = SimulatorClients.OpenAiChat(http, simulator, VllmModel);

        var response = await chat.GetResponseAsync(Question);

        Assert.Equal(ExpectedAnswer(VllmModel), response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(VllmModel, response.ModelId);
        Assert.True(response.Usage?.OutputTokenCount > 0);
    }

    [Fact]
    public async Task OpenAiClientReadsAStreamedAnswerWordByWordWithUsage()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var http = Client(simulator);
        using var chat = SimulatorClients.OpenAiChat(http, simulator, VllmModel);

        var updates = await chat.GetStreamingResponseAsync(Question).ToListAsync();

        Assert.Equal(ExpectedAnswer(VllmModel), string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ExpectedAnswer(VllmModel).Split(' ').Length, updates.Count(u => u.Text.Length > 0));
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
        Assert.Contains(updates, u => u.Contents.OfType<UsageContent>().Any());
    }

    [Fact]
    public async Task OpenAiClientSeesTheTokenLimitAsFinishReasonLength()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var http = Client(simulator);
        using var chat = SimulatorClients.OpenAiChat(http, simulator, VllmModel);

        var response = await chat.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal("Simulated answer", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task OpenAiClientGets404ForAMissingModel()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var http = Client(simulator);
        using var chat = SimulatorClients.OpenAiChat(http, simulator, "no/such-model");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.GetResponseAsync(Question));

        Assert.Equal(404, error.Status);
        Assert.Contains("The model `no/such-model` does not exist.", error.Message);
    }

    [Fact]
    public async Task OpenAiClientIsRefusedWithoutTheApiKeyAndServedWithIt()
    {
        await using var simulator = await ModelServerSimulator.StartAsync(new SimulatorOptions { ApiKey = "secret" });
        using var http = Client(simulator);
        using var withoutKey = SimulatorClients.OpenAiChat(http, simulator, VllmModel, apiKey: "wrong");
        using var withKey = SimulatorClients.OpenAiChat(http, simulator, VllmModel, apiKey: "secret");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => withoutKey.GetResponseAsync(Question));
        var response = await withKey.GetResponseAsync(Question);

        Assert.Equal(401, error.Status);
        Assert.Equal(ExpectedAnswer(VllmModel), response.Text);
    }

    [Fact]
    public async Task OllamaClientReadsACompleteAnswer()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var http = Client(simulator);
        using var chat = SimulatorClients.OllamaChat(http, OllamaModel);

        var response = await chat.GetResponseAsync(Question);

        Assert.Equal(ExpectedAnswer(OllamaModel), response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task OllamaClientReadsAStreamedAnswerWordByWord()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var http = Client(simulator);
        using var chat = SimulatorClients.OllamaChat(http, OllamaModel);

        var updates = await chat.GetStreamingResponseAsync(Question).ToListAsync();

        Assert.Equal(ExpectedAnswer(OllamaModel), string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ExpectedAnswer(OllamaModel).Split(' ').Length, updates.Count(u => u.Text.Length > 0));
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
    }

    [Fact]
    public async Task OllamaClientSeesTheTokenLimitAsFinishReasonLength()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var http = Client(simulator);
        using var chat = SimulatorClients.OllamaChat(http, OllamaModel);

        var response = await chat.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal("Simulated answer", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task OllamaClientGets404ForAModelNotPulled()
    {
        await using var simulator = await ModelServerSimulator.StartAsync();
        using var http = Client(simulator);
        using var chat = SimulatorClients.OllamaChat(http, "mistral:7b");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => chat.GetResponseAsync(Question));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
