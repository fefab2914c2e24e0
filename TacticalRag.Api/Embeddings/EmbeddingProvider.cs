namespace TacticalRag.Api.Embeddings;

/// <summary>Where embeddings are made: <c>Embeddings:Provider</c>.</summary>
public enum EmbeddingProvider
{
    /// <summary>In-process on the CPU (the ONNX models shipped in their NuGet packages; English only).</summary>
    Onnx,

    /// <summary>An Ollama server's <c>POST /api/embed</c> (e.g. <c>bge-m3</c>).</summary>
    Ollama,

    /// <summary>An OpenAI-compatible <c>POST /v1/embeddings</c>: vLLM serving an embedding model, or text-embeddings-inference.</summary>
    OpenAi,
}
