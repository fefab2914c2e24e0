using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Files;

/// <summary>
/// A document's vectors in one binary file that each save appends a frame to, so embedding a large document in many
/// small batches costs linear, not quadratic, writing. Frame: int32 length, then per vector: int32 id length, UTF-8
/// id, int32 dimensions, raw floats. A frame cut short by a crash is ignored on read; a later entry for a chunk wins.
/// </summary>
internal static class VectorFile
{
    public static async Task AppendAsync(string path, IReadOnlyList<ChunkVector> vectors, CancellationToken cancellationToken)
    {
        using var payload = new MemoryStream();
        payload.Write(stackalloc byte[sizeof(int)]);
        foreach (var vector in vectors)
        {
            WriteInt(payload, Encoding.UTF8.GetByteCount(vector.ChunkId));
            payload.Write(Encoding.UTF8.GetBytes(vector.ChunkId));
            WriteInt(payload, vector.Vector.Length);
            payload.Write(MemoryMarshal.AsBytes(vector.Vector.AsSpan()));
        }
        var frame = payload.GetBuffer().AsMemory(0, (int)payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame.Span, frame.Length - sizeof(int));

        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 16_384, FileOptions.Asynchronous);
        await file.WriteAsync(frame, cancellationToken);
        file.Flush(flushToDisk: true);
    }

    public static async Task<Dictionary<string, float[]>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (await AtomicFile.ReadAsync(path, cancellationToken) is not { } bytes)
        {
            return vectors;
        }
        var offset = 0;
        while (offset + sizeof(int) <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            if (length < 0 || offset + sizeof(int) + length > bytes.Length)
            {
                break;
            }
            ReadFrame(bytes.AsSpan(offset + sizeof(int), length), vectors);
            offset += sizeof(int) + length;
        }
        return vectors;
    }

    private static void ReadFrame(ReadOnlySpan<byte> frame, Dictionary<string, float[]> vectors)
    {
        while (!frame.IsEmpty)
        {
            var idLength = BinaryPrimitives.ReadInt32LittleEndian(frame);
            var id = Encoding.UTF8.GetString(frame.Slice(sizeof(int), idLength));
            frame = frame[(sizeof(int) + idLength)..];
            var dimensions = BinaryPrimitives.ReadInt32LittleEndian(frame);
            vectors[id] = VectorBytes.ToVector(frame.Slice(sizeof(int), dimensions * sizeof(float)));
            frame = frame[(sizeof(int) + dimensions * sizeof(float))..];
        }
    }

    private static void WriteInt(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
