using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

public sealed class ExtractionRegistrationTests
{
    [Fact]
    public void TheRegisteredPipelineReadsEveryFormatAndChunksWithConfiguredSizes()
    {
        using var services = Build(new() { ["Ingestion:Chunking:MaxTokens"] = "96", ["Ingestion:Chunking:OverlapTokens"] = "12" });
        var extractors = services.GetRequiredService<DocumentExtractors>();
        var chunker = services.GetRequiredService<DocumentChunker>();

        foreach (var file in SampleLibrary.FileNames)
        {
            var content = SampleLibrary.Read(file);
            var document = extractors.Extract(DocumentFormatDetector.Detect(content, file).Format!, new MemoryStream(content), file);
            Assert.All(chunker.Chunk("d", document), chunk => Assert.InRange(chunk.Tokens, 1, 96));
        }
    }

    [Theory]
    [InlineData("100", "60", "OverlapTokens")]
    [InlineData("300", "30", "MaxTokens")]
    public void ChunkSizesTheEmbedderCannotTakeAreRefusedNamingTheSetting(string maxTokens, string overlapTokens, string setting)
    {
        using var services = Build(new() { ["Ingestion:Chunking:MaxTokens"] = maxTokens, ["Ingestion:Chunking:OverlapTokens"] = overlapTokens });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ChunkingOptions>>().Value);

        Assert.Contains(setting, error.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddDocumentExtraction().BuildServiceProvider();
    }
}
