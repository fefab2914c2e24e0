using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Security;

namespace TacticalRag.Api.OpenAi;

/// <summary><c>/v1</c>: the OpenAI-compatible API, so existing OpenAI clients (SDKs, LangChain, Open WebUI) plug in.</summary>
public static class OpenAiApi
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(OpenAiErrors.PathPrefix).WithTags("OpenAI-compatible").RequireAuthorization(Policies.Reader);
        var maxBody = routes.ServiceProvider.GetRequiredService<IOptions<OpenAiOptions>>().Value.MaxBodyBytes;
        group.MapGet("/models", ListModels).WithName("OpenAiListModels");
        group.MapGet("/models/{id}", GetModel).WithName("OpenAiGetModel");
        group.MapPost("/chat/completions", CompleteChatAsync).WithName("OpenAiChatCompletions")
            .Accepts<ChatCompletionRequest>("application/json").WithMetadata(new BodySizeLimit(maxBody))
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        group.MapPost("/embeddings", EmbeddingsEndpoint.CreateAsync).WithName("OpenAiEmbeddings")
            .Accepts<EmbeddingRequest>("application/json").WithMetadata(new BodySizeLimit(maxBody));
        return routes;
    }

    public static JsonHttpResult<ModelList> ListModels(OpenAiModels models) =>
        TypedResults.Json(new ModelList(models.All), OpenAiJsonContext.Default.ModelList);

    public static Results<JsonHttpResult<ModelCard>, JsonHttpResult<ErrorBody>> GetModel(string id, OpenAiModels models) =>
        models.All.FirstOrDefault(m => m.Id == id) is { } card
            ? TypedResults.Json(card, OpenAiJsonContext.Default.ModelCard)
            : OpenAiErrors.ModelNotFound(id);

    public static async Task<IResult> CompleteChatAsync(
        HttpContext context, ChatRequestReader reader, GroundedChatCompletions grounded, GatewayChatCompletions gateway, CancellationToken cancellationToken)
    {
        if (!(await reader.ReadAsync(context.Request, cancellationToken)).TryGetValue(out var request, out var error))
        {
            return error;
        }
        return (request.Kind, request.Stream) switch
        {
            (OpenAiModelKind.GroundedAnswer, false) => await grounded.CompleteAsync(context, request, cancellationToken),
            (OpenAiModelKind.GroundedAnswer, true) => await grounded.StreamAsync(context, request, cancellationToken),
            (_, false) => await gateway.CompleteAsync(context, request, cancellationToken),
            (_, true) => await gateway.StreamAsync(context, request, cancellationToken),
        };
    }

    /// <summary>The request size limit, set from options rather than a constant in an attribute.</summary>
    private sealed class BodySizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
