namespace TacticalRag.Web.Api;

/// <summary>
/// The API could not be reached, or answered with an error or with something other than what the contract promises.
/// <see cref="Status"/> is the HTTP status when the API answered at all.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>What the front end shows when no answer came back at all.</summary>
    public const string Unreachable = "API unreachable";

    public ApiException(string message, int? status = null, string? title = null) : base(message)
    {
        Status = status;
        Title = title;
    }

    public ApiException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int? Status { get; }

    /// <summary>The ProblemDetails title, when the API sent one.</summary>
    public string? Title { get; }

    public bool IsNotFound => Status == 404;
}
