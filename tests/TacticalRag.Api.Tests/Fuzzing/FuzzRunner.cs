using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>
/// Sends fuzz cases one by one and checks what any client may rely on: never a 5xx, never a hang, a ProblemDetails
/// on every 4xx whose body the API wrote, and nothing stored (documents and conversations as before).
/// </summary>
public static class FuzzRunner
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The sequence every generator starts from; set TRAG_FUZZ_SEQUENCE to replay or explore another sequence.</summary>
    public static int Sequence { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("TRAG_FUZZ_SEQUENCE"), out var sequence) ? sequence : 20261130;

    /// <summary>A generator for one test: the same sequence and test name always give the same cases.</summary>
    public static Random RandomFor(string test) => new(unchecked(Sequence * 31 + StableHash(test)));

    /// <summary>Runs every case and fails once at the end, listing every violation with the sequence that reproduces it.</summary>
    public static async Task AssertAllRefusedSafelyAsync(FuzzTarget target, IReadOnlyCollection<FuzzCase> cases)
    {
        Assert.NotEmpty(cases);
        var violations = new List<string>();
        var before = await target.ReadStoredStateAsync();
        foreach (var fuzzCase in cases)
        {
            if (await SendAndCheckAsync(target.Client, fuzzCase) is { } violation)
            {
                violations.Add($"{fuzzCase}: {violation}");
            }
            var after = await target.ReadStoredStateAsync();
            if (after != before)
            {
                violations.Add($"{fuzzCase}: something was stored: {before} -> {after}");
                before = after;
            }
        }
        Assert.True(violations.Count == 0,
            $"{violations.Count} of {cases.Count} fuzz cases (sequence {Sequence}) broke a rule:\n{string.Join("\n", violations)}");
    }

    private static async Task<string?> SendAndCheckAsync(HttpClient client, FuzzCase fuzzCase)
    {
        using var request = new HttpRequestMessage(fuzzCase.Method, fuzzCase.Path);
        if (fuzzCase.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzzCase.Body);
            // As curl does for big bodies: the server can refuse before the body is sent, instead of closing the
            // connection under a client that is still writing (which the client reports as a failed send).
            request.Headers.ExpectContinue = fuzzCase.Body.Length > 64 * 1024;
        }
        if (fuzzCase.ContentType is not null)
        {
            request.Content ??= new ByteArrayContent([]);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzzCase.ContentType);
        }
        using var timeout = new CancellationTokenSource(RequestTimeout);
        HttpStatusCode status;
        MediaTypeHeaderValue? contentType;
        byte[] body;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = response.StatusCode;
            contentType = response.Content.Headers.ContentType;
            body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return $"no complete answer within {RequestTimeout.TotalSeconds} s (a hang)";
        }
        catch (HttpRequestException exception)
        {
            return $"the connection failed instead of an answer: {exception.Message}";
        }
        Transcript(fuzzCase, (int)status, body);
        return Check(fuzzCase, (int)status, contentType?.MediaType, body);
    }

    /// <summary>With TRAG_FUZZ_LOG set to a file, every case and its answer are appended there, to review what the API says.</summary>
    private static void Transcript(FuzzCase fuzzCase, int status, byte[] body)
    {
        if (Environment.GetEnvironmentVariable("TRAG_FUZZ_LOG") is { Length: > 0 } log)
        {
            var answer = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).ReplaceLineEndings(" ");
            // The fuzz tests share one collection, so they never write at the same time.
            File.AppendAllText(log, $"{status} {fuzzCase} => {answer}\n");
        }
    }

    private static string? Check(FuzzCase fuzzCase, int status, string? mediaType, byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        if (status >= 500)
        {
            return $"answered {status}: {text}";
        }
        if (status == 429)
        {
            return "rate limited, so the case was never really tried";
        }
        if (status < 400)
        {
            return fuzzCase.MayBeServed ? null : $"accepted with {status}: {text}";
        }
        if (fuzzCase.Expect is { } expected && status != expected)
        {
            return $"answered {status} where {expected} is the right refusal: {text}";
        }
        if (body.Length == 0)
        {
            // Kestrel refuses some requests (a bad request target, a body over its limit) before the API sees them,
            // with no body; every status the API itself sets gets a ProblemDetails from the status-code pages.
            return null;
        }
        if (mediaType != "application/problem+json")
        {
            return $"answered {status} with {mediaType ?? "no content type"} instead of a ProblemDetails: {text}";
        }
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("status", out var stated) && stated.GetInt32() == status
                ? null
                : $"answered {status} with a ProblemDetails that does not state that status: {text}";
        }
        catch (JsonException)
        {
            return $"answered {status} with a ProblemDetails that is not JSON: {text}";
        }
    }

    private static int StableHash(string text)
    {
        // string.GetHashCode is randomised per process; the cases must not be.
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }
        return hash;
    }
}
