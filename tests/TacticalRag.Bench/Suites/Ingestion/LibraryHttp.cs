using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TacticalRag.Bench.Suites.Ingestion;

/// <summary>A document the upload answered with: its id and chunk count.</summary>
public sealed record UploadedDocument(string Id, int Chunks);

/// <summary>The library endpoints as a client calls them: multipart uploads, status polls, JSON questions.</summary>
public static class LibraryHttp
{
    /// <summary>How often a waiting client asks for a document's status: fine enough for runs of seconds.</summary>
    public static readonly TimeSpan StatusPollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<IReadOnlyList<UploadedDocument>> UploadAsync(HttpClient client, IEnumerable<ChunkedFile> files, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", file.FileName);
        }
        using var response = await client.PostAsync("/api/documents", form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"The upload answered {(int)response.StatusCode}: {body}");
        }
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("documents").EnumerateArray()
            .Select(d => new UploadedDocument(d.GetProperty("id").GetString()!, d.GetProperty("chunks").GetInt32()))
            .ToList();
    }

    /// <summary>True once every document's status is "ready"; a "failed" one ends the benchmark.</summary>
    public static async Task<bool> AllReadyAsync(HttpClient client, IEnumerable<UploadedDocument> documents, CancellationToken cancellationToken)
    {
        foreach (var document in documents)
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/documents/{document.Id}", cancellationToken));
            var status = json.RootElement.GetProperty("status").GetString();
            if (status == "failed")
            {
                throw new InvalidOperationException($"Document {document.Id} failed: {json.RootElement.GetProperty("error")}");
            }
            if (status != "ready")
            {
                return false;
            }
        }
        return true;
    }

    public static async Task WaitUntilReadyAsync(
        HttpClient client, IReadOnlyList<UploadedDocument> documents, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await AllReadyAsync(client, documents, cancellationToken))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Documents not ready after {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(StatusPollInterval, cancellationToken);
        }
    }

    /// <summary>Milliseconds for one <c>POST /api/search</c>, body read; null when it did not answer 200.</summary>
    public static async Task<double?> SearchAsync(HttpClient client, string query, CancellationToken cancellationToken) =>
        (await PostAsync(client, "/api/search", new { query }, cancellationToken)).Ms;

    /// <summary>
    /// One <c>POST /api/ask</c>: milliseconds (null when it did not answer 200), the backend that answered ("none":
    /// retrieval-only), and the API's own split of its time into retrieval and generation.
    /// </summary>
    public static async Task<AskOutcome> AskAsync(HttpClient client, string question, CancellationToken cancellationToken)
    {
        var (ms, body) = await PostAsync(client, "/api/ask", new { question }, cancellationToken);
        if (ms is null)
        {
            return new AskOutcome(null, null, null, null);
        }
        using var json = JsonDocument.Parse(body);
        var timings = json.RootElement.GetProperty("timings");
        return new AskOutcome(ms, json.RootElement.GetProperty("backend").GetString(),
            timings.GetProperty("retrievalMs").GetInt64(), timings.GetProperty("generationMs").GetInt64());
    }

    private static async Task<(double? Ms, string Body)> PostAsync(HttpClient client, string path, object body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsJsonAsync(path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (response.IsSuccessStatusCode ? ms : null, text);
    }
}

/// <summary>What one ask cost, end to end and as the API split it.</summary>
public sealed record AskOutcome(double? Ms, string? Backend, long? RetrievalMs, long? GenerationMs);
