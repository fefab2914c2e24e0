using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TacticalRag.Bench.Hosting;

namespace TacticalRag.Bench.Suites.Load;

/// <summary>The small library the load run asks about: a few files of <c>samples/</c>, uploaded and indexed first.</summary>
public static class LoadLibrary
{
    /// <summary>Three formats, 22 of the evaluation questions between them.</summary>
    public static readonly string[] Files = ["radio-procedures-sop.md", "convoy-sop.txt", "an-prc-990-operator-manual.pdf"];

    private static readonly TimeSpan IndexingTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Uploads the files in one request and waits until every document is "ready" (embedded and searchable).</summary>
    public static async Task<int> UploadAndWaitAsync(HttpClient client, string samples, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        foreach (var name in Files)
        {
            var part = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(samples, name), cancellationToken));
            part.Headers.ContentType = new MediaTypeHeaderValue(ContentType(name));
            form.Add(part, "files", name);
        }
        using var response = await client.PostAsync("/api/documents", form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"The upload answered {(int)response.StatusCode}: {body}");
        }
        using var created = JsonDocument.Parse(body);
        var ids = created.RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToHashSet();
        var chunks = 0;
        await WaitFor.ConditionAsync(async () =>
        {
            using var listing = JsonDocument.Parse(await client.GetStringAsync("/api/documents", cancellationToken));
            var ours = listing.RootElement.EnumerateArray().Where(d => ids.Contains(d.GetProperty("id").GetString()!)).ToList();
            if (ours.FirstOrDefault(d => d.GetProperty("status").GetString() == "failed") is { ValueKind: JsonValueKind.Object } failed)
            {
                throw new InvalidOperationException($"Indexing {failed.GetProperty("fileName")} failed.");
            }
            chunks = ours.Sum(d => d.GetProperty("chunks").GetInt32());
            return ours.Count == ids.Count && ours.All(d => d.GetProperty("status").GetString() == "ready");
        }, "the load run's documents are indexed", IndexingTimeout, cancellationToken);
        return chunks;
    }

    private static string ContentType(string fileName) => Path.GetExtension(fileName) switch
    {
        ".md" => "text/markdown",
        ".pdf" => "application/pdf",
        _ => "text/plain",
    };
}
