using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Tests.Storage;

/// <summary>Small made-up documents, chunks and vectors, with fresh ids so that tests never see each other's data.</summary>
internal static class LibrarySamples
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1));

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static LibraryDocument Document(string id, DateTimeOffset? ingested = null, int chunks = 3) => new(
        Id: id,
        Title: $"Radio procedures {id}",
        FileName: $"radio-{id}.md",
        ContentType: "text/markdown",
        Bytes: 4_321,
        ContentHash: Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))),
        Chunks: chunks,
        IngestedUtc: ingested ?? Monday,
        Status: DocumentStatus.Indexing,
        Progress: 0);

    public static List<DocumentChunk> Chunks(string documentId, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new DocumentChunk(
                DocumentChunk.MakeId(documentId, i),
                documentId,
                i,
                $"Passage {i}: the net control station calls each outstation in turn at 0600 — «ü» included.",
                i % 2 == 0 ? "Radio checks" : null,
                i % 3 == 0 ? null : i / 3 + 1,
                20 + i))
            .ToList();

    public static List<ChunkVector> Vectors(IEnumerable<DocumentChunk> chunks, int dimensions = 8) =>
        chunks.Select(c => new ChunkVector(c.Id, Vector(c.Ordinal, dimensions))).ToList();

    public static float[] Vector(int sequence, int dimensions)
    {
        var random = new Random(sequence);
        return Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>Values a text format would bend: negative zero, the smallest subnormal, a NaN with a payload.</summary>
    public static float[] AwkwardVector() =>
        [-0f, float.Epsilon, float.MaxValue, float.MinValue, 1f / 3f, BitConverter.Int32BitsToSingle(0x7FC0_1234), float.NegativeInfinity, 0.1f];

    public static bool SameBits(float[]? left, float[]? right) =>
        left is not null && right is not null
        && MemoryMarshal.AsBytes(left.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(right.AsSpan()));
}
