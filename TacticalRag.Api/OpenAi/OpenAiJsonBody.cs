using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using TacticalRag.Api.Common;

namespace TacticalRag.Api.OpenAi;

/// <summary>Reads a request body with <see cref="JsonBody"/>, telling every way it can be wrong as an OpenAI-shaped error.</summary>
internal static class OpenAiJsonBody
{
    public static async Task<BodyRead<T, JsonHttpResult<ErrorBody>>> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) where T : class
    {
        var read = await JsonBody.DeserializeAsync(request, typeInfo, cancellationToken);
        return read.MapProblem(ToError);
    }

    private static JsonHttpResult<ErrorBody> ToError(BodyProblem problem)
    {
        switch (problem.Kind)
        {
            case BodyProblemKind.Empty:
                return OpenAiErrors.BadRequest("The request body must be a JSON object.");
            case BodyProblemKind.NotJson:
                var where = problem.Path?.TrimStart('$', '.');
                return OpenAiErrors.BadRequest(
                    $"The request body is not valid JSON{(where is null ? "" : $" at '{where}'")}: {problem.Message}", where);
            default:
                // 413 for a body over the limit: the clients show the message as it is.
                return OpenAiErrors.Result(problem.Status, problem.Message, OpenAiErrors.InvalidRequest);
        }
    }
}
