using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Retrieval;

namespace TacticalRag.Api.Reranking;

/// <summary>The outcome of one rerank call: scores, or why there are none and what the server did.</summary>
internal sealed record RerankCall(IReadOnlyList<RerankScore>? Scores, RerankSkipReason? Failure, string? Detail)
{
    public static RerankCall Failed(RerankSkipReason reason, string detail) => new(null, reason, detail);
}

/// <summary>
/// One call to the reranker, bounded by <see cref="RerankerOptions.Timeout"/> from sending to the last byte of the
/// body, never retried (a second try would only spend the time the search has). Every failure of the server becomes
/// a <see cref="RerankCall"/>; only the caller's own cancellation is thrown.
/// </summary>
internal sealed class RerankerClient(IHttpClientFactory httpClientFactory, IOptions<RerankerOptions> options)
{
    public const string HttpClientName = "reranker";

    public async Task<RerankCall> RerankAsync(string query, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var request = RerankWire.CreateRequest(settings, query, texts);
            using var response = await httpClientFactory.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return RerankCall.Failed(RerankStatus.SkipReason((int)response.StatusCode), $"POST {request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}");
            }
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: timeout.Token);
            var scores = RerankWire.Parse(settings.Format, json.RootElement);
            return scores is null
                ? RerankCall.Failed(RerankSkipReason.Malformed, "the answer is not a list of indices and scores")
                : new RerankCall(scores, null, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RerankCall.Failed(RerankSkipReason.Timeout, $"no answer within {settings.Timeout.TotalSeconds:0.###} s");
        }
        catch (JsonException exception)
        {
            return RerankCall.Failed(RerankSkipReason.Malformed, exception.Message);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException)
        {
            // A body cut short is a broken answer; anything else never reached a working server.
            var reason = exception is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } or IOException
                ? RerankSkipReason.Malformed
                : RerankSkipReason.Unreachable;
            return RerankCall.Failed(reason, exception.Message);
        }
    }
}
