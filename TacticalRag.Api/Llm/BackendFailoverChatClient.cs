using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Llm;

/// <summary>
/// The one <see cref="IChatClient"/> the rest of the API uses. Each request walks the backends in preference order
/// (skipping those known down) and moves on when a backend fails before its first token; once a token has reached
/// the caller it never switches. Every response carries <see cref="LlmServedBy"/>.
/// </summary>
public sealed partial class BackendFailoverChatClient(
    LlmBackendRegistry registry,
    LlmTelemetry telemetry,
    FallbackLog fallbacks,
    IOptions<LlmOptions> options,
    TimeProvider time,
    ILogger<BackendFailoverChatClient> logger) : IChatClient
{
    private static readonly IReadOnlySet<string> NoneExcluded = new HashSet<string>();

    private readonly LlmOptions _options = options.Value;

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        var messageList = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        List<BackendFailure> broken = [];
        while (true)
        {
            try
            {
                return await CollectAsync(messageList, chatOptions, broken.Select(f => f.Backend).ToHashSet(), cancellationToken);
            }
            catch (LlmStreamInterruptedException exception)
            {
                // Nothing reached this caller yet, so a whole new answer from another backend is no silent switch. The
                // broken backend sits out the rest of this request, even if a health probe (which a broken stream
                // does not fail) calls it up again meanwhile.
                broken.Add(new BackendFailure(exception.Backend, exception.Reason, exception.Message));
                if (registry.Enabled.All(backend => broken.Exists(f => f.Backend == backend.Name)))
                {
                    // Every backend broke off: to a caller waiting for a whole answer that is no answer at all (503 or
                    // retrieval-only), not an internal error.
                    throw new NoLlmBackendAvailableException(broken);
                }
            }
            catch (NoLlmBackendAvailableException exception) when (broken.Count > 0)
            {
                throw new NoLlmBackendAvailableException([.. broken, .. exception.Failures]);
            }
        }
    }

    /// <summary>Streaming underneath, so the first-token bound means the same for a 10-token answer and a 500-token one.</summary>
    private async Task<ChatResponse> CollectAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? chatOptions, IReadOnlySet<string> excluded, CancellationToken cancellationToken)
    {
        List<ChatResponseUpdate> updates = [];
        LlmServedBy? servedBy = null;
        await foreach (var update in StreamAsync(messages, chatOptions, excluded, cancellationToken))
        {
            servedBy ??= update.GetServedBy();
            updates.Add(update);
        }
        var response = updates.ToChatResponse();
        if (servedBy is not null)
        {
            (response.AdditionalProperties ??= [])[LlmServedBy.PropertyName] = servedBy;
            response.ModelId ??= servedBy.Model;
        }
        return response;
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default) =>
        StreamAsync(messages, chatOptions, NoneExcluded, cancellationToken);

    /// <param name="excluded">Backends this request has already seen break off; they are not tried again.</param>
    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, IReadOnlySet<string> excluded,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var messageList = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var requestOptions = WithDefaults(chatOptions);
        using var activity = TacticalRagTelemetry.ActivitySource.StartActivity("llm.generate");
        var started = time.GetTimestamp();
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(_options.Timeout);

        StrictStream? opened = null;
        List<BackendFailure> failures = [];
        var plan = registry.PlanRequest(excluded);
        foreach (var skipped in registry.Enabled.Except(plan).Where(b => !excluded.Contains(b.Name)))
        {
            // Expected while a backend is down: a metric and a span event, not a warning and a fallback entry per request.
            failures.Add(new BackendFailure(skipped.Name, FailureReason.KnownDown, skipped.State.Current.LastError ?? "known down"));
            telemetry.KnownDownSkip(activity, skipped);
        }
        for (var i = 0; i < plan.Count && opened is null; i++)
        {
            var backend = plan[i];
            var attempt = await OpenAsync(backend, messageList, requestOptions, lastStanding: i == plan.Count - 1, total, cancellationToken);
            if (attempt.Failure is { } failure)
            {
                backend.State.MarkDown(failure.Reason, failure.Message, time.GetUtcNow());
                NoteFallback(activity, backend, failure.Reason, failure.Message, failures);
                continue;
            }
            opened = attempt.Stream;
        }
        if (opened is null)
        {
            telemetry.Completed(LlmBackend.None, "unavailable", time.GetElapsedTime(started));
            if (registry.Enabled.Count == 0)
            {
                // No model server in this deployment: answering without one is the design, not a failure of this call.
                activity?.SetTag("tacticalrag.llm.backend", LlmBackend.None);
                activity?.SetTag("tacticalrag.llm.not_configured", true);
            }
            else
            {
                activity?.SetStatus(ActivityStatusCode.Error, "no backend answered");
            }
            throw new NoLlmBackendAvailableException(failures);
        }

        await using var stream = opened;
        var servedBy = new LlmServedBy(stream.Backend.Name, stream.Backend.Model, stream.Backend != registry.Preferred);
        activity?.SetTag("tacticalrag.llm.backend", servedBy.Backend);
        activity?.SetTag("tacticalrag.llm.model", servedBy.Model);
        activity?.SetTag("tacticalrag.llm.fallback", servedBy.Fallback);
        telemetry.FirstToken(stream.Backend, time.GetElapsedTime(started));

        var delivered = 0;
        foreach (var update in stream.Prelude)
        {
            update.SetServedBy(servedBy);
            delivered += string.IsNullOrEmpty(update.Text) ? 0 : 1;
            yield return update;
        }
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    break;
                }
                update = stream.Current;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Classify(exception, total, stream.Stalled) is { } reason)
            {
                stream.Backend.State.MarkDown(reason, exception.Message, time.GetUtcNow());
                telemetry.Completed(servedBy.Backend, "interrupted", time.GetElapsedTime(started));
                LogInterrupted(logger, stream.Backend.Name, delivered, reason.ToTag(), exception.Message);
                activity?.SetStatus(ActivityStatusCode.Error, "stream interrupted");
                throw new LlmStreamInterruptedException(stream.Backend.Name, delivered, reason, exception);
            }
            update.SetServedBy(servedBy);
            delivered += string.IsNullOrEmpty(update.Text) ? 0 : 1;
            yield return update;
        }
        stream.Backend.State.MarkUp(time.GetUtcNow());
        telemetry.Completed(servedBy.Backend, "success", time.GetElapsedTime(started));
    }

    /// <summary>
    /// Starts one backend's stream and reads until its first text token (or its end), within the first-token bound.
    /// Role-only updates before that are held back, so a failure here leaves nothing at the caller.
    /// </summary>
    private async Task<OpenAttempt> OpenAsync(
        LlmBackend backend, IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, bool lastStanding,
        CancellationTokenSource total, CancellationToken callerToken)
    {
        LlmCallScope.Enter(lastStanding);
        var firstToken = CancellationTokenSource.CreateLinkedTokenSource(total.Token);
        firstToken.CancelAfter(_options.FirstTokenBudget(lastStanding));
        var requestOptions = chatOptions.Clone();
        requestOptions.ModelId = backend.Model;
        var updates = backend.Client.GetStreamingResponseAsync(messages, requestOptions, firstToken.Token).GetAsyncEnumerator(firstToken.Token);
        var stream = new StrictStream(backend, updates, firstToken, _options.StallTimeout);
        try
        {
            // An end before any text throws unless it was a proper (if empty) answer, so this falls over to the next backend.
            while (await stream.MoveNextAsync())
            {
                stream.Prelude.Add(stream.Current);
                if (!string.IsNullOrEmpty(stream.Current.Text))
                {
                    break;
                }
            }
            stream.ArmStallTimer();
            return new OpenAttempt(stream, null);
        }
        catch (Exception exception) when (!callerToken.IsCancellationRequested && Classify(exception, total, stalled: false) is { } reason)
        {
            await stream.DisposeAsync();
            return new OpenAttempt(null, new BackendFailure(backend.Name, reason, Describe(exception, reason)));
        }
    }

    private static FailureReason? Classify(Exception exception, CancellationTokenSource total, bool stalled)
    {
        if (exception is OperationCanceledException)
        {
            return total.IsCancellationRequested ? FailureReason.TotalTimeout
                : stalled ? FailureReason.Stalled
                : FailureReason.FirstTokenTimeout;
        }
        return FailureReasons.TryClassify(exception, out var reason) ? reason : null;
    }

    private string Describe(Exception exception, FailureReason reason) => reason switch
    {
        FailureReason.FirstTokenTimeout => $"no first token within {_options.FirstTokenTimeout.TotalSeconds:0.###} s",
        FailureReason.Stalled => $"no next token within {_options.StallTimeout.TotalSeconds:0.###} s",
        FailureReason.TotalTimeout => $"not finished within {_options.Timeout.TotalSeconds:0.###} s",
        _ => exception.Message,
    };

    private void NoteFallback(Activity? activity, LlmBackend backend, FailureReason reason, string message, List<BackendFailure> failures)
    {
        failures.Add(new BackendFailure(backend.Name, reason, message));
        fallbacks.Record(backend.Name, reason, message);
        telemetry.Fallback(activity, backend, reason);
        LogFallback(logger, backend.Name, reason.ToTag(), message);
    }

    private ChatOptions WithDefaults(ChatOptions? requested)
    {
        var result = requested?.Clone() ?? new ChatOptions();
        result.Temperature ??= _options.Temperature;
        result.TopP ??= _options.TopP;
        result.TopK ??= _options.TopK;
        result.MaxOutputTokens ??= _options.MaxTokens;
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The backends' clients belong to the registry.
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM fallback: skipping {Backend} ({Reason}): {Detail}")]
    private static partial void LogFallback(ILogger logger, string backend, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM answer from {Backend} broke off after {Tokens} token(s) ({Reason}): {Detail}; not switching mid-answer")]
    private static partial void LogInterrupted(ILogger logger, string backend, int tokens, string reason, string detail);

    private sealed record OpenAttempt(StrictStream? Stream, BackendFailure? Failure);
}
