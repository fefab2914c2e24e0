namespace TacticalRag.ModelServerSim;

/// <summary>What the simulator serves and how its faults behave.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The one model the vLLM side serves (the id listed by <c>/v1/models</c>).</summary>
    public string VllmModel { get; set; } = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    /// <summary>The model the Ollama side knows about.</summary>
    public string OllamaModel { get; set; } = "llama3.1:8b";

    /// <summary>The cross-encoder <c>/info</c> reports and vLLM's <c>/v1/rerank</c> serves (the <c>model</c> it accepts).</summary>
    public string RerankerModel { get; set; } = "BAAI/bge-reranker-base";

    /// <summary>The embedding model <c>/v1/embeddings</c> serves (the <c>model</c> it accepts); the Ollama side's is <see cref="OllamaModel"/>.</summary>
    public string EmbeddingModel { get; set; } = "BAAI/bge-m3";

    /// <summary>Size of the simulated embedder's vectors, on both wire formats (bge-m3: 1024).</summary>
    public int EmbeddingDimensions { get; set; } = 1024;

    /// <summary>
    /// Whether <c>/v1/embeddings</c> may shorten vectors (<c>dimensions</c>), as a Matryoshka-trained model served by
    /// vLLM; off, any <c>dimensions</c> is refused as vLLM refuses it for other models (bge-m3).
    /// </summary>
    public bool EmbeddingMatryoshka { get; set; }

    /// <summary>The simulated embedder's context length, in words: longer inputs are cut (or refused, with Ollama's <c>truncate: false</c>).</summary>
    public int EmbeddingContextWords { get; set; } = 8192;

    /// <summary>Whether <see cref="OllamaModel"/> is already pulled at start; when false it appears after <c>/api/pull</c>.</summary>
    public bool OllamaModelPulled { get; set; } = true;

    public TimeSpan SlowFirstTokenDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Pause between streamed tokens (and per token before a non-streamed answer).</summary>
    public TimeSpan TokenDelay { get; set; } = TimeSpan.Zero;

    public int StreamCutAfterTokens { get; set; } = 2;

    /// <summary>How long <see cref="SimFault.Flapping"/> stays up, then down, then up again.</summary>
    public TimeSpan FlapInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When set, paths under <c>/v1</c> require <c>Authorization: Bearer &lt;key&gt;</c>, as <c>vllm serve --api-key</c> does.</summary>
    public string? ApiKey { get; set; }
}
