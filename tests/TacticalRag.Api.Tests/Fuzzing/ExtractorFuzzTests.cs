using System.Net;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>
/// Mutated documents of every format: each upload ends in a stored document or a per-file refusal that is a
/// ProblemDetails naming the file, within the request timeout; never a 5xx, a hang or a dropped connection.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class ExtractorFuzzTests(FuzzTarget target)
{
    private const int MutantsPerFormat = 12;

    public static TheoryData<string> Formats => [.. DocumentMutator.Formats];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task EveryMutatedDocumentIsStoredOrRefusedOnItsOwn(string format)
    {
        var random = FuzzRunner.RandomFor($"{nameof(EveryMutatedDocumentIsStoredOrRefusedOnItsOwn)}-{format}");
        var starting = DocumentMutator.Starting(format);
        var before = await target.ReadStoredStateAsync();
        var violations = new List<string>();
        var stored = new HashSet<string>();

        for (var i = 0; i < MutantsPerFormat; i++)
        {
            var fileName = $"mutant-{i}.{format}";
            var bytes = i == 0 ? starting : DocumentMutator.Mutate(starting, format, random);
            var (status, mediaType, body) = await UploadAsync(fileName, bytes);
            if (status == HttpStatusCode.Created)
            {
                stored.Add(JsonDocument.Parse(body).RootElement.GetProperty("documents")[0].GetProperty("id").GetString()!);
            }
            else if (status is not (HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType))
            {
                violations.Add($"{fileName} ({bytes.Length} bytes): answered {(int)status}: {body}");
            }
            else if (mediaType != "application/problem+json" || !body.Contains(fileName, StringComparison.Ordinal))
            {
                violations.Add($"{fileName}: refused with {(int)status} but not by a ProblemDetails naming the file: {body}");
            }
        }

        Assert.True(violations.Count == 0, $"{violations.Count} of {MutantsPerFormat} {format} uploads (sequence {FuzzRunner.Sequence}):\n{string.Join("\n", violations)}");
        Assert.Contains(stored, id => id.Length > 0); // the unmutated starting document at least
        foreach (var id in stored)
        {
            await target.Client.WaitUntilDocumentReadyAsync(id);
            using var deleted = await target.Client.DeleteAsync($"/api/documents/{id}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Equal(before, await target.ReadStoredStateAsync());
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("html")]
    [InlineData("md")]
    [InlineData("txt")]
    public async Task MarkupNestedAtEveryDepthIsStoredOrRefusedOnItsOwnNamingTheLimit(string format)
    {
        var violations = new List<string>();
        foreach (var depth in new[] { 40, 250, 300, 600, 3_000, 20_000, 100_000 })
        {
            var fileName = $"nested-{depth}.{format}";
            var bytes = DocumentMutator.Nested(format, depth).Take(FuzzTarget.MaxFileBytes).ToArray();
            var (status, _, body) = await UploadAsync(fileName, bytes);
            if (status == HttpStatusCode.Created)
            {
                var id = JsonDocument.Parse(body).RootElement.GetProperty("documents")[0].GetProperty("id").GetString()!;
                await target.Client.WaitUntilDocumentReadyAsync(id);
                using var deleted = await target.Client.DeleteAsync($"/api/documents/{id}");
            }
            else if (status != HttpStatusCode.BadRequest || !body.Contains(fileName, StringComparison.Ordinal) || !body.Contains("nesting limit", StringComparison.Ordinal))
            {
                violations.Add($"{fileName} ({bytes.Length} bytes): answered {(int)status}: {body}");
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        using var health = await target.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private async Task<(HttpStatusCode Status, string? MediaType, string Body)> UploadAsync(string fileName, byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(FuzzRunner.RequestTimeout);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "files", fileName);
        try
        {
            using var response = await target.Client.PostAsync("/api/documents", form, timeout.Token);
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (HttpStatusCode.RequestTimeout, null, $"no answer within {FuzzRunner.RequestTimeout.TotalSeconds} s (a hang)");
        }
    }
}
