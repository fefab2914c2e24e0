using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace TacticalRag.Api.OpenAi;

/// <summary>
/// Writes a chat completion as OpenAI's server-sent events: <c>data: {chunk}</c> per delta (the first carrying the role),
/// a last chunk with <c>finish_reason</c> and our extension, a usage chunk with empty choices when asked, then
/// <c>data: [DONE]</c>. A failure after the first byte ends with <c>data: {"error": ...}</c> and a dropped connection,
/// so every client raises it instead of taking a cut-off answer for a whole one.
/// </summary>
internal sealed class ChatChunkStream(HttpContext context, ParsedChatRequest request)
{
    private static readonly byte[] Prefix = "data: "u8.ToArray();
    private static readonly byte[] Suffix = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();
    private static readonly TimeSpan ErrorGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>The error code of a stream whose backend broke off mid-answer.</summary>
    public const string InterruptedCode = "stream_interrupted";

    private readonly HttpResponse _response = context.Response;
    private string? _fingerprint;

    public async Task StartAsync(TacticalRagExtension served, CancellationToken cancellationToken)
    {
        AnswerProvenance.Record(context, request.Model, served);
        _fingerprint = AnswerProvenance.Fingerprint(served);
        _response.ContentType = "text/event-stream";
        _response.Headers.CacheControl = "no-cache";
        _response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await WriteAsync(Chunk([new ChunkChoice(0, new ChunkDelta("assistant", ""), null)]), cancellationToken);
    }

    public Task ContentAsync(string text, CancellationToken cancellationToken) =>
        WriteAsync(Chunk([new ChunkChoice(0, new ChunkDelta(null, text), null)]), cancellationToken);

    public async Task FinishAsync(string finishReason, TacticalRagExtension served, Usage usage, CancellationToken cancellationToken)
    {
        AnswerProvenance.RecordCitations(served);
        await WriteAsync(Chunk([new ChunkChoice(0, new ChunkDelta(null, null), finishReason)]) with { Tacticalrag = served }, cancellationToken);
        if (request.IncludeUsage)
        {
            await WriteAsync(Chunk([]) with { Usage = usage }, cancellationToken);
        }
        _response.BodyWriter.Write(Done);
        await _response.BodyWriter.FlushAsync(cancellationToken);
    }

    public async Task FailAsync(string message, string code, CancellationToken cancellationToken)
    {
        await WriteFrameAsync(JsonSerializer.SerializeToUtf8Bytes(
            OpenAiErrors.Body(message, "server_error", null, code), OpenAiJsonContext.Default.ErrorBody), cancellationToken);
        // No [DONE], and the connection is dropped: Python's SDK raises the error event, but the .NET SDK skips it and
        // throws only when the response breaks off. Whatever is left of the request body is read first, since closing a
        // socket with unread input resets it and the client would lose the error event.
        await context.Request.Body.CopyToAsync(Stream.Null, cancellationToken);
        // Aborting drops output the transport has not sent yet; Kestrel has no "sent" signal, so the error event gets a
        // short grace to leave first. This is the failure path only.
        await Task.Delay(ErrorGrace, cancellationToken);
        context.Abort();
    }

    private ChatCompletionChunk Chunk(IReadOnlyList<ChunkChoice> choices) =>
        new(request.Id, request.Created, request.Model, _fingerprint, choices);

    private Task WriteAsync(ChatCompletionChunk chunk, CancellationToken cancellationToken) =>
        WriteFrameAsync(JsonSerializer.SerializeToUtf8Bytes(chunk, OpenAiJsonContext.Default.ChatCompletionChunk), cancellationToken);

    private async Task WriteFrameAsync(byte[] json, CancellationToken cancellationToken)
    {
        // One flush per event: tokens reach the client as they are made, with no extra write per piece of the frame.
        var writer = _response.BodyWriter;
        writer.Write(Prefix);
        writer.Write(json);
        writer.Write(Suffix);
        await writer.FlushAsync(cancellationToken);
    }
}
