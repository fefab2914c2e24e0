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
}
