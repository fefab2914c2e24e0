namespace TacticalRag.Api.Llm;

/// <summary>Checks a prompt request against the configured limits; each problem is named by its field.</summary>
internal static class LlmRequestValidator
{
    public static Dictionary<string, string[]> Validate(LlmRequest request, LlmOptions limits)
    {
        Dictionary<string, string[]> errors = [];
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            errors["prompt"] = ["The prompt is required and must not be blank."];
        }
        else if (request.Prompt.Length > limits.MaxPromptChars)
        {
            errors["prompt"] = [$"The prompt is {request.Prompt.Length} characters; the limit is {limits.MaxPromptChars}."];
        }
        if (request.MaxTokens is { } maxTokens && (maxTokens < 1 || maxTokens > limits.MaxTokensLimit))
        {
            errors["maxTokens"] = [$"maxTokens must be between 1 and {limits.MaxTokensLimit}, got {maxTokens}."];
        }
        if (request.Temperature is { } temperature && (float.IsNaN(temperature) || temperature < 0 || temperature > 2))
        {
            errors["temperature"] = [$"temperature must be between 0 and 2, got {temperature}."];
        }
        return errors;
    }
}
