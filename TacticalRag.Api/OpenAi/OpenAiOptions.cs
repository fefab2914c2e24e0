using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.OpenAi;

/// <summary>Section <c>OpenAi</c>: limits of the OpenAI-compatible API.</summary>
public sealed class OpenAiOptions
{
    public const string SectionName = "OpenAi";

    /// <summary>Largest request body; a long conversation sent whole each turn must still fit.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Inputs per embeddings request: the embedder runs on the API's CPUs, so a huge batch would starve answers.</summary>
    [Range(1, 10_000)]
    public int MaxEmbeddingInputs { get; set; } = 256;

    /// <summary>Characters per embedding input; the model reads only a few hundred word pieces anyway.</summary>
    [Range(1, 1_000_000)]
    public int MaxEmbeddingInputChars { get; set; } = 8_192;

    /// <summary>
    /// Characters of all messages together for model <c>tacticalrag</c> (the history a client sends each turn); over it,
    /// 400 <c>context_length_exceeded</c>. The gateway models are bounded by <c>Llm:MaxPromptChars</c>.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int MaxConversationChars { get; set; } = 100_000;
}
