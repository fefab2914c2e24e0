using Microsoft.Extensions.Primitives;

namespace TacticalRag.ModelServerSim;

/// <summary>What every HTTP request passes before reaching an endpoint: counting, server-wide hangs, the API key.</summary>
internal static class RequestGates
{
    private static readonly string[] GenerationPaths = ["/v1/chat/completions", "/v1/completions", "/api/chat", "/api/generate"];
    private static readonly string[] RerankPaths = ["/rerank", "/v1/rerank", "/v2/rerank"];
    private static readonly string[] EmbeddingPaths = ["/api/embed", "/v1/embeddings"];

    public static IApplicationBuilder UseRequestGates(this IApplicationBuilder app, SimulatorState state) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && GenerationPaths.Contains(context.Request.Path.Value))
            {
                state.CountGenerationRequest();
            }
            else if (HttpMethods.IsPost(context.Request.Method) && RerankPaths.Contains(context.Request.Path.Value))
            {
                state.CountRerankRequest();
            }
            else if (HttpMethods.IsPost(context.Request.Method) && EmbeddingPaths.Contains(context.Request.Path.Value))
            {
                state.CountEmbeddingRequest();
            }

            // Loading also holds requests on connections opened before it began (the connection middleware only sees new ones).
            var faultChanged = state.FaultChangedToken;
            if (state.Fault is SimFault.Hang or SimFault.Loading)
            {
                await SimDelay.HangAsync(context, faultChanged);
                return;
            }

            if (!IsAuthorized(context.Request, state.Options.ApiKey))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new UnauthorizedBody("Unauthorized"), SimJson.Vllm, context.RequestAborted);
                return;
            }

            await next(context);
        });

    /// <summary>As <c>vllm serve --api-key</c>: only paths under <c>/v1</c> need the key; <c>/health</c> stays open.</summary>
    private static bool IsAuthorized(HttpRequest request, string? apiKey) =>
        string.IsNullOrEmpty(apiKey)
        || !request.Path.StartsWithSegments("/v1")
        || request.Headers.Authorization == new StringValues($"Bearer {apiKey}");
}
