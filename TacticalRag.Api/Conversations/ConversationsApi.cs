using Microsoft.AspNetCore.Http.HttpResults;
using TacticalRag.Api.Security;

namespace TacticalRag.Api.Conversations;

/// <summary><c>/api/conversations/{id}</c>: read or forget a conversation.</summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/conversations").WithTags("Conversations").RequireAuthorization(Policies.Reader);
        group.MapGet("/{id}", GetAsync).WithName("GetConversation");
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteConversation");
        return routes;
    }

    /// <summary>Another owner's conversation answers 404 like a missing one, so its existence is not revealed.</summary>
    public static async Task<Results<Ok<Conversation>, ProblemHttpResult>> GetAsync(
        string id, IConversationStore store, Caller caller, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } conversation && caller.Owns(conversation.Owner)
            ? TypedResults.Ok(conversation)
            : NotFound(id);

    /// <summary>
    /// Checked, then deleted: ids are random and never reused, so the conversation read is the one deleted.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, IConversationStore store, Caller caller, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } conversation && caller.Owns(conversation.Owner)
        && await store.DeleteAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : NotFound(id);

    /// <summary>The 404 for a conversation that does not exist (or is not the caller's): the same for every endpoint that takes one.</summary>
    public static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Conversation not found.",
        detail: $"There is no conversation '{id}' (it may have expired or been deleted).");
}
