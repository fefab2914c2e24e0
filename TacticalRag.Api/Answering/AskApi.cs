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
        if (!(await JsonBody.ReadAsync<AskRequest>(request, cancellationToken)).TryGetValue(out var body, out var problem)) return problem;
        if (JsonBody.Invalid(Validate(body, options.Value), "The question is invalid.") is { } invalid) return invalid;
        if (!(await FindConversationAsync(body, ask, caller, cancellationToken)).TryGetValue(out var conversation, out var notFound)) return notFound;
        var answer = await ask.AnswerAsync(body, conversation.Value, caller, AnswerDelivery.Whole, cancellationToken).CollectAsync();
        return answer.Outcome is { } outcome ? TypedResults.Ok(new AskResponse(outcome)) : BrokenOff(answer.Failure!);
    }

    public static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> AskStreamAsync(
        HttpRequest request, AskService ask, Caller caller, IOptions<AnsweringOptions> options, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<AskRequest>(request, cancellationToken)).TryGetValue(out var body, out var problem)) return problem;
        if (JsonBody.Invalid(Validate(body, options.Value), "The question is invalid.") is { } invalid) return invalid;
        if (!(await FindConversationAsync(body, ask, caller, cancellationToken)).TryGetValue(out var conversation, out var notFound)) return notFound;
        ServerSentEventWriter? events = null;
        await foreach (var step in ask.AnswerAsync(body, conversation.Value, caller, AnswerDelivery.Streamed, cancellationToken))
        {
            // Nothing is sent before retrieval is done, so a failure there is still a plain problem response.
            events ??= new ServerSentEventWriter(request.HttpContext.Response);
            await (step switch
            {
                AnswerSources sources => events.WriteAsync("citations", sources.Grounding, cancellationToken),
                AnswerToken token => events.WriteAsync("token", token, cancellationToken),
                AnswerDone done => events.WriteAsync("done", new AskDoneEvent(done.Outcome), cancellationToken),
                AnswerFailed failed => events.WriteAsync("error", failed, cancellationToken),
                _ => Task.CompletedTask,
            });
        }
        return TypedResults.Empty;
    }

    /// <summary>The model broke off; an answer asked whole is retried by the gateway, so this is rare.</summary>
    private static ProblemHttpResult BrokenOff(AnswerFailed failure) =>
        TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The model's answer broke off.", detail: failure.Detail);

    private static Dictionary<string, string[]> Validate(AskRequest body, AnsweringOptions limits)
    {
        Dictionary<string, string[]> errors = [];
        if (string.IsNullOrWhiteSpace(body.Question))
            errors["question"] = ["The question is required and must not be blank."];
        else if (body.Question.Length > limits.MaxQuestionChars)
            errors["question"] = [$"The question is {body.Question.Length} characters; the limit is {limits.MaxQuestionChars}."];
        if (body.TopK is { } topK && (topK < 1 || topK > limits.MaxTopK))
            errors["topK"] = [$"topK must be between 1 and {limits.MaxTopK}, got {topK}."];
        if (body.ConversationId is { } id && (id.Length is 0 or > 64 || !id.All(char.IsAsciiLetterOrDigit)))
            errors["conversationId"] = ["conversationId must be 1 to 64 letters or digits, as returned by a previous answer."];
        return errors;
    }

    /// <summary>
    /// The conversation the question continues (none when it starts one), or 404 when the id is unknown or the
    /// conversation is another owner's (as missing as one that never was).
    /// </summary>
    private static async Task<BodyRead<ContinuedConversation, ProblemHttpResult>> FindConversationAsync(
        AskRequest body, AskService ask, Caller caller, CancellationToken cancellationToken)
    {
        if (body.ConversationId is not { } conversationId)
        {
            return BodyRead<ContinuedConversation, ProblemHttpResult>.Of(new ContinuedConversation(null));
        }
        return await ask.FindConversationAsync(conversationId, cancellationToken) is { } conversation && caller.Owns(conversation.Owner)
            ? BodyRead<ContinuedConversation, ProblemHttpResult>.Of(new ContinuedConversation(conversation))
            : BodyRead<ContinuedConversation, ProblemHttpResult>.Refused(ConversationsApi.NotFound(conversationId));
    }

    private sealed record ContinuedConversation(Conversation? Value);
}
