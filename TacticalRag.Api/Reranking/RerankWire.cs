using System.Net.Http.Json;
using System.Text.Json;

namespace TacticalRag.Api.Reranking;

/// <summary>
/// The two rerank APIs on the wire. text-embeddings-inference: <c>POST /rerank</c> <c>{"query","texts"}</c> answers
/// <c>[{"index","score"}]</c>. vLLM (Jina/Cohere style): <c>POST /v1/rerank</c> <c>{"model","query","documents","top_n"}</c>
/// answers <c>{"results":[{"index","relevance_score"}]}</c>. Both sort by score; only index and score are read.
/// </summary>
internal static class RerankWire
{
    public static HttpRequestMessage CreateRequest(RerankerOptions options, string query, IReadOnlyList<string> texts)
    {
        object body = options.Format == RerankerFormat.Tei
            // Truncation on: a long passage is cut to the model's window rather than failing the whole request.
            ? new TeiRequest(query, texts, RawScores: false, ReturnText: false, Truncate: true)
            : new VllmRequest(options.Model, query, texts, TopN: texts.Count);
        var path = options.Format == RerankerFormat.Tei ? "/rerank" : "/v1/rerank";
        return new HttpRequestMessage(HttpMethod.Post, new Uri(options.Endpoint!, path))
        {
            Content = JsonContent.Create(body, body.GetType(), options: SnakeCase),
        };
    }

    /// <returns>The scores, or null when the body is not the format's answer.</returns>
    public static IReadOnlyList<RerankScore>? Parse(RerankerFormat format, JsonElement root)
    {
        var (items, scoreProperty) = format == RerankerFormat.Tei
            ? (root, "score")
            : (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var results) ? results : default, "relevance_score");
        if (items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var scores = new List<RerankScore>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            // TryGet* throw on a value that is not a number at all, so the kind is checked first.
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("index", out var index) || index.ValueKind != JsonValueKind.Number || !index.TryGetInt32(out var position)
                || !item.TryGetProperty(scoreProperty, out var score) || score.ValueKind != JsonValueKind.Number || !score.TryGetDouble(out var value))
            {
                return null;
            }
            scores.Add(new RerankScore(position, value));
        }
        return scores;
    }

    private static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private sealed record TeiRequest(string Query, IReadOnlyList<string> Texts, bool RawScores, bool ReturnText, bool Truncate);

    private sealed record VllmRequest(string Model, string Query, IReadOnlyList<string> Documents, int TopN);
}
