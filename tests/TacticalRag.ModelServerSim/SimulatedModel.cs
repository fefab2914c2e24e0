using System.Security.Cryptography;
using System.Text;

namespace TacticalRag.ModelServerSim;

/// <summary>The simulator's "model": answers and embeddings that are deterministic so tests can assert on them.</summary>
internal static class SimulatedModel
{
    public const int EchoWords = 12;
    public const int EmbeddingDimensions = 8;

    /// <summary>
    /// <c>Simulated answer from &lt;model&gt;: &lt;first 12 words of the prompt&gt;</c>, as word tokens: each token after
    /// the first carries its leading space, so the tokens concatenate back to the text.
    /// </summary>
    public static IReadOnlyList<string> AnswerTokens(string model, string prompt)
    {
        var words = new List<string> { "Simulated", "answer", "from", model + ":" };
        words.AddRange(Words(prompt).Take(EchoWords));
        return words.Select((word, index) => index == 0 ? word : " " + word).ToList();
    }

    /// <summary>Word count as a stand-in for a tokenizer: stable, and close enough for usage numbers.</summary>
    public static int CountTokens(string text) => Math.Max(1, Words(text).Length);

    /// <summary>A unit vector derived from a hash of the text: the same text always embeds the same way.</summary>
    public static float[] Embed(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var vector = new float[EmbeddingDimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BitConverter.ToUInt32(hash, i * 4) / (float)uint.MaxValue * 2f - 1f;
        }

        var length = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / length).ToArray();
    }

    private static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
