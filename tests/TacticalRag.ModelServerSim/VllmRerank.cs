using System.Text.Json;

namespace TacticalRag.ModelServerSim;

/// <summary>
/// vLLM serving a cross-encoder (<c>vllm serve BAAI/bge-reranker-base</c>): <c>POST /v1/rerank</c>, Jina and Cohere
/// style, results best first and at most <c>top_n</c>.
/// </summary>
internal static class VllmRerank
{
    public static void MapVllmRerank(this IEndpointRouteBuilder app, SimulatorState state)
    {
        app.MapPost("/v1/rerank", context => RerankAsync(context, state));
    }

    private static async Task RerankAsync(HttpContext context, SimulatorState state)
    {
        if (await VllmErrors.TryWriteFaultAsync(context, state.Fault))
        {
            return;
        }

        var (request, error) = await SimJson.ReadRequestAsync<VllmRerankRequest>(context, SimJson.Vllm);
        if (request is null || request.Query is null || request.Documents is null)
        {
            await VllmErrors.WriteAsync(context, StatusCodes.Status400BadRequest, request is null ? error : "query and documents are required.");
            return;
        }

        if (!state.ServesRerankerModel(request.Model))
        {
            await VllmErrors.ModelNotFoundAsync(context, request.Model ?? state.Options.RerankerModel);
            return;
        }

        var ranked = SimulatedRelevance.Rank(request.Query, request.Documents);
        var results = ranked
            .Take(request.TopN is > 0 and var topN ? topN : ranked.Count)
            .Select(rank => new VllmRerankResult(rank.Index, new VllmRerankDocument(request.Documents[rank.Index]), rank.Score))
            .ToList();
        var tokens = request.Documents.Sum(document => SimulatedModel.CountTokens(request.Query) + SimulatedModel.CountTokens(document));
        var response = new VllmRerankResponse($"rerank-{Guid.NewGuid():N}", state.Options.RerankerModel, new VllmRerankUsage(tokens), results);
        await JsonAnswer.WriteGenerationAsync(context, state, JsonSerializer.SerializeToUtf8Bytes(response, SimJson.Vllm), tokens: 1);
    }
}
