using Microsoft.Extensions.Options;
using TacticalRag.Api.Ingestion.Extraction;
using TacticalRag.Api.Library;
using TacticalRag.Api.Storage;

namespace TacticalRag.Api.Ingestion;

/// <summary>
/// On first start with an empty library, loads the documents of a folder (<c>Ingestion:SamplesPath</c>; the AppHost
/// points it at <c>samples/</c>) so a fresh system has something to answer about. Does nothing once the library holds
/// any document, so a user's deletions are respected.
/// </summary>
internal sealed partial class SampleLibraryLoader(
    ILibraryStore store,
    IngestionService ingestion,
    LibraryIndexSync indexSync,
    IOptions<IngestionOptions> options,
    IHostEnvironment environment,
    ILogger<SampleLibraryLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SamplesPath is not { Length: > 0 } samplesPath)
        {
            return;
        }
        var folder = new DirectoryInfo(Path.GetFullPath(samplesPath, environment.ContentRootPath));
        if (!folder.Exists)
        {
            LogMissing(logger, folder.FullName);
            return;
        }
        await indexSync.Loaded.WaitAsync(stoppingToken);
        var existing = await StorageRetry.UntilAvailableAsync(store.ListDocumentsAsync, logger, "checking whether the library is empty", stoppingToken);
        if (existing.Count > 0)
        {
            return;
        }
        var files = folder.EnumerateFiles()
            .Where(f => DocumentFormatDetector.SupportedExtensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase))
            .Where(f => !IsFolderReadme(f))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var loaded = 0;
        foreach (var file in files)
        {
            // One at a time: a sample that fails to load must not keep the others out.
            var result = await StorageRetry.UntilAvailableAsync(
                token => ingestion.IngestAsync([IncomingFile.From(file)], token), logger, $"loading sample {file.Name}", stoppingToken);
            loaded += result.Documents.Count;
            foreach (var rejected in result.Rejected)
            {
                LogRefused(logger, file.Name, rejected.Detail);
            }
        }
        LogSeeded(logger, loaded, folder.FullName);
    }

    /// <summary>A folder's README describes the folder (what the samples are, how they were made), not a document to ask about.</summary>
    private static bool IsFolderReadme(FileInfo file) =>
        Path.GetFileNameWithoutExtension(file.Name).Equals("README", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library was empty: loaded {Count} sample documents from {Folder}")]
    private static partial void LogSeeded(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sample {File} not loaded: {Reason}")]
    private static partial void LogRefused(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion:SamplesPath {Folder} does not exist; no samples loaded")]
    private static partial void LogMissing(ILogger logger, string folder);
}
