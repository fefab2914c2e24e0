using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Common;
using TacticalRag.Api.Security;
using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Llm;

/// <summary><c>/api/llm</c>: prompts straight to the gateway, and the backends' state.</summary>
public static class LlmApi
{
    private const long MaxBodyBytes = 1024 * 1024;
    private const string InvalidTitle = "The prompt request is invalid.";

    public static IEndpointRouteBuilder MapLlmApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/llm").WithTags("LLM").RequireAuthorization(Policies.Admin);
        group.MapPost("/invoke", InvokeAsync).WithName("InvokeLlm")
            .Accepts<LlmRequest>("application/json").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        group.MapPost("/stream", StreamAsync).WithName("StreamLlm")
            .Accepts<LlmRequest>("application/json").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        // Readers see the backends' state too (the web's status line); GetBackends hides URLs and errors from non-admins.
        routes.MapGet("/api/llm/backends", GetBackends).WithTags("LLM").WithName("GetLlmBackends").RequireAuthorization(Policies.Reader);
        group.MapGet("/fallbacks", GetFallbacks).WithName("GetLlmFallbacks");
        return routes;
    }

    public static async Task<Results<Ok<LlmInvokeResponse>, ValidationProblem, ProblemHttpResult>> InvokeAsync(
        HttpRequest request, BackendFailoverChatClient llm, IOptions<LlmOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<LlmRequest>(request, cancellationToken)).TryGetValue(out var body, out var problem)) return problem;
        if (JsonBody.Invalid(LlmRequestValidator.Validate(body, options.Value), InvalidTitle) is { } invalid) return invalid;
        var started = time.GetTimestamp();
        try
        {
            var answer = await llm.AnswerAsync(LlmPrompt.From(body, options.Value), cancellationToken);
            var servedBy = answer.ServedBy;
            return TypedResults.Ok(new LlmInvokeResponse(answer.Text, servedBy.Backend, servedBy.Model, servedBy.Fallback, (long)time.GetElapsedTime(started).TotalMilliseconds));
        }
        catch (NoLlmBackendAvailableException exception)
        {
            return NoBackend(request.HttpContext, exception);
        }
    }

    /// <summary>
    /// The backend's tokens as SSE <c>token</c> events, each written from the UTF-8 read off the wire; nothing is sent
    /// until a backend produced its first token, so "no backend" is still a plain 503. A backend that breaks off after
    /// that ends the stream with an <c>error</c> event: no switch mid-answer.
    /// </summary>
    public static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> StreamAsync(
        HttpRequest request, BackendFailoverChatClient llm, IOptions<LlmOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<LlmRequest>(request, cancellationToken)).TryGetValue(out var body, out var problem)) return problem;
        if (JsonBody.Invalid(LlmRequestValidator.Validate(body, options.Value), InvalidTitle) is { } invalid) return invalid;
        var started = time.GetTimestamp();
        ServedStream<WireDelta> stream;
        try
        {
            stream = await llm.OpenWireStreamAsync(LlmPrompt.From(body, options.Value), cancellationToken);
        }
        catch (NoLlmBackendAvailableException exception)
        {
            return NoBackend(request.HttpContext, exception);
        }
        await using (stream)
        {
            var events = new ServerSentEventWriter(request.HttpContext.Response);
            var tokens = new TokenEventWriter(request.HttpContext.Response);
            try
            {
                while (await stream.MoveNextAsync())
                {
                    if (stream.Current.HasText)
                    {
                        await tokens.WriteAsync(stream.Current.Utf8Text, cancellationToken);
                    }
                }
            }
            catch (LlmStreamInterruptedException exception)
            {
                await events.WriteAsync("error", new LlmErrorEvent(exception.Message), cancellationToken);
                return TypedResults.Empty;
            }
            var servedBy = stream.ServedBy;
            await events.WriteAsync("done", new LlmDoneEvent(servedBy.Backend, servedBy.Model, servedBy.Fallback, (long)time.GetElapsedTime(started).TotalMilliseconds), cancellationToken);
        }
        return TypedResults.Empty;
    }

    public static Ok<BackendsResponse> GetBackends(LlmBackendRegistry registry, Caller caller) =>
        TypedResults.Ok(new BackendsResponse(
            registry.Preferred?.Name,
            registry.Active?.Name,
            registry.All.Select(ToStatus).Select(status => caller.IsAtLeast(Roles.Admin) ? status : Redacted(status)).ToArray()));

    /// <summary>Model server addresses and their error text are for admins; others see which backend is up.</summary>
    private static BackendStatus Redacted(BackendStatus status) => status with { Endpoint = null, LastError = null, LastReason = null };

    /// <summary>This replica's most recent fallbacks, newest first, with the reason each backend was passed over.</summary>
    public static Ok<FallbacksResponse> GetFallbacks(FallbackLog log) => TypedResults.Ok(new FallbacksResponse(log.Recent()));

    private static BackendStatus ToStatus(LlmBackend backend)
    {
        var state = backend.State.Current;
        return new BackendStatus(
            backend.Name,
            backend.Enabled,
            backend.Enabled && state.Availability == ModelServerAvailability.Up,
            backend.StateName,
            backend.Model,
            backend.Configured ? backend.Endpoint.ToString() : null,
            state.LastError,
            state.LastReason?.ToTag(),
            state.LastCheckedUtc);
    }

    private static ProblemHttpResult NoBackend(HttpContext context, NoLlmBackendAvailableException exception)
    {
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "No LLM backend answered.",
            detail: exception.Message,
            extensions: new Dictionary<string, object?>
            {
                ["failures"] = exception.Failures.Select(f => new { backend = f.Backend, reason = f.Reason.ToTag(), message = f.Message }).ToArray(),
            });
    }
}
