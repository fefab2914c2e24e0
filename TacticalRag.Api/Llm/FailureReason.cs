using System.ClientModel;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Polly.Timeout;
using TacticalRag.Api.ModelServerKit;

namespace TacticalRag.Api.Llm;

/// <summary>Why a backend could not serve a request; the tag value on fallback metrics and logs.</summary>
public enum FailureReason
{
    ConnectionFailed,
    FirstTokenTimeout,
    TotalTimeout,
    ServerError,
    RateLimited,
    ModelMissing,
    Unauthorized,
    Rejected,
    MalformedResponse,
    StreamBroken,
    IncompleteStream,
    Stalled,
    KnownDown,
}

public static class FailureReasons
{
    public static string ToTag(this FailureReason reason) => reason switch
    {
        FailureReason.ConnectionFailed => "connection_failed",
        FailureReason.FirstTokenTimeout => "first_token_timeout",
        FailureReason.TotalTimeout => "total_timeout",
        FailureReason.ServerError => "server_error",
        FailureReason.RateLimited => "rate_limited",
        FailureReason.ModelMissing => "model_missing",
        FailureReason.Unauthorized => "unauthorized",
        FailureReason.Rejected => "rejected",
        FailureReason.MalformedResponse => "malformed_response",
        FailureReason.StreamBroken => "stream_broken",
        FailureReason.IncompleteStream => "incomplete_stream",
        FailureReason.Stalled => "stalled",
        FailureReason.KnownDown => "known_down",
        _ => "unknown",
    };

    /// <summary>
    /// Reads a failure from whatever the client library threw: the OpenAI SDK wraps transport errors in
    /// <see cref="ClientResultException"/>, OllamaSharp throws <see cref="HttpRequestException"/> with a status.
    /// Returns false for exceptions that are not a backend failure (a bug should surface, not trigger fallback).
    /// </summary>
    public static bool TryClassify(Exception exception, out FailureReason reason)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case IncompleteLlmStreamException:
                    reason = FailureReason.IncompleteStream;
                    return true;
                case InBandLlmErrorException:
                    reason = FailureReason.ServerError;
                    return true;
                case ClientResultException { Status: > 0 } clientResult:
                    reason = FromStatus(clientResult.Status);
                    return true;
                case HttpRequestException { StatusCode: { } status }:
                    reason = FromStatus((int)status);
                    return true;
                case TimeoutRejectedException:
                    reason = FailureReason.FirstTokenTimeout;
                    return true;
                case JsonException or FormatException:
                    reason = FailureReason.MalformedResponse;
                    return true;
                case HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse }:
                    reason = FailureReason.StreamBroken;
                    return true;
                case SocketException or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }:
                    reason = FailureReason.ConnectionFailed;
                    return true;
            }
        }
        if (exception is HttpRequestException or IOException or ClientResultException || exception.GetType().Namespace?.StartsWith("OllamaSharp", StringComparison.Ordinal) == true)
        {
            reason = exception is IOException or HttpRequestException ? FailureReason.StreamBroken : FailureReason.MalformedResponse;
            return true;
        }
        reason = default;
        return false;
    }

    /// <summary>
    /// A failed health probe in the gateway's vocabulary, by the probe's type and never its message: a model the server
    /// does not list is <see cref="FailureReason.ModelMissing"/>, no answer in time (vLLM loading its model, a hang)
    /// <see cref="FailureReason.FirstTokenTimeout"/>; a status on a health path is the server's trouble, not a missing model.
    /// </summary>
    public static FailureReason FromProbe(ProbeProblem problem) => problem.Kind switch
    {
        ModelServerFailure.ModelMissing => FailureReason.ModelMissing,
        ModelServerFailure.TimedOut => FailureReason.FirstTokenTimeout,
        ModelServerFailure.MalformedAnswer => FailureReason.MalformedResponse,
        ModelServerFailure.ErrorStatus when problem.Status is { } status and not (int)HttpStatusCode.NotFound and < 500 => FromStatus(status),
        ModelServerFailure.ErrorStatus => FailureReason.ServerError,
        _ => problem.Cause is { } cause && TryClassify(cause, out var reason) ? reason : FailureReason.ConnectionFailed,
    };

    public static FailureReason FromStatus(int status) => status switch
    {
        (int)HttpStatusCode.NotFound => FailureReason.ModelMissing,
        (int)HttpStatusCode.TooManyRequests => FailureReason.RateLimited,
        (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => FailureReason.Unauthorized,
        >= 500 => FailureReason.ServerError,
        _ => FailureReason.Rejected,
    };
}
