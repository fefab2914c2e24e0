using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace TacticalRag.Api.Security;

/// <summary>
/// A ProblemDetails for a client that accepts only <c>text/event-stream</c> (the ask stream): one <c>error</c> event
/// holding the ProblemDetails JSON, with the refusal's status code, so an SSE reader shows the detail.
/// </summary>
internal sealed class ServerSentEventProblemWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    private static readonly MediaTypeHeaderValue EventStream = new("text/event-stream");

    public bool CanWrite(ProblemDetailsContext context) =>
        MediaTypeHeaderValue.TryParseList(context.HttpContext.Request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.IsSubsetOf(EventStream));

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var data = JsonSerializer.Serialize(context.ProblemDetails, json.Value.SerializerOptions);
        await response.WriteAsync($"event: error\ndata: {data}\n\n", context.HttpContext.RequestAborted);
    }
}
