using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Common;

/// <summary>Writes <c>text/event-stream</c> events, flushing each so tokens reach the browser as they are made.</summary>
public sealed class ServerSentEventWriter
{
    private readonly HttpResponse _response;
    private readonly JsonSerializerOptions _serializerOptions;

    public ServerSentEventWriter(HttpResponse response)
    {
        _response = response;
        _serializerOptions = response.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    public async Task WriteAsync<T>(string eventName, T data, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(data, _serializerOptions);
        await _response.WriteAsync($"event: {eventName}\ndata: {json}\n\n", cancellationToken);
        await _response.Body.FlushAsync(cancellationToken);
    }
}
