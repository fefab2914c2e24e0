using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Polly;

namespace TacticalRag.Web.Api;

/// <summary>The front end's client of the API's <c>/api/llm</c> endpoints.</summary>
public sealed class LlmApiClient(HttpClient httpClient)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The model servers and which one answers now.</summary>
    /// <exception cref="LlmApiException">The API could not be reached or did not answer with a backend list.</exception>
    public async Task<BackendsStatus> GetBackendsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await httpClient.GetAsync("api/llm/backends", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new LlmApiException($"The API answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            return await response.Content.ReadFromJsonAsync<BackendsStatus>(s_json, cancellationToken)
                ?? throw new LlmApiException("The API sent an empty backend list.");
        }
        catch (Exception e) when (e is HttpRequestException or ExecutionRejectedException or JsonException)
        {
            throw new LlmApiException(LlmApiException.Unreachable, e);
        }
    }

    /// <summary>
    /// Streams an answer to <paramref name="request"/>: tokens as they arrive, then one done or error event.
    /// Failures (API down, ProblemDetails, a cut connection) arrive as an <see cref="LlmErrorEvent"/>, never as an
    /// exception; only cancelling <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async IAsyncEnumerable<LlmStreamEvent> StreamAsync(
        LlmPromptRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
                yield return await ReadProblemAsync(response, cancellationToken);
                yield break;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var events = ServerSentEventReader.ReadAsync(stream, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await LlmStreamEventParser.ReadNextAsync(events, cancellationToken) is { } next)
            {
                yield return next;
                if (next is LlmDoneEvent or LlmErrorEvent)
                {
                    yield break;
                }
            }
            yield return new LlmErrorEvent("The answer stopped before it was complete.");
        }
    }

    private async Task<(HttpResponseMessage? Response, LlmErrorEvent? Failure)> SendStreamRequestAsync(
        LlmPromptRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/llm/stream")
        {
            // Serialized up front so the body goes with a Content-Length rather than chunked: every server takes that.
            Content = new StringContent(JsonSerializer.Serialize(request, s_json), Encoding.UTF8, "application/json"),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        try
        {
            // Headers only: the body is read token by token as the model writes it.
            var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return (response, null);
        }
        catch (Exception e) when (e is HttpRequestException or ExecutionRejectedException)
        {
            return (null, new LlmErrorEvent($"{LlmApiException.Unreachable}: {e.Message}"));
        }
    }

    private static async Task<LlmErrorEvent> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var fallback = $"The API answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return new LlmErrorEvent(fallback);
        }
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ApiProblem>(s_json, cancellationToken);
            return new LlmErrorEvent(problem?.Explanation ?? problem?.Title ?? fallback, problem?.Title);
        }
        catch (JsonException)
        {
            return new LlmErrorEvent(fallback);
        }
    }
}
