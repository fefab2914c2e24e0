using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary><c>/v1/chat/completions</c>: a role-only first chunk, one content chunk per token, a finish chunk, usage if asked.</summary>
internal sealed class VllmChatFormat(bool includeUsage) : IGenerationFormat
{
    public string StreamContentType => SseWriter.ContentType;

    public Task WriteStreamStartAsync(HttpResponse response, GenerationPlan plan, CancellationToken ct) =>
        SseWriter.WriteDataAsync(response, Chunk(plan, new VllmDelta(Role: "assistant", Content: ""), null), ct);

    public Task WriteStreamTokenAsync(HttpResponse response, GenerationPlan plan, string token, CancellationToken ct) =>
        SseWriter.WriteDataAsync(response, Chunk(plan, new VllmDelta(Content: token), null), ct);

    public async Task WriteStreamEndAsync(HttpResponse response, GenerationPlan plan, CancellationToken ct)
    {
        await SseWriter.WriteDataAsync(response, Chunk(plan, new VllmDelta(), plan.FinishReason), ct);
        if (includeUsage)
        {
            await SseWriter.WriteDataAsync(response, new VllmChatChunk(plan.Id, plan.CreatedUnixSeconds, plan.Model, [], Usage(plan)), ct);
        }

        await SseWriter.WriteDoneAsync(response, ct);
    }

    public async Task WriteStreamMalformedAsync(HttpResponse response, CancellationToken ct)
    {
        await SseWriter.WriteRawAsync(response, "data: {\"id\":\"chatcmpl-malformed\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":{\"content\":\"Simul\n\n", ct);
        await SseWriter.WriteDoneAsync(response, ct);
    }

    public Task WriteStreamErrorAsync(HttpResponse response, string message, CancellationToken ct) =>
        VllmStreamError.WriteAsync(response, message, ct);

    public byte[] SerializeComplete(GenerationPlan plan) => JsonSerializer.SerializeToUtf8Bytes(
        new VllmChatCompletion(
            plan.Id, plan.CreatedUnixSeconds, plan.Model,
            [new VllmChatChoice(0, new VllmAssistantMessage("assistant", plan.Text), plan.FinishReason)],
            Usage(plan)),
        SimJson.Vllm);

    internal static VllmUsage Usage(GenerationPlan plan) =>
        new(plan.PromptTokens, plan.CompletionTokens, plan.PromptTokens + plan.CompletionTokens);

    private static VllmChatChunk Chunk(GenerationPlan plan, VllmDelta delta, string? finishReason) =>
        new(plan.Id, plan.CreatedUnixSeconds, plan.Model, [new VllmChunkChoice(0, delta, finishReason)]);
}

/// <summary><c>/v1/completions</c>: one <c>text_completion</c> chunk per token, then the finish chunk, usage if asked.</summary>
internal sealed class VllmCompletionFormat(bool includeUsage) : IGenerationFormat
{
    public string StreamContentType => SseWriter.ContentType;

    public Task WriteStreamStartAsync(HttpResponse response, GenerationPlan plan, CancellationToken ct) => Task.CompletedTask;

    public Task WriteStreamTokenAsync(HttpResponse response, GenerationPlan plan, string token, CancellationToken ct) =>
        SseWriter.WriteDataAsync(response, Chunk(plan, token, null), ct);

    public async Task WriteStreamEndAsync(HttpResponse response, GenerationPlan plan, CancellationToken ct)
    {
        await SseWriter.WriteDataAsync(response, Chunk(plan, "", plan.FinishReason), ct);
        if (includeUsage)
        {
            var usage = VllmChatFormat.Usage(plan);
            await SseWriter.WriteDataAsync(response, new VllmTextCompletion(plan.Id, plan.CreatedUnixSeconds, plan.Model, [], usage), ct);
        }

        await SseWriter.WriteDoneAsync(response, ct);
    }

    public async Task WriteStreamMalformedAsync(HttpResponse response, CancellationToken ct)
    {
        await SseWriter.WriteRawAsync(response, "data: {\"id\":\"cmpl-malformed\",\"object\":\"text_completion\",\"choices\":[{\"text\":\"Simul\n\n", ct);
        await SseWriter.WriteDoneAsync(response, ct);
    }

    public Task WriteStreamErrorAsync(HttpResponse response, string message, CancellationToken ct) =>
        VllmStreamError.WriteAsync(response, message, ct);

    public byte[] SerializeComplete(GenerationPlan plan) => JsonSerializer.SerializeToUtf8Bytes(
        new VllmTextCompletion(
            plan.Id, plan.CreatedUnixSeconds, plan.Model,
            [new VllmTextChoice(0, plan.Text, plan.FinishReason)],
            VllmChatFormat.Usage(plan)),
        SimJson.Vllm);

    private static VllmTextCompletion Chunk(GenerationPlan plan, string text, string? finishReason) =>
        new(plan.Id, plan.CreatedUnixSeconds, plan.Model, [new VllmTextChoice(0, text, finishReason)]);
}
