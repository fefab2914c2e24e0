using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;
using TacticalRag.ModelServerSim;

namespace TacticalRag.ModelServerSim.Tests;

/// <summary>The real client libraries the gateway uses, pointed at a simulator the way the gateway wires them.</summary>
internal static class SimulatorClients
{
    public static IChatClient OpenAiChat(HttpClient httpClient, ModelServerSimulator simulator, string model, string apiKey = "x") =>
        new OpenAIClient(
                new ApiKeyCredential(apiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(simulator.BaseAddress, "v1"),
                    Transport = new HttpClientPipelineTransport(httpClient),
                    RetryPolicy = new ClientRetryPolicy(0),
                })
            .GetChatClient(model)
            .AsIChatClient();

    public static IChatClient OllamaChat(HttpClient httpClient, string model) => new OllamaApiClient(httpClient, model);
}
