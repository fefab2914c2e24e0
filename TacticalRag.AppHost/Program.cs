using TacticalRag.AppHost;
using TacticalRag.AppHost.Embeddings;
using TacticalRag.AppHost.Gpu;
using TacticalRag.AppHost.Identity;
using TacticalRag.AppHost.Library;
using TacticalRag.AppHost.Ollama;
using TacticalRag.AppHost.Redis;
using TacticalRag.AppHost.Reranker;
using TacticalRag.AppHost.Topology;
using TacticalRag.AppHost.Vllm;

var builder = DistributedApplication.CreateBuilder(args);
var topology = new TopologyPlan(builder); // containers, or local executables where no runtime is healthy

// Choices: parameters (dashboard, user secrets, --Parameters:name=value), never constants to edit.
var useVllm = builder.AddSwitchParameter("use-vllm", defaultValue: true);
var vllmModel = builder.AddParameterWithDefault("vllm-model", "meta-llama/Meta-Llama-3.1-8B-Instruct");
var ollamaModel = builder.AddParameterWithDefault("ollama-model", "llama3.1:8b");
var gpu = builder.AddSwitchParameter("gpu", defaultValue: true);
var rerankerModel = builder.AddParameterWithDefault("reranker-model", "BAAI/bge-reranker-base");
var embeddingModel = builder.AddParameterWithDefault("embedding-model", "bge-m3");
var embeddingProvider = builder.AddEmbeddingProviderParameter();
var huggingFaceToken = builder.AddOptionalSecretParameter("hf-token");
// The API key the web front end presents to the API: generated unless configured, never in source or manifest.
var apiKey = builder.AddParameter("api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
var userTokenKey = builder.AddUserTokenKey();

// Infrastructure: Redis holds documents, vectors, conversations and the answer cache, in an append-only file that
// survives restarts (TacticalRag:Redis: AppendFsync, and DataPath for the local process).
var cache = topology.AddConnectionStringResource("Redis", "redis-server",
    inContainer: () => builder.AddRedis("cache").WithDataVolume().WithPersistence(TimeSpan.FromMinutes(1)).WithAppendOnlyFile(),
    asExecutable: () => builder.AddRedisServer("cache"));

// Accounts: the web front end's users and roles in PostgreSQL (container, or the local postgres server).
var identity = topology.AddIdentityDatabase(builder);

// Library engine (library-engine: embedded | postgresql): with postgresql the library, its search index and the
// conversations live in PostgreSQL with pgvector (library-connection for an external one), and API replicas hold no index.
var library = topology.AddLibraryDatabase(builder, identity);

// Model servers: vLLM on the GPU answers first, Ollama is the fallback. Either may be an external URL
// (TacticalRag:Endpoints:Vllm / :Ollama), absent, or left out by its switch (use-vllm, use-ollama: a CPU-only or a
// GPU-only deployment): the API then falls back by itself.
var vllm = builder.IsSwitchOn("use-vllm", defaultValue: true)
    ? topology.AddModelServer("vllm", "vLLM", "vllm", healthPath: "/health",
        inContainer: () => builder.AddVllm("vllm", vllmModel, huggingFaceToken).WithGpuSupport(gpu).WithSharedMemory(),
        asExecutable: () => builder.AddVllmExecutable("vllm", vllmModel))
    : topology.LeaveOut("vLLM", "use-vllm is off (the API gets USE_VLLM=false)");

var ollama = builder.IsSwitchOn("use-ollama", defaultValue: true)
    ? topology.AddModelServer("ollama", "Ollama", "ollama", healthPath: "/",
        inContainer: () => builder.AddOllama("ollama").WithGpuSupport(gpu).WithModel(ollamaModel),
        asExecutable: () => builder.AddOllamaExecutable("ollama").WithModel(ollamaModel))
    : topology.LeaveOut("Ollama", "use-ollama is off (the API gets no Ollama endpoint)");

// Reranker (optional, use-reranker): a cross-encoder the API uses per search while it is up; it ranks by fusion without.
var reranker = builder.IsSwitchOn("use-reranker", defaultValue: true)
    ? topology.AddModelServer("reranker", "Reranker", RerankerBuilderExtensions.Executable, healthPath: "/health",
        inContainer: () => builder.AddReranker("reranker", rerankerModel, gpu, huggingFaceToken),
        asExecutable: () => builder.AddRerankerExecutable("reranker", rerankerModel))
    : topology.LeaveOut("Reranker", "use-reranker is off");

// Embedding server (optional, use-embedding-server; off by default): multilingual dense retrieval on a GPU deployment.
// Without it the API embeds in-process (English); while it is down, searches rank by keywords and embedding waits.
var embeddings = builder.IsSwitchOn("use-embedding-server", defaultValue: false)
    ? topology.AddModelServer(EmbeddingServerBuilderExtensions.ResourceName, "Embedding server", "ollama", healthPath: "/",
        inContainer: () => builder.AddEmbeddingServer(embeddingModel, gpu),
        asExecutable: () => builder.AddEmbeddingServerExecutable(embeddingModel))
    : topology.LeaveOut("Embedding server", "use-embedding-server is off (the API embeds in-process)");

// API: waits for Redis only; it must serve while vLLM is still loading its model, or absent.
var api = builder.AddProject<Projects.TacticalRag_Api>("api")
    .WithHttpEndpointWhenMissing()
    .WithReference(cache)
    .WithReference(vllm)
    .WithReference(ollama)
    .WithReranker(reranker, rerankerModel)
    .WithEmbeddingServer(embeddings, embeddingProvider, embeddingModel)
    .WaitFor(cache)
    .WithLibraryDatabase(library)
    .WithEnvironment("USE_VLLM", useVllm)
    .WithEnvironment("VLLM_MODEL", vllmModel)
    .WithEnvironment("OLLAMA_MODEL", ollamaModel)
    .WithEnvironment("Security__ApiKey", apiKey)
    .WithEnvironment("Security__UserTokens__SigningKey", userTokenKey)
    .WithSampleLibrary()
    .WithHttpHealthCheck("/health");

// Front end: the only endpoint reachable from outside.
builder.AddProject<Projects.TacticalRag_Web>("web")
    .WithReference(api)
    .WithEnvironment("Api__Key", apiKey)
    .WithSignIn(identity, userTokenKey)
    .WaitFor(api)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
