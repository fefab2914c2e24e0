using Microsoft.Extensions.AI;

namespace TacticalRag.Api.Llm;

/// <summary>One model server the gateway can send a request to.</summary>
public sealed class LlmBackend(string name, string model, Uri endpoint, bool enabled, IChatClient client) : IDisposable
{
    public const string Vllm = "vllm";
    public const string Ollama = "ollama";

    /// <summary>The backend an answer reports when no model wrote it (the retrieval-only answer).</summary>
    public const string None = "none";

    public string Name { get; } = name;
    public string Model { get; } = model;
    public Uri Endpoint { get; } = endpoint;

    /// <summary>False when configuration turned it off (<c>USE_VLLM=false</c>): it is listed, never called.</summary>
    public bool Enabled { get; } = enabled;

    public IChatClient Client { get; } = client;
    public BackendState State { get; } = new();

    public void Dispose() => Client.Dispose();
}
