using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using TacticalRag.Api.Library;

namespace TacticalRag.Api.Storage.Files;

/// <summary>
/// A document's vectors in one binary file that each save appends a frame to, so embedding a large document in many
/// small batches costs linear, not quadratic, writing. Frame: int32 length, then per vector: int32 id length, UTF-8
/// id, int32 dimensions, raw floats. A later entry for a chunk wins. A crash mid-append leaves a torn frame at the
/// tail: the next append cuts it off first (else the torn frame's length would swallow the new frame), and a reader
/// drops a torn or malformed frame with a warning rather than failing the host's start.
/// </summary>
internal static partial class VectorFile
{
    public static async Task AppendAsync(string path, IReadOnlyList<ChunkVector> vectors, ILogger logger, CancellationToken cancellationToken)
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

        await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 16_384, FileOptions.Asynchronous);
        var end = await WholeFramesEndAsync(file, cancellationToken);
        if (end < file.Length)
        {
            LogTornTailCut(logger, path, file.Length - end, end);
            file.SetLength(end);
        }
        file.Position = end;
        await file.WriteAsync(frame, cancellationToken);
        file.Flush(flushToDisk: true);
    }

    public static async Task<Dictionary<string, float[]>> ReadAsync(string path, ILogger logger, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (await AtomicFile.ReadAsync(path, cancellationToken) is not { } bytes)
        {
            return vectors;
        }
        var offset = 0;
        while (offset < bytes.Length)
        {
            var length = offset + sizeof(int) <= bytes.Length ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset)) : -1;
            if (length < 0 || length > bytes.Length - offset - sizeof(int))
            {
                LogTornTailDropped(logger, path, bytes.Length - offset, offset);
                break;
            }
            if (!TryReadFrame(bytes.AsSpan(offset + sizeof(int), length), vectors))
            {
                LogMalformedFrameDropped(logger, path, offset);
            }
            offset += sizeof(int) + length;
        }
        return vectors;
    }

    /// <summary>Where the last whole frame ends, walking the length prefixes only (one small read a frame).</summary>
    private static async Task<long> WholeFramesEndAsync(FileStream file, CancellationToken cancellationToken)
    {
        var prefix = new byte[sizeof(int)];
        long offset = 0;
        while (offset + sizeof(int) <= file.Length)
        {
            file.Position = offset;
            await file.ReadExactlyAsync(prefix, cancellationToken);
            var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
            if (length < 0 || length > file.Length - offset - sizeof(int))
            {
                break;
            }
            offset += sizeof(int) + length;
        }
        return offset;
    }

    /// <summary>Adds the frame's vectors only when the whole frame parses within its bounds: nothing garbled gets in.</summary>
    private static bool TryReadFrame(ReadOnlySpan<byte> frame, Dictionary<string, float[]> vectors)
    {
        var read = new List<(string Id, float[] Vector)>();
        while (!frame.IsEmpty)
        {
            var idLength = frame.Length < 2 * sizeof(int) ? -1 : BinaryPrimitives.ReadInt32LittleEndian(frame);
            if (idLength <= 0 || idLength > frame.Length - 2 * sizeof(int))
            {
                return false;
            }
            var id = Encoding.UTF8.GetString(frame.Slice(sizeof(int), idLength));
            frame = frame[(sizeof(int) + idLength)..];
            var dimensions = BinaryPrimitives.ReadInt32LittleEndian(frame);
            if (dimensions <= 0 || dimensions > (frame.Length - sizeof(int)) / sizeof(float))
            {
                return false;
            }
            read.Add((id, VectorBytes.ToVector(frame.Slice(sizeof(int), dimensions * sizeof(float)))));
            frame = frame[(sizeof(int) + dimensions * sizeof(float))..];
        }
        foreach (var (id, vector) in read)
        {
            vectors[id] = vector;
        }
        return true;
    }

    private static void WriteInt(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vector file {Path}: cut a torn frame of {Bytes} byte(s) at offset {Offset} (a crash mid-append) before appending")]
    private static partial void LogTornTailCut(ILogger logger, string path, long bytes, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vector file {Path}: dropped a torn tail of {Bytes} byte(s) at offset {Offset}; the chunks in it have no vector")]
    private static partial void LogTornTailDropped(ILogger logger, string path, long bytes, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vector file {Path}: dropped a malformed frame at offset {Offset}; the chunks in it have no vector")]
    private static partial void LogMalformedFrameDropped(ILogger logger, string path, long offset);
}
