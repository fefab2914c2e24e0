using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.Gpu;
using TacticalRag.AppHost.Ollama;
using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.Tests;

/// <summary>
/// The optional embedding server (an Ollama of its own pulling <c>embedding-model</c>) and how the API is pointed at
/// it, checked without starting anything; and in the manifest.
/// </summary>
public sealed class EmbeddingServerTopologyTests
{
    private const string On = "--Parameters:use-embedding-server=true";

    [Fact]
    public async Task IsLeftOutByDefaultAndTheApiThenEmbedsInProcess()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        var environment = await model.EnvironmentAsync("api");

        Assert.False(model.Has("embeddings"));
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Embeddings__", StringComparison.Ordinal) || key.StartsWith("services__embeddings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeclaresAnOllamaOnTheGpuThatPullsTheEmbeddingModelAndPointsTheApiAtItWithoutMakingItWait()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, On, "--ASPIRE_CONTAINER_RUNTIME=docker");

        var server = model.Resource<OllamaResource>("embeddings");
        var environment = await model.EnvironmentAsync("api");

        Assert.Equal("ollama/ollama", server.Annotations.OfType<ContainerImageAnnotation>().Single().Image);
        Assert.Equal("bge-m3", await server.Annotations.OfType<OllamaModelAnnotation>().Single().Model.GetValueAsync(default));
        Assert.Contains(server.Annotations.OfType<ContainerMountAnnotation>(), mount => mount.Type == ContainerMountType.Volume && mount.Target == "/root/.ollama");
        Assert.Equal(["--gpus", "all"], await model.ContainerRuntimeArgumentsAsync("embeddings"));
        Assert.Single(server.Annotations.OfType<GpuRequestAnnotation>());
        Assert.Equal("{embeddings.bindings.http.url}", environment["services__embeddings__http__0"]);
        Assert.Equal(("ollama", "bge-m3", "http://embeddings"), (environment["Embeddings__Provider"], environment["Embeddings__Model"], environment["Embeddings__Endpoint"]));
        Assert.DoesNotContain("embeddings", model.Resource("api").Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name));
        // The answering Ollama is another server: the embedding model's pulls and memory are its own.
        Assert.NotSame(model.Resource("ollama"), server);
    }

    [Fact]
    public async Task TakesTheModelAndTheProviderFromTheirParametersAndRunsWithoutGpuFlagsWhenGpuIsOff()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, On, "--Parameters:gpu=off",
            "--Parameters:embedding-model=qwen3-embedding:0.6b", "--Parameters:embedding-provider=openai");

        var environment = await model.EnvironmentAsync("api");

        Assert.Equal("qwen3-embedding:0.6b", await model.Resource<OllamaResource>("embeddings").Annotations.OfType<OllamaModelAnnotation>().Single().Model.GetValueAsync(default));
        Assert.Equal(("openai", "qwen3-embedding:0.6b"), (environment["Embeddings__Provider"], environment["Embeddings__Model"]));
        Assert.Empty(await model.ContainerRuntimeArgumentsAsync("embeddings"));
    }

    [Fact]
    public async Task UsesAnExternalEmbeddingServerWhenTacticalRagEndpointsEmbeddingsIsSet()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, On,
            "--TacticalRag:Endpoints:embeddings=http://gpu-box:8001", "--Parameters:embedding-provider=openai", "--Parameters:embedding-model=BAAI/bge-m3");

        var environment = await model.EnvironmentAsync("api");

        Assert.IsType<ExternalServiceResource>(model.Resource("embeddings"));
        Assert.Equal(("openai", "BAAI/bge-m3", "http://embeddings"), (environment["Embeddings__Provider"], environment["Embeddings__Model"], environment["Embeddings__Endpoint"]));
    }

    [Fact]
    public async Task RefusesAnEmbeddingProviderItDoesNotKnowNamingTheParameter()
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var _ = await AppHostModel.CreateAsync(AppHostModel.Containers, On, "--Parameters:embedding-provider=tei");
        });

        Assert.NotNull(failure);
        Assert.Contains("embedding-provider", failure.ToString());
    }

    [Fact]
    public async Task InLocalModeRunsAnInstalledOllamaOfItsOwnOrLeavesTheServerOut()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra, On);

        var installed = ExecutableLocator.FindOnPath("ollama") is not null;

        Assert.Equal(installed, model.Has("embeddings"));
        Assert.Equal(installed, (await model.EnvironmentAsync("api")).ContainsKey("Embeddings__Provider"));
    }

    [Fact]
    public async Task InLocalModeAnInstalledOllamaServesTheEmbeddingsOnAPortOfItsOwn()
    {
        using var installed = PathInstallation.Empty("ollama");
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra, On);

        Assert.Equal("ollama", model.Resource<ExecutableResource>("embeddings").Command);
        Assert.Equal(["serve"], await model.ArgumentsAsync("embeddings"));
        Assert.Equal("{embeddings.bindings.http.url}", (await model.EnvironmentAsync("api"))["services__embeddings__http__0"]);
    }

    [Fact]
    public async Task ThePublishedManifestHoldsTheEmbeddingServerAndTheApisSettings()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tacticalrag-manifest-{Guid.NewGuid():N}.json");
        try
        {
            var resources = (await ManifestTests.PublishAsync(path, On))["resources"]!.AsObject();

            var server = resources["embeddings"]!;
            Assert.Equal("container.v0", (string?)server["type"]);
            Assert.StartsWith("docker.io/ollama/ollama:", (string?)server["image"]);
            Assert.Equal("all", (string?)server["env"]!["NVIDIA_VISIBLE_DEVICES"]);
            var apiEnvironment = resources["api"]!["env"]!;
            Assert.Equal("{embeddings.bindings.http.url}", (string?)apiEnvironment["services__embeddings__http__0"]);
            Assert.Equal("{embedding-provider.value}", (string?)apiEnvironment["Embeddings__Provider"]);
            Assert.Equal("{embedding-model.value}", (string?)apiEnvironment["Embeddings__Model"]);
            Assert.Equal("bge-m3", (string?)resources["embedding-model"]!["inputs"]!["value"]!["default"]!["value"]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
