namespace TacticalRag.ModelServerSim;

/// <summary>One answer worked out before anything is written, so every wire format and fault sends the same tokens.</summary>
internal sealed record GenerationPlan(
    string Id,
    string Model,
    DateTimeOffset Created,
    IReadOnlyList<string> Tokens,
    string FinishReason,
    int PromptTokens)
{
    public string Text => string.Concat(Tokens);

    public int CompletionTokens => Tokens.Count;

    public long CreatedUnixSeconds => Created.ToUnixTimeSeconds();

    /// <param name="maxTokens">max_tokens / num_predict; null or negative means no limit.</param>
    public static GenerationPlan Create(string idPrefix, string model, string prompt, int promptTokens, int? maxTokens)
    {
        var tokens = SimulatedModel.AnswerTokens(model, prompt);
        var cut = maxTokens is >= 0 && maxTokens < tokens.Count;
        return new GenerationPlan(
            Id: $"{idPrefix}-{Guid.NewGuid():N}",
            Model: model,
            Created: DateTimeOffset.UtcNow,
            Tokens: cut ? tokens.Take(maxTokens!.Value).ToList() : tokens,
            FinishReason: cut ? "length" : "stop",
            PromptTokens: promptTokens);
    }
}
