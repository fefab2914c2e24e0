using System.Runtime.InteropServices;
using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>vLLM's <c>/v1/chat/completions</c>, <c>/v1/completions</c> and <c>/v1/embeddings</c>.</summary>
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

    public static async Task CompletionAsync(HttpContext context, SimulatorState state)
    {
        var (request, error) = await SimJson.ReadRequestAsync<VllmCompletionRequest>(context, SimJson.Vllm);
        if (request is null)
        {
            await VllmErrors.WriteAsync(context, StatusCodes.Status400BadRequest, error);
            return;
        }

        if (!await PassesModelChecksAsync(context, state, request.Model))
        {
            return;
        }

        var prompt = string.Join("\n", Strings(request.Prompt));
        var plan = GenerationPlan.Create(
            "cmpl", state.Options.VllmModel, prompt, SimulatedModel.CountTokens(prompt), request.MaxTokens);
        var format = new VllmCompletionFormat(request.StreamOptions?.IncludeUsage == true);
        await GenerationRunner.RunAsync(context, state, format, plan, request.Stream == true);
    }

    public static async Task EmbeddingsAsync(HttpContext context, SimulatorState state)
    {
        var (request, error) = await SimJson.ReadRequestAsync<VllmEmbeddingRequest>(context, SimJson.Vllm);
        if (request is null)
        {
            await VllmErrors.WriteAsync(context, StatusCodes.Status400BadRequest, error);
            return;
        }

        if (!await PassesModelChecksAsync(context, state, request.Model))
        {
            return;
        }

        var inputs = Strings(request.Input);
        var base64 = request.EncodingFormat == "base64";
        var data = inputs
            .Select((text, index) => new VllmEmbedding(index, Encode(SimulatedModel.Embed(text), base64)))
            .ToList();
        var tokens = inputs.Sum(SimulatedModel.CountTokens);
        var list = new VllmEmbeddingList(state.Options.VllmModel, data, new VllmEmbeddingUsage(tokens, tokens));
        await JsonAnswer.WriteGenerationAsync(context, state, JsonSerializer.SerializeToUtf8Bytes(list, SimJson.Vllm), tokens: 1);
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

    private static object Encode(float[] vector, bool base64) =>
        base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector;

    private static string TextOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? "",
        JsonValueKind.Array => string.Join(" ", content.EnumerateArray()
            .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out _))
            .Select(part => part.GetProperty("text").GetString())),
        _ => "",
    };

    private static IReadOnlyList<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString() ?? ""],
        JsonValueKind.Array => value.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() ?? "" : item.GetRawText())
            .ToList(),
        _ => [""],
    };
}
