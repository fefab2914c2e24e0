using System.Net;
using System.Text;
using System.Text.Json;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Fuzzing;

/// <summary>Hostile uploads: broken multipart, wrong fields, empty, oversized and numerous files, hostile names.</summary>
[Collection(FuzzCollection.Name)]
public sealed class UploadFuzzTests(FuzzTarget target)
{
    [Fact]
    public async Task EveryBadUploadIsRefusedAndNothingOfItIsStored()
    {
        var cases = MultipartFuzzer.Cases(FuzzRunner.RandomFor(nameof(EveryBadUploadIsRefusedAndNothingOfItIsStored)));

        await FuzzRunner.AssertAllRefusedSafelyAsync(target, cases);
    }

    [Fact]
    public async Task EveryMixedUploadStoresItsGoodFilesAndRefusesEachBadOneOnItsOwn()
    {
        var cases = MultipartFuzzer.MixedCases(FuzzRunner.RandomFor(nameof(EveryMixedUploadStoresItsGoodFilesAndRefusesEachBadOneOnItsOwn)));
        var before = await target.ReadStoredStateAsync();
        var violations = new List<string>();
        string? goodId = null;

        foreach (var mixed in cases)
        {
            var (status, answer) = await SendAsync(mixed);
            if (status == HttpStatusCode.Created)
            {
                var documents = answer.GetProperty("documents").EnumerateArray().ToArray();
                goodId ??= documents.Length > 0 ? documents[0].GetProperty("id").GetString() : null;
                var rejected = answer.GetProperty("rejected").EnumerateArray()
                    .Select(r => (r.GetProperty("status").GetInt32(), r.GetProperty("fileName").GetString())).ToArray();
                if (documents.Length != 1 || documents[0].GetProperty("id").GetString() != goodId)
                {
                    violations.Add($"{mixed}: stored {documents.Length} documents where the one good file was sent");
                }
                if (!rejected.Select(r => r.Item1).SequenceEqual(mixed.Refused.Select(r => r.Status))
                    || rejected.Zip(mixed.Refused).Any(pair => pair.Second.Name is { } name && pair.First.Item2 != name))
                {
                    violations.Add($"{mixed}: rejected [{string.Join(", ", rejected)}] where [{string.Join(", ", mixed.Refused)}] was expected");
                }
            }
            else if (!(mixed.MayBeRefusedWhole && (int)status is >= 400 and < 500))
            {
                violations.Add($"{mixed}: answered {(int)status} instead of 201 with each file's outcome");
            }
        }

        Assert.True(violations.Count == 0, $"{violations.Count} of {cases.Count} mixed uploads (sequence {FuzzRunner.Sequence}):\n{string.Join("\n", violations)}");
        // Only the good file was stored; leave the library as it was once it is embedded.
        Assert.NotNull(goodId);
        await target.Client.WaitUntilDocumentReadyAsync(goodId);
        using var deleted = await target.Client.DeleteAsync($"/api/documents/{goodId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(before, await target.ReadStoredStateAsync());
    }

    [Theory]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("/tmp/trag-fuzz-escape.txt", "trag-fuzz-escape.txt")]
    public async Task AGoodFileWithAPathInItsNameIsStoredUnderItsBareNameInsideTheLibrary(string fileName, string storedAs)
    {
        var content = Encoding.UTF8.GetBytes($"Escape attempt\n\nThis note was uploaded as {fileName} and must stay inside the library.");
        var filesBefore = target.DataFiles();

        using var response = await target.Client.UploadAsync((fileName, content));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var document = JsonDocument.Parse(body).RootElement.GetProperty("documents")[0];
        Assert.Equal(storedAs, document.GetProperty("fileName").GetString());
        Assert.All(target.DataFiles().Except(filesBefore), file => Assert.DoesNotContain(storedAs, file));
        // Where the name would land if a store used it as a path (an absolute name replaces the folder altogether).
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(target.DataPath, "documents", fileName))));
        // Leave the library as it was, once the background embedding is done with the document.
        var id = document.GetProperty("id").GetString()!;
        await target.Client.WaitUntilDocumentReadyAsync(id);
        using var deleted = await target.Client.DeleteAsync($"/api/documents/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> SendAsync(MultipartFuzzer.MixedCase mixed)
    {
        using var content = new ByteArrayContent(mixed.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", mixed.ContentType);
        using var timeout = new CancellationTokenSource(FuzzRunner.RequestTimeout);
        using var response = await target.Client.PostAsync(MultipartFuzzer.Path, content, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        return (response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }
}
