using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;

namespace TacticalRag.Api.OpenAi;

/// <summary>What a model name in an OpenAI request maps to.</summary>
public enum OpenAiModelKind { GroundedAnswer, GatewayChat, Embedding }

/// <summary>
/// The model names this API serves: <c>tacticalrag</c> (grounded, cited answers over the library),
/// <c>tacticalrag-chat</c> (the gateway's chat model: vLLM, failing over to Ollama per request) and the in-process
/// embedding model under its own name and the stable alias <c>tacticalrag-embed</c>. The names stay the same whichever
/// model the backends run, so clients need no change when the deployment swaps one.
/// </summary>
public sealed class OpenAiModels(EmbeddingModel embeddingModel)
{
    public const string Grounded = "tacticalrag";
    public const string Chat = "tacticalrag-chat";
    public const string EmbedAlias = "tacticalrag-embed";
    public const string Owner = "tacticalrag";

    /// <summary>A fixed date (2026-01-01) rather than start time, so every replica lists the same models.</summary>
    private const long Created = 1_767_225_600;

    public EmbeddingModel EmbeddingModel => embeddingModel;

    public IReadOnlyList<ModelCard> All =>
    [
        new(Grounded, Created, Owner),
        new(Chat, Created, Owner),
        new(embeddingModel.Name, Created, Owner),
        new(EmbedAlias, Created, Owner),
    ];

    public OpenAiModelKind? Find(string? id) => id switch
    {
        Grounded => OpenAiModelKind.GroundedAnswer,
        Chat => OpenAiModelKind.GatewayChat,
        EmbedAlias => OpenAiModelKind.Embedding,
        _ when string.Equals(id, embeddingModel.Name, StringComparison.OrdinalIgnoreCase) => OpenAiModelKind.Embedding,
        _ => null,
    };
}
