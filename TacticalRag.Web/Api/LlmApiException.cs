namespace TacticalRag.Web.Api;

/// <summary>The API could not be reached or answered with something other than what the contract promises.</summary>
public sealed class LlmApiException : Exception
{
    /// <summary>What the front end shows when no answer came back at all.</summary>
    public const string Unreachable = "API unreachable";

    public LlmApiException(string message) : base(message)
    {
    }

    public LlmApiException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
