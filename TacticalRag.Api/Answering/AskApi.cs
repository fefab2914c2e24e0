using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Common;
using TacticalRag.Api.Conversations;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Retrieval;
using TacticalRag.Api.Security;

namespace TacticalRag.Api.Answering;

/// <summary><c>/api/ask</c>: questions answered from the library with citations, whole or streamed.</summary>
public static class AskApi
{
    private const long MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder routes)
    {
        // No answer from a replica whose index is still loading: it would cite nothing.
        var group = routes.MapGroup("/api/ask").WithTags("Ask").RequireAuthorization(Policies.Reader).AddEndpointFilter<IndexReadyFilter>();
        group.MapPost("/", AskAsync).WithName("Ask")
            .Accepts<AskRequest>("application/json").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        group.MapPost("/stream", AskStreamAsync).WithName("AskStream")
            .Accepts<AskRequest>("application/json").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return routes;
    }

    public static async Task<Results<Ok<AskResponse>, ValidationProblem, ProblemHttpResult>> AskAsync(
        HttpRequest request, AskService ask, Caller caller, IOptions<AnsweringOptions> options, CancellationToken cancellationToken)
    {
        var (body, conversation, problem, invalid) = await ReadAsync(request, ask, caller, options.Value, cancellationToken);
        if (problem is not null) return problem;
        if (invalid is not null || body is null) return invalid!;
        var prepared = await ask.PrepareAsync(body, conversation, caller, cancellationToken);
        return TypedResults.Ok(await ask.AnswerAsync(prepared, cancellationToken));
    }

    public static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> AskStreamAsync(
        HttpRequest request, AskService ask, Caller caller, IOptions<AnsweringOptions> options, CancellationToken cancellationToken)
    {
        var (body, conversation, problem, invalid) = await ReadAsync(request, ask, caller, options.Value, cancellationToken);
        if (problem is not null) return problem;
        if (invalid is not null || body is null) return invalid!;
        var prepared = await ask.PrepareAsync(body, conversation, caller, cancellationToken);
        var events = new ServerSentEventWriter(request.HttpContext.Response);
        await events.WriteAsync("citations", new AskCitationsEvent(prepared.Sources, prepared.Strategy, prepared.ConversationId, prepared.StandaloneQuestion,
            prepared.Ranking, prepared.RerankSkipped, prepared.PassagesDropped), cancellationToken);
        await new AskStreamWriter(ask, events).WriteAsync(prepared, cancellationToken);
        return TypedResults.Empty;
    }

    private static async Task<(AskRequest? Body, Conversation? Conversation, ProblemHttpResult? Problem, ValidationProblem? Invalid)> ReadAsync(
        HttpRequest request, AskService ask, Caller caller, AnsweringOptions limits, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AskRequest>(request, cancellationToken);
        if (body is null)
        {
            return (null, null, problem, null);
        }
        Dictionary<string, string[]> errors = [];
        if (string.IsNullOrWhiteSpace(body.Question))
            errors["question"] = ["The question is required and must not be blank."];
        else if (body.Question.Length > limits.MaxQuestionChars)
            errors["question"] = [$"The question is {body.Question.Length} characters; the limit is {limits.MaxQuestionChars}."];
        if (body.TopK is { } topK && (topK < 1 || topK > limits.MaxTopK))
            errors["topK"] = [$"topK must be between 1 and {limits.MaxTopK}, got {topK}."];
        if (body.ConversationId is { } id && (id.Length is 0 or > 64 || !id.All(char.IsAsciiLetterOrDigit)))
            errors["conversationId"] = ["conversationId must be 1 to 64 letters or digits, as returned by a previous answer."];
        if (errors.Count > 0)
        {
            return (null, null, null, TypedResults.ValidationProblem(errors, title: "The question is invalid."));
        }
        Conversation? conversation = null;
        if (body.ConversationId is { } conversationId)
        {
            conversation = await ask.FindConversationAsync(conversationId, cancellationToken);
            // Another owner's conversation is as missing as one that never was.
            if (conversation is null || !caller.Owns(conversation.Owner))
            {
                return (null, null, ConversationsApi.NotFound(conversationId), null);
            }
        }
        return (body, conversation, null, null);
    }
}
