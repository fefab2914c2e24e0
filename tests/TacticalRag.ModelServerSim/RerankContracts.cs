using System.Text.Json.Serialization;

namespace TacticalRag.ModelServerSim;

// text-embeddings-inference (Hugging Face): POST /rerank, GET /info.
internal sealed record TeiRerankRequest(string? Query, IReadOnlyList<string>? Texts, bool? RawScores, bool? ReturnText, bool? Truncate);

internal sealed record TeiRank(
    int Index, double Score,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null);

internal sealed record TeiErrorBody(string Error, string ErrorType);

// vLLM serving a cross-encoder (Jina / Cohere style): POST /v1/rerank and /v2/rerank.
internal sealed record VllmRerankRequest(string? Model, string? Query, IReadOnlyList<string>? Documents, int? TopN);

internal sealed record VllmRerankResponse(string Id, string Model, VllmRerankUsage Usage, IReadOnlyList<VllmRerankResult> Results);

internal sealed record VllmRerankUsage(int TotalTokens);

internal sealed record VllmRerankResult(int Index, VllmRerankDocument Document, double RelevanceScore);

internal sealed record VllmRerankDocument(string Text);
