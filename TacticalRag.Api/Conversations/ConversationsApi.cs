using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TacticalRag.Api.Common;
using TacticalRag.Api.Security;

namespace TacticalRag.Api.Conversations;

/// <summary>
/// <c>/api/conversations</c>: the caller's own conversations, listed most recently used first; read, rename or forget one.
/// Every route sees only the caller's conversations (<see cref="Caller.Owns"/>).
/// </summary>
public static class ConversationsApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/conversations").WithTags("Conversations").RequireAuthorization(Policies.Reader);
        group.MapGet("/", ListAsync).WithName("ListConversations");
        group.MapGet("/{id}", GetAsync).WithName("GetConversation");
        group.MapPatch("/{id}", RenameAsync).WithName("RenameConversation")
            .Accepts<ConversationRename>("application/json").WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteConversation");
        return routes;
    }

    /// <summary>A page of the caller's conversations: <c>offset</c> (from 0) and <c>limit</c> (1-100, default 20).</summary>
    public static async Task<Results<Ok<ConversationPage>, ValidationProblem>> ListAsync(
        string? offset, string? limit, IConversationStore store, Caller caller, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]> errors = [];
        var from = Whole(offset, 0, nameof(offset), 0, int.MaxValue, "a whole number, 0 or more", errors);
        var count = Whole(limit, DefaultLimit, nameof(limit), 1, MaxLimit, $"a whole number from 1 to {MaxLimit}", errors);
        if (JsonBody.Invalid(errors, "The page is invalid.") is { } invalid) return invalid;
        return TypedResults.Ok(await store.ListAsync(caller.OwnerId, from, count, cancellationToken));
    }

    /// <summary>Another owner's conversation answers 404 like a missing one, so its existence is not revealed.</summary>
    public static async Task<Results<Ok<Conversation>, ProblemHttpResult>> GetAsync(
        string id, IConversationStore store, Caller caller, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } conversation && caller.Owns(conversation.Owner)
            ? TypedResults.Ok(conversation)
            : NotFound(id);

    /// <summary>Gives the conversation a title of the owner's choosing; its place in the list stays (renaming is not using it).</summary>
    public static async Task<Results<Ok<ConversationListItem>, ValidationProblem, ProblemHttpResult>> RenameAsync(
        string id, HttpRequest request, IConversationStore store, Caller caller, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<ConversationRename>(request, cancellationToken)).TryGetValue(out var body, out var problem)) return problem;
        if (ConversationTitle.Problem(body.Title) is { } titleProblem
            && JsonBody.Invalid(new Dictionary<string, string[]> { ["title"] = [titleProblem] }, "The title is invalid.") is { } invalid)
        {
            return invalid;
        }
        var title = body.Title!.Trim();
        var renamed = false;
        var stored = await store.UpdateAsync(id, current =>
        {
            renamed = current is not null && caller.Owns(current.Owner);
            return renamed ? current! with { Title = title } : null;
        }, cancellationToken);
        return renamed && stored is not null ? TypedResults.Ok(ConversationListItem.Of(stored)) : NotFound(id);
    }

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

    private static int Whole(string? text, int fallback, string name, int min, int max, string expected, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[name] = [$"'{text}' is not {expected}."];
        return fallback;
    }
}

/// <summary>The body of <c>PATCH /api/conversations/{id}</c>.</summary>
public sealed record ConversationRename(string? Title);
