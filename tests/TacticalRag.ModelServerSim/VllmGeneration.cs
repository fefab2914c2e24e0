using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>vLLM's <c>/v1/chat/completions</c>.</summary>
internal static class VllmGeneration
{
    public static async Task ChatAsync(HttpContext context, SimulatorState state)
    {
        var (request, error) = await SimJson.ReadRequestAsync<VllmChatRequest>(context, SimJson.Vllm);
        if (request is null || request.Messages is not { Count: > 0 })
        {
            await VllmErrors.WriteAsync(context, StatusCodes.Status400BadRequest, request is null ? error : "messages must not be empty.");
            return;
        }

        if (!await PassesModelChecksAsync(context, state, request.Model))
        {
            return;
        }

        var texts = request.Messages.Select(m => (m.Role, Text: TextOf(m.Content))).ToList();
        var lastUser = texts.Where(m => m.Role == "user").Select(m => m.Text).DefaultIfEmpty(texts[^1].Text).Last();
        var plan = GenerationPlan.Create(
            "chatcmpl", state.Options.VllmModel, lastUser,
            texts.Sum(m => SimulatedModel.CountTokens(m.Text)), request.MaxCompletionTokens ?? request.MaxTokens);
        var format = new VllmChatFormat(request.StreamOptions?.IncludeUsage == true);
        await GenerationRunner.RunAsync(context, state, format, plan, request.Stream == true);
    }

    /// <summary>Error faults first (as a failing server answers before looking at the body), then the served model.</summary>
    private static async Task<bool> PassesModelChecksAsync(HttpContext context, SimulatorState state, string? model)
    {
        if (await VllmErrors.TryWriteFaultAsync(context, state.Fault))
        {
            return false;
        }

        if (!state.ServesVllmModel(model))
        {
            await VllmErrors.ModelNotFoundAsync(context, model ?? state.Options.VllmModel);
            return false;
        }

        return true;
    }

    private static string TextOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? "",
        JsonValueKind.Array => string.Join(" ", content.EnumerateArray()
            .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out _))
            .Select(part => part.GetProperty("text").GetString())),
        _ => "",
    };
}
