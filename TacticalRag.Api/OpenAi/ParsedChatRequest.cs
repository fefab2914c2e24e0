using Microsoft.Extensions.AI;

namespace TacticalRag.Api.OpenAi;

/// <summary>A chat completion request that passed validation, in Microsoft.Extensions.AI's terms.</summary>
public sealed record ParsedChatRequest(
    string Model, OpenAiModelKind Kind, IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool Stream, bool IncludeUsage)
{
    /// <summary><c>chatcmpl-</c> and 24 random characters, like OpenAI's ids.</summary>
    public string Id { get; } = "chatcmpl-" + Guid.NewGuid().ToString("N")[..24];

    public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
