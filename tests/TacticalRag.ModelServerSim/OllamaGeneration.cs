namespace TacticalRag.ModelServerSim;

/// <summary>Ollama's <c>/api/chat</c>.</summary>
internal static class OllamaGeneration
{
    public static async Task ChatAsync(HttpContext context, SimulatorState state)
    {
        var (request, error) = await SimJson.ReadRequestAsync<OllamaChatRequest>(context, SimJson.Ollama);
        if (!await PassesChecksAsync(context, state, request, request?.Model, error))
        {
            return;
        }

        var messages = request!.Messages ?? [];
        var lastUser = messages.LastOrDefault(m => m.Role == "user") ?? messages.LastOrDefault();
        var promptTokens = messages.Sum(m => SimulatedModel.CountTokens(m.Content ?? ""));
        var plan = Plan(request.Model!, lastUser?.Content ?? "", promptTokens, request.Options, loadOnly: messages.Count == 0);
        await GenerationRunner.RunAsync(context, state, new OllamaChatFormat(), plan, request.Stream ?? true);
    }

    /// <param name="loadOnly">No messages or prompt: Ollama only loads the model and answers <c>done_reason</c> "load".</param>
    private static GenerationPlan Plan(string model, string prompt, int promptTokens, OllamaRequestOptions? options, bool loadOnly)
    {
        var plan = GenerationPlan.Create("ollama", model, prompt, promptTokens, options?.NumPredict);
        return loadOnly ? plan with { Tokens = [], FinishReason = "load" } : plan;
    }

    private static async Task<bool> PassesChecksAsync(HttpContext context, SimulatorState state, object? request, string? model, string error)
    {
        if (request is null || string.IsNullOrEmpty(model))
        {
            await OllamaErrors.WriteAsync(context, StatusCodes.Status400BadRequest, request is null ? error : "model is required");
            return false;
        }

        if (await OllamaErrors.TryWriteFaultAsync(context, state.Fault))
        {
            return false;
        }

        if (!state.HasOllamaModel(model))
        {
            await OllamaErrors.ModelNotPulledAsync(context, model);
            return false;
        }

        return true;
    }
}
