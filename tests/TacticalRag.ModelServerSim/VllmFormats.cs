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
