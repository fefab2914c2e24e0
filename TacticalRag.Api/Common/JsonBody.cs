using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Common;

/// <summary>
/// Reads a JSON request body so that every way it can be wrong (not labelled as JSON, not JSON, truncated, a field of
/// the wrong type, too large) is answered with a problem that names it, instead of minimal APIs' empty 400. The one
/// reader of every JSON route: <c>/api/*</c> answers ProblemDetails, <c>/v1/*</c> maps the same problem to OpenAI's shape.
/// </summary>
public static class JsonBody
{
    /// <summary>The body as <typeparamref name="T"/>, or a ProblemDetails naming what is wrong with it.</summary>
    public static async Task<BodyRead<T, ProblemHttpResult>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        // Routing already answers 415 to a body labelled as something else; a body with no label at all gets here.
        if (!request.HasJsonContentType())
        {
            return BodyRead<T, ProblemHttpResult>.Refused(Problem(StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON.",
                "Send the body as JSON with the header Content-Type: application/json."));
        }
        var serializerOptions = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var read = await ReadCoreAsync(() => JsonSerializer.DeserializeAsync<T>(request.Body, serializerOptions, cancellationToken));
        return read.MapProblem(problem => problem.Kind switch
        {
            BodyProblemKind.NotJson => Problem(problem.Status, "The request body is not valid JSON.",
                $"Could not read the body{(problem.Path is null ? "" : $" at {problem.Path}")}: {problem.Message}"),
            BodyProblemKind.Empty => Problem(problem.Status, "The request body is empty or null.", "Send a JSON object."),
            _ => Problem(problem.Status, "The request body could not be read.", problem.Message),
        });
    }

    /// <summary>The body as <typeparamref name="T"/> read with source-generated metadata, or why not.</summary>
    public static Task<BodyRead<T, BodyProblem>> DeserializeAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) where T : class =>
        ReadCoreAsync(() => JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken));

    private static async Task<BodyRead<T, BodyProblem>> ReadCoreAsync<T>(Func<ValueTask<T?>> deserialize) where T : class
    {
        try
        {
            return await deserialize() is { } value
                ? BodyRead<T, BodyProblem>.Of(value)
                : BodyRead<T, BodyProblem>.Refused(new BodyProblem(BodyProblemKind.Empty, StatusCodes.Status400BadRequest, "The body is null."));
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 1 } path ? path : null;
            return BodyRead<T, BodyProblem>.Refused(new BodyProblem(BodyProblemKind.NotJson, StatusCodes.Status400BadRequest, FirstSentence(exception.Message), where));
        }
        catch (BadHttpRequestException exception)
        {
            return BodyRead<T, BodyProblem>.Refused(new BodyProblem(BodyProblemKind.Unreadable, exception.StatusCode, exception.Message));
        }
    }

    /// <summary>A 400 listing each invalid field, or null when <paramref name="errors"/> is empty.</summary>
    public static ValidationProblem? Invalid(IDictionary<string, string[]> errors, string title) =>
        errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: title);

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
