using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TacticalRag.ServiceDefaults;

namespace TacticalRag.Api.Llm;

/// <summary>
/// The one <see cref="IChatClient"/> the rest of the API uses. Each request walks the backends in preference order
/// (skipping those known down) and moves on when a backend fails before its first token; once a token has reached
/// the caller it never switches. Every response carries <see cref="LlmServedBy"/>. The gateway's own endpoints use the
/// same rules over the backends' wire (<see cref="AnswerAsync"/>, <see cref="OpenWireStreamAsync"/>): the model
/// server's stream read event by event into pooled buffers, no client-library objects per token.
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

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default) =>
        WithFailoverAsync(new ChatClientCall(messages as IReadOnlyList<ChatMessage> ?? messages.ToList(), WithDefaults(chatOptions)),
            CollectAsync, cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = new ChatClientCall(messages as IReadOnlyList<ChatMessage> ?? messages.ToList(), WithDefaults(chatOptions));
        await using var stream = await OpenAsync(call, NoneExcluded, cancellationToken);
        while (await stream.MoveNextAsync())
        {
            var update = stream.Current;
            update.SetServedBy(stream.ServedBy);
            yield return update;
        }
    }

    /// <summary>
    /// <c>/api/llm/invoke</c>'s whole answer, read off the wire (<see cref="WireCall"/>) with the same failover as
    /// <see cref="GetResponseAsync"/>: a backend that breaks off is passed over, since nothing reached the caller yet.
    /// </summary>
    internal Task<WireAnswer> AnswerAsync(LlmPrompt prompt, CancellationToken cancellationToken) =>
        WithFailoverAsync(new WireCall(prompt), CollectTextAsync, cancellationToken);

    /// <summary>
    /// <c>/api/llm/stream</c>'s answer read off the wire: opened at the first token (throws
    /// <see cref="NoLlmBackendAvailableException"/> before anything reached the caller), then never switched.
    /// </summary>
    internal Task<ServedStream<WireDelta>> OpenWireStreamAsync(LlmPrompt prompt, CancellationToken cancellationToken) =>
        OpenAsync(new WireCall(prompt), NoneExcluded, cancellationToken);

    /// <summary>Runs a whole-answer call, passing over each backend that breaks off until one finishes or none is left.</summary>
    private async Task<TResult> WithFailoverAsync<T, TResult>(
        BackendCall<T> call, Func<ServedStream<T>, Task<TResult>> collect, CancellationToken cancellationToken)
    {
        List<BackendFailure> broken = [];
        while (true)
        {
            try
            {
                await using var stream = await OpenAsync(call, broken.Count == 0 ? NoneExcluded : broken.Select(f => f.Backend).ToHashSet(), cancellationToken);
                return await collect(stream);
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
    private static async Task<ChatResponse> CollectAsync(ServedStream<ChatResponseUpdate> stream)
    {
        List<ChatResponseUpdate> updates = [];
        while (await stream.MoveNextAsync())
        {
            stream.Current.SetServedBy(stream.ServedBy);
            updates.Add(stream.Current);
        }
        var response = updates.ToChatResponse();
        (response.AdditionalProperties ??= [])[LlmServedBy.PropertyName] = stream.ServedBy;
        response.ModelId ??= stream.ServedBy.Model;
        return response;
    }

    /// <summary>The answer's UTF-8 text gathered in a pooled buffer; one string at the end.</summary>
    private static async Task<WireAnswer> CollectTextAsync(ServedStream<WireDelta> stream)
    {
        using var text = new PooledUtf8Buffer();
        while (await stream.MoveNextAsync())
        {
            text.Write(stream.Current.Utf8Text.Span);
        }
        return new WireAnswer(Encoding.UTF8.GetString(text.WrittenSpan), stream.ServedBy);
    }

    /// <summary>
    /// Walks the backends in preference order (skipping those known down and <paramref name="excluded"/>) until one
    /// produced its first token; throws <see cref="NoLlmBackendAvailableException"/> when none did.
    /// </summary>
    /// <param name="excluded">Backends this request has already seen break off; they are not tried again.</param>
    private async Task<ServedStream<T>> OpenAsync<T>(BackendCall<T> call, IReadOnlySet<string> excluded, CancellationToken cancellationToken)
    {
        var activity = TacticalRagTelemetry.ActivitySource.StartActivity("llm.generate");
        var started = time.GetTimestamp();
        var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            total.CancelAfter(_options.Timeout);
            StrictStream<T>? opened = null;
            List<BackendFailure>? failures = null;
            var plan = registry.PlanRequest(excluded);
            if (plan.Count < registry.Enabled.Count)
            {
                foreach (var skipped in registry.Enabled.Except(plan).Where(b => !excluded.Contains(b.Name)))
                {
                    // Expected while a backend is down: a metric and a span event, not a warning and a fallback entry per request.
                    (failures ??= []).Add(new BackendFailure(skipped.Name, FailureReason.KnownDown, skipped.State.Current.LastError ?? "known down"));
                    telemetry.KnownDownSkip(activity, skipped);
                }
            }
            for (var i = 0; i < plan.Count && opened is null; i++)
            {
                var backend = plan[i];
                var attempt = await OpenBackendAsync(call, backend, lastStanding: i == plan.Count - 1, total, cancellationToken);
                if (attempt.Failure is { } failure)
                {
                    backend.State.MarkDown(failure.Reason, failure.Message, time.GetUtcNow());
                    NoteFallback(activity, backend, failure.Reason, failure.Message, failures ??= []);
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
                throw new NoLlmBackendAvailableException(failures ?? []);
            }
            var servedBy = opened.Backend == registry.Preferred ? opened.Backend.ServedFirstHand : opened.Backend.ServedAsFallback;
            activity?.SetTag("tacticalrag.llm.backend", servedBy.Backend);
            activity?.SetTag("tacticalrag.llm.model", servedBy.Model);
            activity?.SetTag("tacticalrag.llm.fallback", servedBy.Fallback);
            telemetry.FirstToken(opened.Backend, time.GetElapsedTime(started));
            return new ServedStream<T>(opened, call, servedBy, new StreamOutcome(telemetry, time, logger, activity, total, started), cancellationToken);
        }
        catch
        {
            total.Dispose();
            activity?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts one backend's stream and reads until its first text token (or its end), within the first-token bound.
    /// Role-only updates before that are held back, so a failure here leaves nothing at the caller.
    /// </summary>
    private async Task<OpenAttempt<T>> OpenBackendAsync<T>(
        BackendCall<T> call, LlmBackend backend, bool lastStanding, CancellationTokenSource total, CancellationToken callerToken)
    {
        LlmCallScope.Enter(lastStanding);
        var firstToken = CancellationTokenSource.CreateLinkedTokenSource(total.Token);
        firstToken.CancelAfter(_options.FirstTokenBudget(lastStanding));
        var stream = new StrictStream<T>(backend, call.Start(backend, firstToken.Token), call, firstToken, _options.StallTimeout);
        try
        {
            // An end before any text throws unless it was a proper (if empty) answer, so this falls over to the next backend.
            while (await stream.MoveNextAsync())
            {
                if (call.HasText(stream.Current))
                {
                    stream.HasCurrent = true;
                    break;
                }
                if (call.HoldsPrelude)
                {
                    stream.Prelude.Add(stream.Current);
                }
            }
            stream.ArmStallTimer();
            return new OpenAttempt<T>(stream, null);
        }
        catch (Exception exception) when (!callerToken.IsCancellationRequested && Classify(exception, total, stalled: false) is { } reason)
        {
            await stream.DisposeAsync();
            return new OpenAttempt<T>(null, new BackendFailure(backend.Name, reason, Describe(exception, reason)));
        }
    }

    internal static FailureReason? Classify(Exception exception, CancellationTokenSource total, bool stalled)
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
    internal static partial void LogInterrupted(ILogger logger, string backend, int tokens, string reason, string detail);

    private readonly record struct OpenAttempt<T>(StrictStream<T>? Stream, BackendFailure? Failure);
}
