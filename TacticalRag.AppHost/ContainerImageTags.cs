namespace TacticalRag.AppHost;

/// <summary>Every container image the AppHost runs, pinned in one place (never <c>latest</c>).</summary>
internal static class ContainerImageTags
{
    public const string Registry = "docker.io";

    public const string VllmImage = "vllm/vllm-openai";
    public const string VllmTag = "v0.24.0";

    public const string OllamaImage = "ollama/ollama";
    public const string OllamaTag = "0.32.13";

    /// <summary>Hugging Face text-embeddings-inference: one image per device, the CPU one tagged <c>cpu-</c>.</summary>
    public const string TeiRegistry = "ghcr.io";
    public const string TeiImage = "huggingface/text-embeddings-inference";
    public const string TeiCpuTag = "cpu-1.8";
    public const string TeiGpuTag = "1.8";

    /// <summary>PostgreSQL with the pgvector extension, for the library engine (the same pgvector as Debian's 0.8.0).</summary>
    public const string PgvectorImage = "pgvector/pgvector";
    public const string PgvectorTag = "0.8.0-pg17";
}
