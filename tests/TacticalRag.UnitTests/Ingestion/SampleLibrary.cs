using Microsoft.Extensions.Options;
using TacticalRag.Api.Ingestion.Chunking;
using TacticalRag.Api.Ingestion.Extraction;

namespace TacticalRag.UnitTests.Ingestion;

/// <summary>The repository's samples/ folder and the extraction pipeline as the API wires it, without a host.</summary>
internal static class SampleLibrary
{
    public static readonly DocumentExtractors Extractors = new(
        [new PlainTextExtractor(), new MarkdownExtractor(), new HtmlExtractor(), new PdfExtractor(), new DocxExtractor()]);

    public static string Folder { get; } = FindFolder();

    public static IReadOnlyList<string> FileNames =>
        Directory.GetFiles(Folder).Select(Path.GetFileName).OfType<string>()
            .Where(name => !name.Equals("README.md", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();

    public static byte[] Read(string fileName) => File.ReadAllBytes(Path.Combine(Folder, fileName));

    public static ExtractedDocument Extract(string fileName) => Extract(Read(fileName), fileName);

    public static ExtractedDocument Extract(byte[] content, string fileName)
    {
        var detection = DocumentFormatDetector.Detect(content, fileName);
        Assert.True(detection.IsSupported, detection.Problem);
        return Extractors.Extract(detection.Format!, new MemoryStream(content), fileName);
    }

    public static DocumentChunker Chunker(int maxTokens = 200, int overlapTokens = 30, int maxChars = 2_000) =>
        new(Options.Create(new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlapTokens, MaxChars = maxChars }), Languages);

    /// <summary>One detector for every test: its models load once.</summary>
    public static TacticalRag.Api.Languages.TextLanguageDetector Languages { get; } = new();

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TacticalRag.sln")))
            {
                return Path.Combine(directory.FullName, "samples");
            }
        }
        throw new DirectoryNotFoundException("No TacticalRag.sln above the test output folder.");
    }
}
