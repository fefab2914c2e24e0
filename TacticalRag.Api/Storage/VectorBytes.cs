using System.Runtime.InteropServices;

namespace TacticalRag.Api.Storage;

/// <summary>Vectors stored as their raw little-endian float bytes: 4 bytes a dimension, no parsing on load.</summary>
internal static class VectorBytes
{
    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] ToVector(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"A stored vector has {bytes.Length} bytes, not a whole number of floats.");
        }
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
