using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using Telemetry = TacticalRag.ServiceDefaults.TacticalRagTelemetry;

namespace TacticalRag.Api.Llm;

/// <summary>
/// One streamed answer read straight off the wire: the request body written with <see cref="Utf8JsonWriter"/> into a
/// pooled buffer, each event read with <see cref="Utf8JsonReader"/> and its text unescaped into a pooled buffer; no
/// object per event. Deltas without text (vLLM's role-only chunk, its usage chunk) are read past; a delta that says the
/// answer finished is always passed on. An error the server sends inside its 200 throws <see cref="InBandLlmErrorException"/>;
/// a non-success status throws <see cref="HttpRequestException"/> with the status and the server's own message.
/// Every read honours the token it was opened with.
/// </summary>
internal abstract class WireStream(BackendWire wire, string backend, LlmPrompt prompt, CancellationToken cancellationToken)
    : IAsyncEnumerator<WireDelta>
{
    private const int MaxErrorBodyBytes = 8 * 1024;

    private readonly PooledUtf8Buffer _requestBody = new();
    private HttpResponseMessage? _response;
    private Stream? _body;
    private Activity? _span;

    protected BackendWire Wire => wire;

    protected string Backend => backend;

    protected CancellationToken CancellationToken => cancellationToken;

    /// <summary>The current delta's text; cleared for each event.</summary>
    protected PooledUtf8Buffer Text { get; } = new(256);

    public WireDelta Current { get; protected set; }

    public async ValueTask<bool> MoveNextAsync()
    {
        try
        {
            if (_body is null)
            {
                _span = StartSpan();
                _body = await SendAsync();
                StartReading(_body);
            }
            if (await ReadNextAsync())
            {
                if (Current.FinishReason is { } finishReason)
                {
                    _span?.SetTag("gen_ai.response.finish_reasons", new[] { finishReason });
                }
                return true;
            }
            return false;
        }
        catch (Exception exception) when (_span is not null)
        {
            _span.SetStatus(ActivityStatusCode.Error, exception.Message);
            _span.SetTag("error.type", exception.GetType().FullName);
            throw;
        }
    }

    /// <summary>
    /// The GenAI client span Microsoft.Extensions.AI's OpenTelemetry wrapper writes on the chat-client path
    /// (<c>chat {model}</c>, OpenTelemetry's <c>gen_ai.*</c> attributes), so a trace reads the same on either path;
    /// nothing is allocated for it unless a listener samples it.
    /// </summary>
    private Activity? StartSpan()
    {
        var span = Telemetry.ActivitySource.StartActivity(wire.SpanName, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("gen_ai.operation.name", "chat");
            span.SetTag("gen_ai.provider.name", wire.Provider);
            span.SetTag("gen_ai.request.model", wire.Model);
            span.SetTag("gen_ai.request.max_tokens", prompt.MaxTokens);
            span.SetTag("gen_ai.request.temperature", prompt.Temperature);
            span.SetTag("gen_ai.request.top_p", prompt.TopP);
            span.SetTag("gen_ai.request.top_k", prompt.TopK);
            span.SetTag("server.address", wire.ChatUri.Host);
            span.SetTag("server.port", wire.ChatUri.Port);
        }
        return span;
    }

    protected abstract void WriteRequest(Utf8JsonWriter json, LlmPrompt prompt);

    /// <summary>Opens the request object with what both protocols share: the model and the prompt as one user message.</summary>
    protected void WriteModelAndPrompt(Utf8JsonWriter json, LlmPrompt prompt)
    {
        json.WriteStartObject();
        json.WriteString("model"u8, wire.Model);
        json.WriteStartArray("messages"u8);
        json.WriteStartObject();
        json.WriteString("role"u8, "user"u8);
        json.WriteString("content"u8, prompt.Text);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    protected abstract void StartReading(Stream body);

    /// <summary>Reads to the next delta with text or a finish; false at the end of the body.</summary>
    protected abstract ValueTask<bool> ReadNextAsync();

    private async Task<Stream> SendAsync()
    {
        using (var json = new Utf8JsonWriter(_requestBody))
        {
            WriteRequest(json, prompt);
        }
        var body = _requestBody.WrittenSegment;
        using var request = new HttpRequestMessage(HttpMethod.Post, wire.ChatUri)
        {
            Content = new ByteArrayContent(body.Array!, body.Offset, body.Count) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = wire.Authorization;
        _response = await wire.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!_response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(HttpRequestError.Unknown, await DescribeFailureAsync(_response), null, _response.StatusCode);
        }
        return await _response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>The status and the server's own message (both protocols' error shapes), as the fallback log shows it.</summary>
    private async Task<string> DescribeFailureAsync(HttpResponseMessage response)
    {
        var status = $"{backend} answered {(int)response.StatusCode} ({response.ReasonPhrase ?? response.StatusCode.ToString()})";
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxErrorBodyBytes];
            var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            var message = ErrorMessage(buffer.AsSpan(0, length));
            return message is null ? status : $"{status}: {message}";
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            return status;
        }
    }

    /// <summary>vLLM's <c>{"error":{"message"}}</c> or <c>{"object":"error","message"}</c>, Ollama's <c>{"error":"..."}</c>; else the text itself.</summary>
    private static string? ErrorMessage(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            return WireJson.ReadError(ref reader);
        }
        catch (JsonException)
        {
            return body.IsEmpty ? null : Encoding.UTF8.GetString(body).Trim();
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_body is not null)
        {
            await _body.DisposeAsync();
        }
        _response?.Dispose();
        _span?.Dispose();
        _requestBody.Dispose();
        Text.Dispose();
    }
}

/// <summary>A model server reported an error inside its 200 stream (vLLM's error event, Ollama's <c>{"error"}</c> line).</summary>
internal sealed class InBandLlmErrorException(string backend, string message)
    : Exception($"{backend} sent an error inside its answer: {message}");
