using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace TacticalRag.AppHost.Tests;

/// <summary>The deployment manifest an operator publishes, read back as JSON.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task PublishesPinnedImagesArgsVolumesGpuNeedAndApiEnvironment()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tacticalrag-manifest-{Guid.NewGuid():N}.json");
        try
        {
            var resources = (await PublishAsync(path))["resources"]!.AsObject();

            var vllm = resources["vllm"]!;
            Assert.Equal("container.v0", (string?)vllm["type"]);
            Assert.StartsWith("docker.io/vllm/vllm-openai:v", (string?)vllm["image"]);
            Assert.Equal(
                ["--model", "{vllm-model.value}", "--gpu-memory-utilization", "0.90", "--dtype", "float16", "--max-model-len", "8192"],
                vllm["args"]!.AsArray().Select(arg => (string?)arg));
            Assert.Contains(vllm["volumes"]!.AsArray(), volume => (string?)volume!["target"] == "/root/.cache/huggingface");
            Assert.Equal("all", (string?)vllm["env"]!["NVIDIA_VISIBLE_DEVICES"]);
            Assert.Equal(8000, (int?)vllm["bindings"]!["http"]!["targetPort"]);

            var ollama = resources["ollama"]!;
            Assert.StartsWith("docker.io/ollama/ollama:", (string?)ollama["image"]);
            Assert.Contains(ollama["volumes"]!.AsArray(), volume => (string?)volume!["target"] == "/root/.ollama");

            Assert.Contains(resources["cache"]!["volumes"]!.AsArray(), volume => (string?)volume!["target"] == "/data");

            var apiEnvironment = resources["api"]!["env"]!;
            Assert.Equal("{cache.connectionString}", (string?)apiEnvironment["ConnectionStrings__cache"]);
            Assert.Equal("{vllm.bindings.http.url}", (string?)apiEnvironment["services__vllm__http__0"]);
            Assert.Equal("{ollama.bindings.http.url}", (string?)apiEnvironment["services__ollama__http__0"]);
            Assert.Equal("{use-vllm.value}", (string?)apiEnvironment["USE_VLLM"]);
            Assert.Equal("{vllm-model.value}", (string?)apiEnvironment["VLLM_MODEL"]);
            Assert.Equal("{ollama-model.value}", (string?)apiEnvironment["OLLAMA_MODEL"]);

            Assert.Equal("llama3.1:8b", (string?)resources["ollama-model"]!["inputs"]!["value"]!["default"]!["value"]);

            // Accounts: PostgreSQL with its data on a volume; the web gets the database and secrets by reference only.
            var postgres = resources["postgres"]!;
            Assert.Equal("container.v0", (string?)postgres["type"]);
            Assert.Contains(postgres["volumes"]!.AsArray(), volume => (string?)volume!["target"] == "/var/lib/postgresql");
            var webEnvironment = resources["web"]!["env"]!;
            Assert.Equal("{identity.connectionString}", (string?)webEnvironment["ConnectionStrings__identity"]);
            Assert.Equal("{admin-password.value}", (string?)webEnvironment["Accounts__Admin__Password"]);
            Assert.Equal("{user-token-key.value}", (string?)webEnvironment["Api__UserTokenSigningKey"]);
            Assert.Equal("{user-token-key.value}", (string?)apiEnvironment["Security__UserTokens__SigningKey"]);
            Assert.True((bool?)resources["admin-password"]!["inputs"]!["value"]!["secret"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PublishesTheRerankerContainerAndPointsTheApiAtIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tacticalrag-manifest-{Guid.NewGuid():N}.json");
        try
        {
            var resources = (await PublishAsync(path))["resources"]!.AsObject();

            var reranker = resources["reranker"]!;
            Assert.Equal("container.v0", (string?)reranker["type"]);
            Assert.Equal("ghcr.io/huggingface/text-embeddings-inference:1.8", (string?)reranker["image"]);
            Assert.Equal(["--model-id", "{reranker-model.value}"], reranker["args"]!.AsArray().Select(arg => (string?)arg));
            Assert.Contains(reranker["volumes"]!.AsArray(), volume => (string?)volume!["target"] == "/data");
            Assert.Equal(80, (int?)reranker["bindings"]!["http"]!["targetPort"]);
            Assert.Equal("all", (string?)reranker["env"]!["NVIDIA_VISIBLE_DEVICES"]);

            var apiEnvironment = resources["api"]!["env"]!;
            Assert.Equal("{reranker.bindings.http.url}", (string?)apiEnvironment["services__reranker__http__0"]);
            Assert.Equal("http://reranker", (string?)apiEnvironment["RERANKER_HOST"]);
            Assert.Equal("{reranker-model.value}", (string?)apiEnvironment["RERANKER_MODEL"]);
            Assert.Equal("BAAI/bge-reranker-base", (string?)resources["reranker-model"]!["inputs"]!["value"]!["default"]!["value"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task CarriesNoContainerRuntimeArgumentsSoTheGpuAndSharedMemoryAreTheDeploymentTargetsToAdd()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tacticalrag-manifest-{Guid.NewGuid():N}.json");
        try
        {
            var vllm = (await PublishAsync(path, "--ASPIRE_CONTAINER_RUNTIME=docker", "--Parameters:vllm-shm-size=16g"))["resources"]!["vllm"]!;
            var written = vllm.ToJsonString();

            // What `docker run` gets locally (--gpus all --shm-size=16g) is nowhere in the manifest: only the GPU marker variables are.
            Assert.DoesNotContain("shm", written, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ipc", written, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("--gpus", written, StringComparison.Ordinal);
            Assert.Null(vllm["runtimeArgs"]);
            Assert.Equal(
                ["--model", "--gpu-memory-utilization", "--dtype", "--max-model-len"],
                vllm["args"]!.AsArray().Select(arg => (string?)arg).Where(arg => arg!.StartsWith("--", StringComparison.Ordinal)));
            Assert.Equal("all", (string?)vllm["env"]!["NVIDIA_VISIBLE_DEVICES"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PublishesNoVllmContainerWhenUseVllmIsOffAndTheApiDefaultsToNotUsingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tacticalrag-manifest-{Guid.NewGuid():N}.json");
        try
        {
            var resources = (await PublishAsync(path, "--Parameters:use-vllm=false"))["resources"]!.AsObject();
            var apiEnvironment = resources["api"]!["env"]!.AsObject();

            Assert.False(resources.ContainsKey("vllm"));
            Assert.Equal("container.v0", (string?)resources["ollama"]!["type"]);
            Assert.DoesNotContain(apiEnvironment, variable => variable.Key.StartsWith("services__vllm", StringComparison.Ordinal));
            Assert.Equal("{use-vllm.value}", (string?)apiEnvironment["USE_VLLM"]);
            Assert.Equal("false", (string?)resources["use-vllm"]!["inputs"]!["value"]!["default"]!["value"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PublishesNoOllamaContainerWhenUseOllamaIsOff()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tacticalrag-manifest-{Guid.NewGuid():N}.json");
        try
        {
            var resources = (await PublishAsync(path, "--Parameters:use-ollama=false"))["resources"]!.AsObject();
            var apiEnvironment = resources["api"]!["env"]!.AsObject();

            Assert.False(resources.ContainsKey("ollama"));
            Assert.Equal("container.v0", (string?)resources["vllm"]!["type"]);
            Assert.DoesNotContain(apiEnvironment, variable => variable.Key.StartsWith("services__ollama", StringComparison.Ordinal));
            Assert.Equal("{vllm.bindings.http.url}", (string?)apiEnvironment["services__vllm__http__0"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static async Task<JsonNode> PublishAsync(string path, params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TacticalRag_AppHost>(
            ["--publisher", "manifest", "--output-path", path, .. args], timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.RunAsync(timeout.Token);
        return JsonNode.Parse(await File.ReadAllTextAsync(path, timeout.Token))!;
    }
}
