using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>Ollama's made-up but plausible timing counts, in nanoseconds as Ollama reports them.</summary>
internal sealed record OllamaTimings(long Total, long Load, int PromptEvalCount, long PromptEval, int EvalCount, long Eval)
{
    public static OllamaTimings For(GenerationPlan plan)
    {
        const long load = 1_000_000, perPromptToken = 1_000_000, perToken = 20_000_000;
        var promptEval = plan.PromptTokens * perPromptToken;
        var eval = plan.CompletionTokens * perToken;
        return new(load + promptEval + eval, load, plan.PromptTokens, promptEval, plan.CompletionTokens, eval);
    }

    public static string CreatedAt(GenerationPlan plan) => plan.Created.UtcDateTime.ToString("o");
}

/// <summary><c>/api/chat</c>: one line per token, then a <c>done:true</c> line with the reason and timings.</summary>
internal sealed class OllamaChatFormat : IGenerationFormat
{
    public string StreamContentType => NdjsonWriter.ContentType;

    public Task WriteStreamStartAsync(HttpResponse response, GenerationPlan plan, CancellationToken ct) => Task.CompletedTask;

    public Task WriteStreamTokenAsync(HttpResponse response, GenerationPlan plan, string token, CancellationToken ct) =>
        NdjsonWriter.WriteLineAsync(response, new OllamaChatLine(plan.Model, OllamaTimings.CreatedAt(plan), Assistant(token), Done: false), ct);

    public Task WriteStreamEndAsync(HttpResponse response, GenerationPlan plan, CancellationToken ct) =>
        NdjsonWriter.WriteLineAsync(response, Final(plan, ""), ct);

    public Task WriteStreamMalformedAsync(HttpResponse response, CancellationToken ct) =>
        SseWriter.WriteRawAsync(response, "{\"model\":\"malformed\",\"message\":{\"role\":\"assistant\",\"content\":\"Simul\n", ct);

    public Task WriteStreamErrorAsync(HttpResponse response, string message, CancellationToken ct) =>
        NdjsonWriter.WriteLineAsync(response, new { error = message }, ct);

    public byte[] SerializeComplete(GenerationPlan plan) => JsonSerializer.SerializeToUtf8Bytes(Final(plan, plan.Text), SimJson.Ollama);

    private static OllamaMessage Assistant(string content) => new("assistant", content);

    private static OllamaChatLine Final(GenerationPlan plan, string content)
    {
        var t = OllamaTimings.For(plan);
        return new OllamaChatLine(
            plan.Model, OllamaTimings.CreatedAt(plan), Assistant(content), Done: true, plan.FinishReason,
            t.Total, t.Load, t.PromptEvalCount, t.PromptEval, t.EvalCount, t.Eval);
    }
}
