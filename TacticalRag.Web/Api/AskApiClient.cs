using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace TacticalRag.Web.Api;

/// <summary>The front end's client of <c>/api/ask</c> (answers with citations) and <c>/api/examples</c>.</summary>
public sealed class AskApiClient(HttpClient httpClient)
{
    /// <summary>
    /// Streams the answer to <paramref name="request"/>: its sources, tokens as they arrive, then one done or error
    /// event. Failures (API down, ProblemDetails, a cut connection) arrive as an <see cref="AskErrorEvent"/>, never
    /// as an exception; only cancelling <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async IAsyncEnumerable<AskStreamEvent> StreamAsync(
        AskRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (response, failure) = await SendStreamRequestAsync(request, cancellationToken);
        if (response is null)
        {
            yield return failure!;
            yield break;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var problem = await ApiResponses.ReadProblemAsync(response, cancellationToken);
                yield return new AskErrorEvent(problem.Explanation ?? problem.Title!, problem.Title, problem.Status);
                yield break;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var events = ServerSentEventReader.ReadAsync(stream, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await AskStreamEventParser.ReadNextAsync(events, cancellationToken) is { } next)
            {
                yield return next;
                if (next is AskDoneEvent or AskErrorEvent)
                {
                    yield break;
                }
            }
            yield return new AskErrorEvent("The answer stopped before it was complete.");
        }
    }

    /// <summary>Questions the library can answer, to offer on an empty chat.</summary>
    /// <exception cref="ApiException">The API could not be reached or refused.</exception>
    public async Task<IReadOnlyList<string>> GetExamplesAsync(int count, CancellationToken cancellationToken = default) =>
        (await ApiResponses.GetJsonAsync<ExampleQuestionList>(httpClient, $"api/examples?count={count}", cancellationToken)).Questions ?? [];

    private async Task<(HttpResponseMessage? Response, AskErrorEvent? Failure)> SendStreamRequestAsync(
        AskRequest request, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "api/ask/stream")
        {
            // Serialized up front so the body goes with a Content-Length rather than chunked: every server takes that.
            Content = new StringContent(JsonSerializer.Serialize(request, ApiResponses.Json), Encoding.UTF8, "application/json"),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        try
        {
            // Headers only: the body is read token by token as the model writes it.
            return (await ApiResponses.SendAsync(httpClient, message, cancellationToken, HttpCompletionOption.ResponseHeadersRead), null);
        }
        catch (ApiException e)
        {
            return (null, new AskErrorEvent(e.Message));
        }
    }
}
