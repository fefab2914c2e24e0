using System.Text.Json.Serialization;

namespace TacticalRag.Api.Library;

[JsonConverter(typeof(JsonStringEnumConverter<DocumentStatus>))]
public enum DocumentStatus
{
    /// <summary>Stored and searchable by keywords; vectors are still being computed.</summary>
    [JsonStringEnumMemberName("indexing")] Indexing,
    [JsonStringEnumMemberName("ready")] Ready,
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>
/// One ingested file. Its id comes from its content hash, so the same file uploaded twice (under any name, to any
/// replica) is one document. <see cref="EmbeddingModel"/> names the model its vectors are made with (null: the
/// library's recorded model, for documents stored before documents named theirs). <see cref="Languages"/> are the ISO
/// 639-1 codes its chunks were detected in, most chunks first (null: stored before detection).
/// </summary>
public sealed record LibraryDocument(
    string Id,
    string Title,
    string FileName,
    string ContentType,
    long Bytes,
    string ContentHash,
    int Chunks,
    DateTimeOffset IngestedUtc,
    DocumentStatus Status,
    double Progress,
    string? Error = null,
    string? EmbeddingModel = null,
    IReadOnlyList<string>? Languages = null);

/// <summary>
/// A passage of a document, sized for the embedder, with where it came from. <see cref="Language"/> is the ISO 639-1
/// code of the language it is written in (detected at ingestion; null where unknown, e.g. chunks stored before
/// detection existed).
/// </summary>
public sealed record DocumentChunk(
    string Id,
    string DocumentId,
    int Ordinal,
    string Text,
    string? Section,
    int? Page,
    int Tokens,
    string? Language = null)
{
    public static string MakeId(string documentId, int ordinal) => $"{documentId}-{ordinal:D5}";
}

/// <summary>A chunk's embedding. Vectors are unit length, so a dot product is the cosine similarity.</summary>
public sealed record ChunkVector(string ChunkId, float[] Vector);

/// <summary>A chunk as the search index loads it: its text and, once embedded, its vector.</summary>
public sealed record IndexedChunk(DocumentChunk Chunk, string Title, float[]? Vector);
