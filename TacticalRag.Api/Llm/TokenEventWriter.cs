using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace TacticalRag.Api.Llm;

/// <summary>
/// <c>/api/llm/stream</c>'s <c>token</c> events written straight onto the response's <see cref="PipeWriter"/>: the UTF-8
/// text read off the backend's wire is escaped once by a <see cref="Utf8JsonWriter"/> (with the API's JSON encoder, so
/// the bytes are what the serializer would write for <see cref="LlmTokenEvent"/>) and flushed, with no string or
/// object per token.
/// </summary>
internal sealed class TokenEventWriter
{
    private readonly PipeWriter _body;
    private readonly Utf8JsonWriter _json;

    public TokenEventWriter(HttpResponse response)
    {
        _body = response.BodyWriter;
        var encoder = response.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.Encoder;
        _json = new Utf8JsonWriter(_body, new JsonWriterOptions { Encoder = encoder, SkipValidation = true });
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> utf8Text, CancellationToken cancellationToken)
    {
        _body.Write("event: token\ndata: "u8);
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("text"u8, utf8Text.Span);
        _json.WriteEndObject();
        _json.Flush();
        _body.Write("\n\n"u8);
        await _body.FlushAsync(cancellationToken);
    }
}
