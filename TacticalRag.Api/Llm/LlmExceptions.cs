namespace TacticalRag.Api.Llm;

/// <summary>One backend's failure within a request.</summary>
public sealed record BackendFailure(string Backend, FailureReason Reason, string Message);

/// <summary>No backend produced a first token: nothing reached the caller, who may try again later.</summary>
public sealed class NoLlmBackendAvailableException(IReadOnlyList<BackendFailure> failures)
    : Exception(Describe(failures))
{
    public IReadOnlyList<BackendFailure> Failures { get; } = failures;

    private static string Describe(IReadOnlyList<BackendFailure> failures) => failures.Count == 0
        ? "No LLM backend is enabled."
        : "No LLM backend answered: " + string.Join("; ", failures.Select(f => $"{f.Backend}: {f.Reason.ToTag()} ({f.Message})"));
}

/// <summary>A backend failed after tokens had reached the caller; the gateway never switches then.</summary>
public sealed class LlmStreamInterruptedException(string backend, int tokensDelivered, FailureReason reason, Exception inner)
    : Exception($"The answer from {backend} broke off after {tokensDelivered} token(s): {reason.ToTag()}.", inner)
{
    public string Backend { get; } = backend;
    public FailureReason Reason { get; } = reason;
}
