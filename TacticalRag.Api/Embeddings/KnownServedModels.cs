namespace TacticalRag.Api.Embeddings;

/// <summary>
/// What TacticalRag knows of embedding models a server may serve, so that naming one in <c>Embeddings:Model</c> is
/// enough: its vector size, the prefixes its model card asks for, and whether it reads any language. A model not listed
/// here needs <c>Embeddings:Dimensions</c> and <c>Embeddings:Languages</c>.
/// </summary>
internal static class KnownServedModels
{
    public sealed record Card(int Dimensions, bool Multilingual, string QueryPrefix = "", string DocumentPrefix = "");

    private const string QwenInstruct = "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery:";

    private static readonly Dictionary<string, Card> Cards = new(StringComparer.OrdinalIgnoreCase)
    {
        // BAAI bge-m3 (Ollama: bge-m3): dense vectors without prefixes, 100+ languages.
        ["bge-m3"] = new(1024, Multilingual: true),
        ["multilingual-e5-large"] = new(1024, true, "query: ", "passage: "),
        ["multilingual-e5-base"] = new(768, true, "query: ", "passage: "),
        ["multilingual-e5-small"] = new(384, true, "query: ", "passage: "),
        ["multilingual-e5-large-instruct"] = new(1024, true, "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery: "),
        ["qwen3-embedding-0.6b"] = new(1024, true, QwenInstruct),
        ["qwen3-embedding-4b"] = new(2560, true, QwenInstruct),
        ["qwen3-embedding-8b"] = new(4096, true, QwenInstruct),
        ["snowflake-arctic-embed-l-v2.0"] = new(1024, true, "query: "),
        ["snowflake-arctic-embed2"] = new(1024, true, "query: "),
        ["paraphrase-multilingual"] = new(768, true),
        ["paraphrase-multilingual-mpnet-base-v2"] = new(768, true),
        ["granite-embedding-278m-multilingual"] = new(768, true),
        ["nomic-embed-text"] = new(768, false, "search_query: ", "search_document: "),
        ["nomic-embed-text-v1.5"] = new(768, false, "search_query: ", "search_document: "),
        ["mxbai-embed-large"] = new(1024, false, "Represent this sentence for searching relevant passages: "),
        ["mxbai-embed-large-v1"] = new(1024, false, "Represent this sentence for searching relevant passages: "),
        ["all-minilm"] = new(384, false),
        ["all-minilm-l6-v2"] = new(384, false),
        ["snowflake-arctic-embed-xs"] = new(384, false, "Represent this sentence for searching relevant passages: "),
    };

    /// <summary>
    /// The card of <paramref name="model"/> as a server names it: a Hugging Face id (<c>BAAI/bge-m3</c>,
    /// <c>intfloat/multilingual-e5-large</c>) or an Ollama name with a tag (<c>bge-m3:567m</c>,
    /// <c>qwen3-embedding:4b</c>); null when unknown.
    /// </summary>
    public static Card? Find(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }
        var name = model.Trim();
        name = name[(name.LastIndexOf('/') + 1)..];
        if (Cards.TryGetValue(name, out var card))
        {
            return card;
        }
        // Ollama tags: a size names the variant (qwen3-embedding:4b), anything else (latest, 567m, fp16) does not.
        var colon = name.IndexOf(':');
        if (colon < 0)
        {
            return null;
        }
        var (family, tag) = (name[..colon], name[(colon + 1)..]);
        return Cards.GetValueOrDefault($"{family}-{tag}") ?? Cards.GetValueOrDefault(family);
    }
}
