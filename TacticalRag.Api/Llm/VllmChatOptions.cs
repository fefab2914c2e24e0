using OpenAI.Chat;

namespace TacticalRag.Api.Llm;

internal static class VllmChatOptions
{
    /// <summary>A request body with vLLM's <c>top_k</c> sampling field, which OpenAI's schema lacks.</summary>
    public static ChatCompletionOptions WithTopK(int topK)
    {
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is the SDK's documented way to send fields beyond OpenAI's schema.
        options.Patch.Set("$.top_k"u8, topK);
#pragma warning restore SCME0001
        return options;
    }
}
