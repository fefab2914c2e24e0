using Microsoft.AspNetCore.Http.HttpResults;

namespace TacticalRag.Api.Conversations;

/// <summary><c>/api/conversations/{id}</c>: read or forget a conversation.</summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/conversations").WithTags("Conversations");
        group.MapGet("/{id}", GetAsync).WithName("GetConversation");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteConversation");
        return routes;
    }

    public static async Task<Results<Ok<Conversation>, ProblemHttpResult>> GetAsync(string id, IConversationStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } conversation
            ? TypedResults.Ok(conversation)
            : NotFound(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, IConversationStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    internal static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Conversation not found.",
        detail: $"There is no conversation '{id}' (it may have expired or been deleted).");
}
