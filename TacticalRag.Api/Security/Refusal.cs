namespace TacticalRag.Api.Security;

/// <summary>
/// A refused request as every client shape needs it: the status, a ProblemDetails title and detail, and a
/// machine-readable <see cref="Code"/>. <see cref="ClientMessage"/> words it for protocol clients (OpenAI SDKs) where
/// their own wording is expected; <see cref="Type"/> and <see cref="Param"/> are the protocol's error type and the
/// parameter at fault.
/// </summary>
public sealed record Refusal(int Status, string Title, string Detail, string Code)
{
    public const string InvalidRequest = "invalid_request_error";

    public string Type { get; init; } = InvalidRequest;

    public string? Param { get; init; }

    public string? ClientMessage { get; init; }
}
