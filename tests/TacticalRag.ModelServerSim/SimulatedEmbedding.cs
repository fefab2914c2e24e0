using System.Text;
using System.Text.RegularExpressions;

namespace TacticalRag.ModelServerSim;

/// <summary>
/// The simulator's embedding model: a hashed bag of words and character trigrams, unit length. Deterministic and
/// language-blind (any script), so texts that share words or word stems in any language are near each other and a test
/// can assert that a question finds its passage through a served embedder; unrelated texts are near orthogonal.
/// </summary>
internal static partial class SimulatedEmbedding
{
    /// <summary>The vector of <paramref name="text"/>, its first <paramref name="contextWords"/> words only, as a model reads its context.</summary>
    public static float[] Embed(string text, int dimensions, int contextWords)
    {
        var vector = new float[dimensions];
        foreach (var word in Words(text).Take(contextWords))
        {
            Add(vector, "w:" + word, 1f);
            var padded = $"#{word}#";
            var grams = Math.Max(1, padded.Length - 2);
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                Add(vector, "g:" + padded.Substring(i, 3), 1f / grams);
            }
        }
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }
        return vector;
    }

    /// <summary>Matryoshka-style shortening (what a server does for <c>dimensions</c>): the first values, back to unit length.</summary>
    public static float[] Shorten(float[] vector, int dimensions)
    {
        var shortened = vector[..dimensions];
        var norm = MathF.Sqrt(shortened.Sum(x => x * x));
        return norm > 0 ? shortened.Select(x => x / norm).ToArray() : shortened;
    }

    public static int CountWords(string text) => Words(text).Count();

    private static IEnumerable<string> Words(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(match => match.Value);

    private static void Add(float[] vector, string feature, float weight)
    {
        // FNV-1a: stable across processes and runs, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(feature))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        var index = (int)(hash % (ulong)vector.Length);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex Word();
}
