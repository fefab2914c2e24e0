using Microsoft.Extensions.AI;
using TacticalRag.Api.Embeddings;

namespace TacticalRag.Api.Storage.Postgres;

/// <summary>
/// A replica on the PostgreSQL engine holds no index, so its first search would otherwise pay for everything a replica
/// sets up lazily, one after the other: the schema check (a connection, the advisory lock, the vector type), and the
/// in-process embedding model (reading and compiling its ONNX graph: most of a replica's start on 2 cores). Both begin
/// here as the host starts, side by side, so the first search finds them done or under way. Nothing here reads the
/// library: the time is the same at any library size. A failure is left to the first search to report.
/// </summary>
internal sealed partial class PostgresReplicaWarmup(
    PostgresLibraryDatabase database,
    [FromKeyedServices(EmbeddingsServiceCollectionExtensions.QueryGeneratorKey)] IEmbeddingGenerator<string, Embedding<float>> queries,
    EmbeddingModel model,
    TimeProvider time,
    ILogger<PostgresReplicaWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        var schema = database.ReadyAsync(stoppingToken);
        // Only the in-process model has anything to load; a model server is warmed by its own health probe.
        var embedder = model.Provider == EmbeddingProvider.Onnx
            ? Task.Run(() => queries.GenerateAsync([model.QueryText("warm-up")], cancellationToken: stoppingToken), stoppingToken)
            : Task.CompletedTask;
        try
        {
            await Task.WhenAll(schema, embedder);
            LogWarm(logger, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogNotWarm(logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up for the first search in {Milliseconds:0} ms (the library's schema and the embedding model)")]
    private static partial void LogWarm(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not warm up for the first search ({Problem}); the first search will try again")]
    private static partial void LogNotWarm(ILogger logger, string problem);
}
