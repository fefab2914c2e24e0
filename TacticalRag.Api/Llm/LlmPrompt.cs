namespace TacticalRag.Api.Llm;

/// <summary>A single-prompt request with every sampling setting resolved (the caller's, else the configured default).</summary>
internal sealed record LlmPrompt(string Text, int MaxTokens, float Temperature, float TopP, int TopK)
{
    public static LlmPrompt From(LlmRequest request, LlmOptions defaults) => new(
        request.Prompt ?? "", request.MaxTokens ?? defaults.MaxTokens, request.Temperature ?? defaults.Temperature, defaults.TopP, defaults.TopK);
}
