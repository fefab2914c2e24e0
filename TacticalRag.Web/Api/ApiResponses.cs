using System.Net.Http.Json;
using System.Text.Json;
using Polly;

namespace TacticalRag.Web.Api;

/// <summary>What every typed client does with the API's answers: read the JSON it promised, or turn the failure
/// (no answer, ProblemDetails, a body that does not parse) into one <see cref="ApiException"/> the page can show.</summary>
internal static class ApiResponses
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sends <paramref name="request"/> and reads its JSON body as <typeparamref name="T"/>.</summary>
    public static async Task<T> SendForJsonAsync<T>(HttpClient httpClient, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(httpClient, request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new ApiException("The API sent an empty answer.", (int)response.StatusCode);
        }
        catch (JsonException e)
        {
            throw new ApiException($"The API sent an answer that could not be read: {e.Message}", e);
        }
    }

    public static Task<T> GetJsonAsync<T>(HttpClient httpClient, string path, CancellationToken cancellationToken) =>
        SendForJsonAsync<T>(httpClient, new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>Sends <paramref name="request"/>; an exception only when no HTTP answer came back at all.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient httpClient, HttpRequestMessage request, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using (request)
        {
            try
            {
                return await httpClient.SendAsync(request, completion, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or ExecutionRejectedException)
            {
                throw new ApiException($"{ApiException.Unreachable}: {e.Message}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient reports its own timeouts (and the resilience handler's) as cancellation.
                throw new ApiException($"{ApiException.Unreachable}: no answer in time.", e);
            }
        }
    }

    /// <summary>Throws an <see cref="ApiException"/> with the API's own explanation unless the status is a success.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ReadProblemAsync(response, cancellationToken);
            throw new ApiException(problem.Explanation ?? problem.Title!, problem.Status, problem.Title);
        }
    }

    /// <summary>The ProblemDetails of a failed answer; a made-up one naming the status when the body is not one.</summary>
    public static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var fallback = new ApiProblem($"The API answered {status} {response.ReasonPhrase}.", null, status);
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return fallback;
        }
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ApiProblem>(Json, cancellationToken);
            return problem is null ? fallback : problem with { Title = problem.Title ?? fallback.Title, Status = status };
        }
        catch (JsonException)
        {
            return fallback;
        }
    }
}
