using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TacticalRag.TestSupport.Evaluation;

namespace TacticalRag.Api.Tests.Infrastructure;

/// <summary>Calls the library endpoints the way a user's client would: multipart uploads, JSON questions, SSE answers.</summary>
public static class LibraryClient
{
    public static string SamplesFolder { get; } =
        SampleLibrary.Find(AppContext.BaseDirectory, Directory.GetCurrentDirectory()) ?? throw new DirectoryNotFoundException("samples/ not found above the test folder");

    public static string Sample(string fileName) => Path.Combine(SamplesFolder, fileName);

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, params (string FileName, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", fileName);
        }
        return await client.PostAsync("/api/documents", form);
    }

    public static Task<HttpResponseMessage> UploadSamplesAsync(this HttpClient client, params string[] sampleFileNames) =>
        client.UploadAsync(sampleFileNames.Select(name => (name, File.ReadAllBytes(Sample(name)))).ToArray());

    /// <summary>Uploads samples, checks the 201, and waits until every one is embedded (status "ready").</summary>
    public static async Task<JsonElement[]> IngestSamplesAsync(this HttpClient client, params string[] sampleFileNames)
    {
        using var response = await client.UploadSamplesAsync(sampleFileNames);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"upload answered {(int)response.StatusCode}: {body}");
        var documents = JsonDocument.Parse(body).RootElement.GetProperty("documents").EnumerateArray().Select(d => d.Clone()).ToArray();
        foreach (var id in documents.Select(d => d.GetProperty("id").GetString()!))
        {
            await client.WaitUntilDocumentReadyAsync(id);
        }
        return documents;
    }

    /// <summary>Uploads files made by a test, checks the 201, and waits until every one is embedded.</summary>
    public static async Task<JsonElement[]> IngestAsync(this HttpClient client, params (string FileName, byte[] Content)[] files)
    {
        using var response = await client.UploadAsync(files);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"upload answered {(int)response.StatusCode}: {body}");
        var documents = JsonDocument.Parse(body).RootElement.GetProperty("documents").EnumerateArray().Select(d => d.Clone()).ToArray();
        foreach (var id in documents.Select(d => d.GetProperty("id").GetString()!))
        {
            await client.WaitUntilDocumentReadyAsync(id);
        }
        return documents;
    }

    public static Task WaitUntilDocumentReadyAsync(this HttpClient client, string id) =>
        Eventually.ReturnsAsync(
            async () => JsonDocument.Parse(await client.GetStringAsync($"/api/documents/{id}")).RootElement.GetProperty("status").GetString(),
            status => status is "ready" or "failed", $"document {id} is ready", TimeSpan.FromSeconds(90));

    public static async Task<JsonElement[]> ListDocumentsAsync(this HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/documents")).RootElement.EnumerateArray().Select(d => d.Clone()).ToArray();

    public static Task<HttpResponseMessage> AskAsync(this HttpClient client, string question, string? conversationId = null, int? topK = null) =>
        client.PostAsJsonAsync("/api/ask", new { question, conversationId, topK });

    public static async Task<JsonElement> AskOkAsync(this HttpClient client, string question, string? conversationId = null)
    {
        using var response = await client.AskAsync(question, conversationId);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ask answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> SearchOkAsync(this HttpClient client, string query, int? topK = null)
    {
        using var response = await client.PostAsJsonAsync("/api/search", new { query, topK });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"search answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Posts to <c>/api/ask/stream</c> and reads every SSE event until the server ends the response.</summary>
    public static async Task<StreamResult> AskStreamAsync(this HttpClient client, string question, string? conversationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask/stream") { Content = JsonContent.Create(new { question, conversationId }) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return await GatewayClient.ReadEventsAsync(response);
    }
}
