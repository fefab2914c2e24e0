using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Errors in OpenAI's shape, <c>{"error": {"message", "type", "param", "code"}}</c>, with the status codes its SDKs map to
/// their exception types (400 bad request, 401, 404, 429, 503).
/// </summary>
internal static class OpenAiErrors
{
    public const string PathPrefix = "/v1";
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>Whether a request is on the OpenAI-compatible routes, whose clients expect this error shape.</summary>
    public static bool Applies(HttpRequest request) => request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    public static JsonHttpResult<ErrorBody> BadRequest(string message, string? param = null, string? code = null) =>
        Result(StatusCodes.Status400BadRequest, message, InvalidRequest, param, code);

    public static JsonHttpResult<ErrorBody> ModelNotFound(string? model) =>
        Result(StatusCodes.Status404NotFound, $"The model `{model}` does not exist. GET /v1/models lists the models served here.",
            InvalidRequest, "model", "model_not_found");

    public static JsonHttpResult<ErrorBody> Result(int status, string message, string type, string? param = null, string? code = null) =>
        TypedResults.Json(Body(message, type, param, code), OpenAiJsonContext.Default.ErrorBody, contentType: "application/json", statusCode: status);

    public static ErrorBody Body(string message, string type, string? param = null, string? code = null) =>
        new(new ErrorDetail(message, type, param, code));

    /// <summary>Writes an error outside an endpoint (authentication challenges, rate-limit rejections).</summary>
    public static Task WriteAsync(HttpContext context, int status, string message, string type, string? param, string? code, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, Body(message, type, param, code), OpenAiJsonContext.Default.ErrorBody, cancellationToken);
    }
}
