using Microsoft.Extensions.AI;
using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Llm;

/// <summary>One model server the gateway can send a request to.</summary>
public sealed class LlmBackend(string name, string model, Uri endpoint, bool enabled, IChatClient client, bool configured = true) : IDisposable
{
    public const string Vllm = "vllm";
    public const string Ollama = "ollama";

    /// <summary>The backend an answer reports when no model wrote it (the retrieval-only answer).</summary>
    public const string None = "none";

    public string Name { get; } = name;
    public string Model { get; } = model;
    public Uri Endpoint { get; } = endpoint;

    /// <summary>
    /// False when the deployment has no such server (<c>Llm:NotConfigured</c>): it is listed as not configured, never
    /// probed or called.
    /// </summary>
    public bool Configured { get; } = configured;

    /// <summary>
    /// False when configuration turned it off (<c>USE_VLLM=false</c>) or it is not configured: it is listed, never called.
    /// </summary>
    public bool Enabled { get; } = enabled && configured;

    /// <summary>How <c>/api/llm/backends</c> and the health check name its state.</summary>
    public string StateName => ModelServerMember.NameOf(Configured, Enabled, State.Current.Availability);

    public IChatClient Client { get; } = client;

    /// <summary>Who served an answer this backend gave as the preferred one, and as a fallback (shared: the record is immutable).</summary>
    internal LlmServedBy ServedFirstHand => _servedFirstHand ??= new LlmServedBy(Name, Model, Fallback: false);

    internal LlmServedBy ServedAsFallback => _servedAsFallback ??= new LlmServedBy(Name, Model, Fallback: true);

    private LlmServedBy? _servedFirstHand;
    private LlmServedBy? _servedAsFallback;

    /// <summary>The chat endpoint spoken directly, for the gateway's own endpoints; null where only a chat client is given (tests).</summary>
    internal BackendWire? Wire { get; init; }
    public BackendState State { get; } = new();

    public void Dispose() => Client.Dispose();
}
