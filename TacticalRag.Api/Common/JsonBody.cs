using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Common;

/// <summary>
/// Reads a JSON request body so that every way it can be wrong (not labelled as JSON, not JSON, truncated, a field of
/// the wrong type, too large) is answered with a ProblemDetails that names the problem, instead of minimal APIs' empty 400.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        // Routing already answers 415 to a body labelled as something else; a body with no label at all gets here.
        if (!request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON.",
                "Send the body as JSON with the header Content-Type: application/json."));
        }
        var serializerOptions = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, serializerOptions, cancellationToken);
            return value is null
                ? (null, Problem(StatusCodes.Status400BadRequest, "The request body is empty or null.", "Send a JSON object."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 1 } path ? $" at {path}" : "";
            return (null, Problem(StatusCodes.Status400BadRequest, "The request body is not valid JSON.",
                $"Could not read the body{where}: {FirstSentence(exception.Message)}"));
        }
        catch (BadHttpRequestException exception)
        {
            return (null, Problem(exception.StatusCode, "The request body could not be read.", exception.Message));
        }
    }

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
