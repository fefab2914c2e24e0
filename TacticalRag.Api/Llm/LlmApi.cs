using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Common;
using TacticalRag.Api.Security;

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
        var prompt = body.Prompt ?? "";
        var started = time.GetTimestamp();
        try
        {
            var response = await llm.GetResponseAsync(prompt, ToChatOptions(body), cancellationToken);
            var servedBy = response.GetServedBy()!;
            return TypedResults.Ok(new LlmInvokeResponse(response.Text, servedBy.Backend, response.ModelId ?? servedBy.Model, servedBy.Fallback, (long)time.GetElapsedTime(started).TotalMilliseconds));
        }
        catch (NoLlmBackendAvailableException exception)
        {
            return NoBackend(request.HttpContext, exception);
        }
    }

    public static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> StreamAsync(
        HttpRequest request, BackendFailoverChatClient llm, IOptions<LlmOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!(await JsonBody.ReadAsync<LlmRequest>(request, cancellationToken)).TryGetValue(out var body, out var problem)) return problem;
        if (JsonBody.Invalid(LlmRequestValidator.Validate(body, options.Value), InvalidTitle) is { } invalid) return invalid;
        var prompt = body.Prompt ?? "";
        var started = time.GetTimestamp();
        LlmTokenStream tokens;
        try
        {
            // Nothing is sent until a backend produced its first token, so "no backend" can still be a plain 503.
            tokens = await LlmTokenStream.OpenAsync(llm.GetStreamingResponseAsync(prompt, ToChatOptions(body), cancellationToken), cancellationToken);
        }
        catch (NoLlmBackendAvailableException exception)
        {
            return NoBackend(request.HttpContext, exception);
        }
        await using (tokens)
        {
            var events = new ServerSentEventWriter(request.HttpContext.Response);
            await foreach (var piece in tokens.ReadAsync(cancellationToken))
            {
                await events.WriteAsync("token", new LlmTokenEvent(piece), cancellationToken);
            }
            if (tokens.Interruption is { } interruption)
            {
                await events.WriteAsync("error", new LlmErrorEvent(interruption.Message), cancellationToken);
                return TypedResults.Empty;
            }
            var servedBy = tokens.ServedBy;
            await events.WriteAsync("done", new LlmDoneEvent(
                servedBy?.Backend ?? LlmBackend.None, servedBy?.Model ?? "", servedBy?.Fallback ?? false, (long)time.GetElapsedTime(started).TotalMilliseconds), cancellationToken);
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
            backend.Enabled && state.Availability == BackendAvailability.Up,
            backend.StateName,
            backend.Model,
            backend.Configured ? backend.Endpoint.ToString() : null,
            state.LastError,
            state.LastReason?.ToTag(),
            state.LastCheckedUtc);
    }

    private static ChatOptions ToChatOptions(LlmRequest body) => new()
    {
        MaxOutputTokens = body.MaxTokens,
        Temperature = body.Temperature,
    };

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
