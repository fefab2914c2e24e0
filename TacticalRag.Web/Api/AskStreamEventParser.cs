using System.Text.Json;

namespace TacticalRag.Web.Api;

/// <summary>Turns the API's server-sent events (<c>citations</c>, <c>token</c>, <c>done</c>, <c>error</c>) into <see cref="AskStreamEvent"/>s.</summary>
public static class AskStreamEventParser
{
    private sealed record TokenData(string? Text);

    private sealed record ErrorData(string? Detail);

    /// <summary>The event's meaning, or null for an event type this client does not know (newer APIs may add some).</summary>
    public static AskStreamEvent? Parse(ServerSentEvent sse)
    {
        try
        {
            return sse.EventType switch
            {
                "citations" => Normalize(Deserialize<AskCitationsEvent>(sse.Data)),
                "token" => new AskTokenEvent(Deserialize<TokenData>(sse.Data).Text ?? string.Empty),
                "done" => Normalize(Deserialize<AskDoneEvent>(sse.Data)),
                "error" => new AskErrorEvent(Deserialize<ErrorData>(sse.Data).Detail ?? "The model server failed."),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return new AskErrorEvent($"The API sent a '{sse.EventType}' event that could not be read.");
        }
    }

    /// <summary>
    /// The next known event from <paramref name="events"/>, or null at the end of the stream. A connection that
    /// breaks mid-answer becomes an error event so the caller can keep the text already shown.
    /// </summary>
    public static async Task<AskStreamEvent?> ReadNextAsync(
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
            return new AskErrorEvent($"The connection to the API broke mid-answer: {e.Message}");
        }
    }

    private static T Deserialize<T>(string data) =>
        JsonSerializer.Deserialize<T>(data, ApiResponses.Json) ?? throw new JsonException("The event's data was null.");

    // Lists the API left out read as empty, so the page never checks for null.
    private static AskCitationsEvent Normalize(AskCitationsEvent citations) =>
        citations with { Citations = citations.Citations ?? [] };

    private static AskDoneEvent Normalize(AskDoneEvent done) =>
        done with { Backend = string.IsNullOrEmpty(done.Backend) ? "unknown" : done.Backend, Cited = done.Cited ?? [] };
}
