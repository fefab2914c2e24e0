using System.Text.Json;

namespace TacticalRag.ModelServerSim;

// Requests: only the fields the simulator acts on; Ollama ignores the rest as well.
internal sealed record OllamaChatRequest(string? Model, IReadOnlyList<OllamaMessage>? Messages, bool? Stream, OllamaRequestOptions? Options);

internal sealed record OllamaRequestOptions(int? NumPredict);

/// <summary><c>/api/pull</c>; older clients send <c>name</c> instead of <c>model</c>.</summary>
internal sealed record OllamaModelRequest(string? Model, string? Name, bool? Stream);

// Responses, field for field as Ollama writes them (nulls left out, as Go's omitempty does).
internal sealed record OllamaMessage(string? Role, string? Content);

/// <summary>A line of <c>/api/chat</c>; the timing fields only on the last one (<c>done:true</c>).</summary>
internal sealed record OllamaChatLine(
    string Model, string CreatedAt, OllamaMessage Message, bool Done,
    string? DoneReason = null, long? TotalDuration = null, long? LoadDuration = null, int? PromptEvalCount = null,
    long? PromptEvalDuration = null, int? EvalCount = null, long? EvalDuration = null);

internal sealed record OllamaModelDetails(
    string ParentModel, string Format, string Family, IReadOnlyList<string> Families, string ParameterSize, string QuantizationLevel);

internal sealed record OllamaModelEntry(string Name, string Model, DateTimeOffset ModifiedAt, long Size, string Digest, OllamaModelDetails Details);

internal sealed record OllamaTagList(IReadOnlyList<OllamaModelEntry> Models);

internal sealed record OllamaPullProgress(string Status, string? Digest = null, long? Total = null, long? Completed = null);

internal sealed record OllamaErrorBody(string Error);
