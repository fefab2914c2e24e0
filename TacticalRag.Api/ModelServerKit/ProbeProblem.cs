namespace TacticalRag.Api.ModelServerKit;

/// <summary>Why a model server's health probe says it is not ready, by type: decisions never read the message.</summary>
public enum ModelServerFailure
{
    /// <summary>No connection, or it broke (refused, unknown name, reset).</summary>
    Unreachable,

    /// <summary>No answer within the probe's timeout: a hung server, or vLLM still loading its model (socket open, no HTTP).</summary>
    TimedOut,

    /// <summary>An HTTP answer that is not a success (<see cref="ProbeProblem.Status"/>).</summary>
    ErrorStatus,

    /// <summary>The server answers, but does not list the configured model (not served, not pulled yet).</summary>
    ModelMissing,

    /// <summary>The answer could not be read (truncated or malformed JSON).</summary>
    MalformedAnswer,
}

/// <summary>A failed probe: its kind, a message for operators, and the HTTP status or exception behind it.</summary>
public sealed record ProbeProblem(ModelServerFailure Kind, string Message, int? Status = null, Exception? Cause = null)
{
    public static ProbeProblem Answered(string path, HttpResponseMessage answer) =>
        new(ModelServerFailure.ErrorStatus, $"GET {path} answered {(int)answer.StatusCode}", (int)answer.StatusCode);

    public static ProbeProblem ModelMissing(string message) => new(ModelServerFailure.ModelMissing, message);
}
