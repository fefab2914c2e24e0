using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Security;

/// <summary>
/// The last ProblemDetails writer: answers a client whose <c>Accept</c> no other writer takes (<c>text/html</c>,
/// <c>image/png</c>) with <c>application/problem+json</c> anyway, so a refusal or an error never turns into a 500
/// because nobody could write it.
/// </summary>
internal sealed class AnyAcceptProblemWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(response.Body, context.ProblemDetails, json.Value.SerializerOptions, context.HttpContext.RequestAborted);
    }
}
