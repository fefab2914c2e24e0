using System.Text.Json;

namespace TacticalRag.Web.Api;

/// <summary>Turns the API's server-sent events (<c>token</c>, <c>done</c>, <c>error</c>) into <see cref="LlmStreamEvent"/>s.</summary>
public static class LlmStreamEventParser
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private sealed record TokenData(string? Text);

    // ElapsedMs as double: an API that reports fractions of a millisecond must not turn a finished answer into an error.
    private sealed record DoneData(string? Backend, string? Model, bool Fallback, double ElapsedMs);

    private sealed record ErrorData(string? Detail);

    /// <summary>The event's meaning, or null for an event type this client does not know (newer APIs may add some).</summary>
    public static LlmStreamEvent? Parse(ServerSentEvent sse)
    {
        try
        {
            return sse.EventType switch
            {
                "token" => new LlmTokenEvent(Deserialize<TokenData>(sse.Data).Text ?? string.Empty),
                "done" => ToDoneEvent(Deserialize<DoneData>(sse.Data)),
                "error" => new LlmErrorEvent(Deserialize<ErrorData>(sse.Data).Detail ?? "The model server failed."),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return new LlmErrorEvent($"The API sent a '{sse.EventType}' event that could not be read.");
        }
    }

    /// <summary>
    /// The next known event from <paramref name="events"/>, or null at the end of the stream. A connection that
    /// breaks mid-answer becomes an error event so the caller can keep the text already shown.
    /// </summary>
    public static async Task<LlmStreamEvent?> ReadNextAsync(
        IAsyncEnumerator<ServerSentEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            while (await events.MoveNextAsync())
            {
                if (Parse(events.Current) is { } parsed)
                {
                    return parsed;
                }
            }
            return null;
        }
        catch (Exception e) when (e is (IOException or HttpRequestException) && !cancellationToken.IsCancellationRequested)
        {
            return new LlmErrorEvent($"The connection to the API broke mid-answer: {e.Message}");
        }
    }

    private static T Deserialize<T>(string data) =>
        JsonSerializer.Deserialize<T>(data, s_json) ?? throw new JsonException("The event's data was null.");

    private static LlmDoneEvent ToDoneEvent(DoneData done) =>
        new(done.Backend ?? "unknown", done.Model ?? string.Empty, done.Fallback, (long)Math.Round(done.ElapsedMs));
}
