using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TacticalRag.Api.OpenAi;

/// <summary>Reads a request body so every way it can be wrong becomes an OpenAI-shaped error that names the problem.</summary>
internal static class OpenAiJsonBody
{
    public static async Task<(T? Value, JsonHttpResult<ErrorBody>? Error)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken);
            return value is null ? (null, OpenAiErrors.BadRequest("The request body must be a JSON object.")) : (value, null);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : null;
            return (null, OpenAiErrors.BadRequest(
                $"The request body is not valid JSON{(where is null ? "" : $" at '{where}'")}: {FirstSentence(exception.Message)}", where));
        }
        catch (BadHttpRequestException exception)
        {
            // 413 for a body over the limit: the clients show the message as it is.
            return (null, OpenAiErrors.Result(exception.StatusCode, exception.Message, OpenAiErrors.InvalidRequest));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
