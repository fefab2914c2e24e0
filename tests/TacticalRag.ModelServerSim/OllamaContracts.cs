using System.Text.Json;

namespace TacticalRag.ModelServerSim;

// Requests: only the fields the simulator acts on; Ollama ignores the rest as well.
internal sealed record OllamaChatRequest(string? Model, IReadOnlyList<OllamaMessage>? Messages, bool? Stream, OllamaRequestOptions? Options);

internal sealed record OllamaGenerateRequest(string? Model, string? Prompt, string? System, bool? Stream, OllamaRequestOptions? Options);

internal sealed record OllamaRequestOptions(int? NumPredict);

/// <summary>Input is a string or an array of strings.</summary>
internal sealed record OllamaEmbedRequest(string? Model, JsonElement Input);

/// <summary><c>/api/show</c> and <c>/api/pull</c>; older clients send <c>name</c> instead of <c>model</c>.</summary>
internal sealed record OllamaModelRequest(string? Model, string? Name, bool? Stream);

// Responses, field for field as Ollama writes them (nulls left out, as Go's omitempty does).
internal sealed record OllamaMessage(string? Role, string? Content);

/// <summary>A line of <c>/api/chat</c>; the timing fields only on the last one (<c>done:true</c>).</summary>
internal sealed record OllamaChatLine(
    string Model, string CreatedAt, OllamaMessage Message, bool Done,
    string? DoneReason = null, long? TotalDuration = null, long? LoadDuration = null, int? PromptEvalCount = null,
    long? PromptEvalDuration = null, int? EvalCount = null, long? EvalDuration = null);

/// <summary>A line of <c>/api/generate</c>; the timing fields and context only on the last one.</summary>
internal sealed record OllamaGenerateLine(
    string Model, string CreatedAt, string Response, bool Done,
    string? DoneReason = null, IReadOnlyList<int>? Context = null, long? TotalDuration = null, long? LoadDuration = null,
    int? PromptEvalCount = null, long? PromptEvalDuration = null, int? EvalCount = null, long? EvalDuration = null);

internal sealed record OllamaEmbedResponse(
    string Model, IReadOnlyList<float[]> Embeddings, long TotalDuration, long LoadDuration, int PromptEvalCount);

internal sealed record OllamaModelDetails(
    string ParentModel, string Format, string Family, IReadOnlyList<string> Families, string ParameterSize, string QuantizationLevel);

internal sealed record OllamaModelEntry(string Name, string Model, DateTimeOffset ModifiedAt, long Size, string Digest, OllamaModelDetails Details);

internal sealed record OllamaTagList(IReadOnlyList<OllamaModelEntry> Models);

internal sealed record OllamaRunningModel(
    string Name, string Model, long Size, string Digest, OllamaModelDetails Details, DateTimeOffset ExpiresAt, long SizeVram);

internal sealed record OllamaRunningList(IReadOnlyList<OllamaRunningModel> Models);

internal sealed record OllamaShowResponse(
    string License, string Modelfile, string Parameters, string Template, OllamaModelDetails Details,
    IReadOnlyDictionary<string, object> ModelInfo, IReadOnlyList<string> Capabilities, DateTimeOffset ModifiedAt);

internal sealed record OllamaPullProgress(string Status, string? Digest = null, long? Total = null, long? Completed = null);

internal sealed record OllamaVersion(string Version);

internal sealed record OllamaErrorBody(string Error);
