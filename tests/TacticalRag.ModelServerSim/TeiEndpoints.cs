using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>
/// Hugging Face text-embeddings-inference serving a reranker: <c>POST /rerank</c>. Its
/// <c>GET /health</c> (200 when the model is loaded) is the one <see cref="VllmEndpoints"/> already serves.
/// </summary>
internal static class TeiEndpoints
{

    /// <summary>TEI's <c>--max-client-batch-size</c> default: more texts in one request are refused with 413.</summary>
    public const int MaxClientBatchSize = 32;

    public static void MapTei(this IEndpointRouteBuilder app, SimulatorState state)
    {
        app.MapPost("/rerank", context => RerankAsync(context, state));
    }

    private static async Task RerankAsync(HttpContext context, SimulatorState state)
    {
        if (await TeiErrors.TryWriteFaultAsync(context, state.Fault))
        {
            return;
        }

        var (request, error) = await SimJson.ReadRequestAsync<TeiRerankRequest>(context, SimJson.Tei);
        if (request is null || string.IsNullOrEmpty(request.Query) || request.Texts is null)
        {
            // TEI answers a body that does not match its schema with 422 and serde's message.
            await TeiErrors.WriteAsync(context, StatusCodes.Status422UnprocessableEntity,
                request is null ? error : "Failed to deserialize the JSON body: `query` and `texts` are required");
            return;
        }

        if (request.Texts.Count == 0)
        {
            await TeiErrors.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "`texts` cannot be empty");
            return;
        }

        if (request.Texts.Count > MaxClientBatchSize)
        {
            await TeiErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"batch size {request.Texts.Count} > maximum allowed batch size {MaxClientBatchSize}");
            return;
        }

        var ranks = SimulatedRelevance.Rank(request.Query, request.Texts)
            .Select(rank => new TeiRank(
                rank.Index,
                request.RawScores == true ? Logit(rank.Score) : rank.Score,
                request.ReturnText == true ? request.Texts[rank.Index] : null))
            .ToList();
        await JsonAnswer.WriteGenerationAsync(context, state, JsonSerializer.SerializeToUtf8Bytes(ranks, SimJson.Tei), tokens: 1);
    }

    /// <summary>Raw scores are the model's logits; the default answer is their sigmoid, so this inverts it (clamped).</summary>
    private static double Logit(double probability)
    {
        var p = Math.Clamp(probability, 0.001, 0.999);
        return Math.Log(p / (1 - p));
    }
}
