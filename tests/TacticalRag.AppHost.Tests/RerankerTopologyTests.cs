using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.Gpu;
using TacticalRag.AppHost.Reranker;
using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.Tests;

/// <summary>The optional reranker (text-embeddings-inference) and how the API is pointed at it, checked without starting anything.</summary>
public sealed class RerankerTopologyTests
{
    [Fact]
    public async Task DeclaresTheTeiGpuImageServingTheRerankerModelWithItsCacheOnAVolume()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--ASPIRE_CONTAINER_RUNTIME=docker");

        var reranker = model.Resource<RerankerResource>("reranker");
        var image = reranker.Annotations.OfType<ContainerImageAnnotation>().Single();

        Assert.Equal("ghcr.io", image.Registry);
        Assert.Equal("huggingface/text-embeddings-inference", image.Image);
        Assert.Equal("1.8", image.Tag);
        Assert.Equal(["--model-id", "BAAI/bge-reranker-base"], await model.ArgumentsAsync("reranker"));
        Assert.Contains(reranker.Annotations.OfType<ContainerMountAnnotation>(), mount => mount.Type == ContainerMountType.Volume && mount.Target == "/data");
        Assert.Equal(80, reranker.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == "http").TargetPort);
        Assert.NotEmpty(reranker.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Equal(["--gpus", "all"], await model.ContainerRuntimeArgumentsAsync("reranker"));
        Assert.Single(reranker.Annotations.OfType<GpuRequestAnnotation>());
    }

    [Fact]
    public async Task RunsTheCpuImageWithoutGpuFlagsWhenTheGpuParameterIsOff()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:gpu=off");

        var reranker = model.Resource<RerankerResource>("reranker");

        Assert.Equal("cpu-1.8", reranker.Annotations.OfType<ContainerImageAnnotation>().Single().Tag);
        Assert.Empty(await model.ContainerRuntimeArgumentsAsync("reranker"));
        Assert.Empty(reranker.Annotations.OfType<GpuRequestAnnotation>());
    }

    [Fact]
    public async Task TakesTheRerankerModelFromItsParameterAndPassesItToTheApi()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:reranker-model=BAAI/bge-reranker-v2-m3");

        Assert.Equal(["--model-id", "BAAI/bge-reranker-v2-m3"], await model.ArgumentsAsync("reranker"));
        Assert.Equal("BAAI/bge-reranker-v2-m3", (await model.EnvironmentAsync("api"))["RERANKER_MODEL"]);
    }

    [Fact]
    public async Task PointsTheApiAtTheRerankerWithoutMakingItWait()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        var environment = await model.EnvironmentAsync("api");

        Assert.Equal("{reranker.bindings.http.url}", environment["services__reranker__http__0"]);
        Assert.Equal("http://reranker", environment["RERANKER_HOST"]);
        Assert.Equal("tei", environment["RERANKER_FORMAT"]);
        Assert.DoesNotContain("reranker", model.Resource("api").Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name));
    }

    [Fact]
    public async Task LeavesTheRerankerOutAndTheApiWithoutOneWhenUseRerankerIsOff()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:use-reranker=false");

        var environment = await model.EnvironmentAsync("api");

        Assert.False(model.Has("reranker"));
        Assert.DoesNotContain("RERANKER_HOST", environment.Keys);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("services__reranker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InLocalModeLeavesTheRerankerOutUnlessTextEmbeddingsRouterIsInstalled()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra);

        var installed = ExecutableLocator.FindOnPath("text-embeddings-router") is not null;

        Assert.Equal(installed, model.Has("reranker"));
        Assert.Equal(installed, (await model.EnvironmentAsync("api")).ContainsKey("RERANKER_HOST"));
    }

    [Fact]
    public async Task InLocalModeRunsAnInstalledTextEmbeddingsRouterOnTheAllocatedPort()
    {
        using var installed = PathInstallation.Empty("text-embeddings-router");
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra);

        Assert.Equal("text-embeddings-router", model.Resource<ExecutableResource>("reranker").Command);
        Assert.Equal(
            ["--model-id", "BAAI/bge-reranker-base", "--hostname", "127.0.0.1", "--port", "{reranker.bindings.http.targetPort}"],
            await model.ArgumentsAsync("reranker"));
        Assert.Equal("{reranker.bindings.http.url}", (await model.EnvironmentAsync("api"))["services__reranker__http__0"]);
    }
}
