using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.Gpu;
using TacticalRag.AppHost.Ollama;
using TacticalRag.AppHost.Vllm;

namespace TacticalRag.AppHost.Tests;

/// <summary>The topology a machine with a container runtime gets, checked without starting anything.</summary>
public sealed class ContainerTopologyTests
{
    [Fact]
    public async Task DeclaresRedisBothModelServersTheApiAndTheWebFrontEnd()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        Assert.IsType<RedisResource>(model.Resource("cache"));
        Assert.IsType<VllmResource>(model.Resource("vllm"));
        Assert.IsType<OllamaResource>(model.Resource("ollama"));
        Assert.IsType<ProjectResource>(model.Resource("api"));
        Assert.IsType<ProjectResource>(model.Resource("web"));
    }

    [Fact]
    public async Task PinsEveryContainerImageToAVersionTag()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        var images = model.Resources.OfType<ContainerResource>()
            .ToDictionary(resource => resource.Name, resource => resource.Annotations.OfType<ContainerImageAnnotation>().Single());

        Assert.Equal("vllm/vllm-openai", images["vllm"].Image);
        Assert.Equal("ollama/ollama", images["ollama"].Image);
        Assert.All(images.Values, image =>
        {
            Assert.False(string.IsNullOrWhiteSpace(image.Tag), $"{image.Image} has no tag");
            Assert.NotEqual("latest", image.Tag);
        });
    }

    [Fact]
    public async Task StartsVllmWithTheModelAndTheEngineSettings()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        Assert.Equal(
            ["--model", "meta-llama/Meta-Llama-3.1-8B-Instruct", "--gpu-memory-utilization", "0.90",
             "--dtype", "float16", "--max-model-len", "8192"],
            await model.ArgumentsAsync("vllm"));
    }

    [Fact]
    public async Task TakesTheVllmModelAndEngineSettingsFromConfiguration()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers,
            "--Parameters:vllm-model=Qwen/Qwen2.5-7B-Instruct", "--TacticalRag:Vllm:MaxModelLength=4096",
            "--TacticalRag:Vllm:GpuMemoryUtilization=0.8");

        var args = await model.ArgumentsAsync("vllm");

        Assert.Equal("Qwen/Qwen2.5-7B-Instruct", args[1]);
        Assert.Equal("0.80", args[args.ToList().IndexOf("--gpu-memory-utilization") + 1]);
        Assert.Equal("4096", args[args.ToList().IndexOf("--max-model-len") + 1]);
    }

    [Fact]
    public async Task ServesVllmOnPort8000AndOllamaOn11434WithHealthChecks()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        Assert.Equal(8000, Endpoint(model.Resource("vllm"), "http").TargetPort);
        Assert.Equal(11434, Endpoint(model.Resource("ollama"), "http").TargetPort);
        Assert.NotEmpty(model.Resource("vllm").Annotations.OfType<HealthCheckAnnotation>());
        Assert.Equal(2, model.Resource("ollama").Annotations.OfType<HealthCheckAnnotation>().Count());
    }

    [Fact]
    public async Task KeepsModelsAndRedisDataOnVolumes()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        Assert.Contains("/root/.cache/huggingface", VolumeTargets(model.Resource("vllm")));
        Assert.Contains("/root/.ollama", VolumeTargets(model.Resource("ollama")));
        Assert.Contains("/data", VolumeTargets(model.Resource("cache")));
    }

    [Fact]
    public async Task RunsTheRedisContainerWithAnAppendOnlyFileOnItsDataVolumeBesideTheSnapshots()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers);

        Assert.Equal(
            ["redis-server", "--requirepass", "$REDIS_PASSWORD", "--save", "60", "1", "--dir", "/data", "--appendonly", "yes", "--appendfsync", "everysec"],
            await model.ArgumentsAsync("cache"));
    }

    [Fact]
    public async Task GivesBothModelServersTheGpuWithDockerFlagsAndVllmTheHostsIpcNamespace()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--ASPIRE_CONTAINER_RUNTIME=docker");

        Assert.Equal(["--gpus", "all", "--ipc=host"], await model.ContainerRuntimeArgumentsAsync("vllm"));
        Assert.Equal(["--gpus", "all"], await model.ContainerRuntimeArgumentsAsync("ollama"));
        foreach (var server in new[] { "vllm", "ollama" })
        {
            Assert.Equal("all", (await model.EnvironmentAsync(server))["NVIDIA_VISIBLE_DEVICES"]);
            Assert.Single(model.Resource(server).Annotations.OfType<GpuRequestAnnotation>());
        }
        Assert.Null(Assert.Single(model.Resource("vllm").Annotations.OfType<SharedMemoryRequestAnnotation>()).Size);
        Assert.Empty(model.Resource("ollama").Annotations.OfType<SharedMemoryRequestAnnotation>());
    }

    [Fact]
    public async Task GivesTheGpuWithPodmanDeviceSyntaxWhenPodmanRunsTheContainers()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--ASPIRE_CONTAINER_RUNTIME=podman");

        Assert.Equal(["--device", "nvidia.com/gpu=all", "--ipc=host"], await model.ContainerRuntimeArgumentsAsync("vllm"));
    }

    [Theory]
    [InlineData("docker", "--gpus", "16g")]
    [InlineData("podman", "--device", "16g")]
    [InlineData("docker", "--gpus", "10.24gb")]
    public async Task GivesVllmASharedMemorySizeInsteadOfTheHostsIpcWhenVllmShmSizeIsSet(string runtime, string gpuFlag, string size)
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, $"--ASPIRE_CONTAINER_RUNTIME={runtime}",
            $"--Parameters:vllm-shm-size={size}");

        var args = await model.ContainerRuntimeArgumentsAsync("vllm");

        Assert.Equal(gpuFlag, args[0]);
        Assert.Equal($"--shm-size={size}", args[^1]);
        Assert.DoesNotContain("--ipc=host", args);
        Assert.Equal(size, Assert.Single(model.Resource("vllm").Annotations.OfType<SharedMemoryRequestAnnotation>()).Size);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("16 gigabytes")]
    [InlineData("0")]
    [InlineData("16x")]
    public async Task StopsNamingTheSettingWhenTheSharedMemorySizeIsNotOneTheRuntimesTake(string size)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AppHostModel.CreateAsync(AppHostModel.Containers, $"--Parameters:vllm-shm-size={size}"));

        Assert.Contains("vllm-shm-size", failure.ToString());
    }

    [Fact]
    public async Task KeepsVllmsSharedMemoryWhenTheGpuParameterIsOff()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:gpu=off");

        Assert.Equal(["--ipc=host"], await model.ContainerRuntimeArgumentsAsync("vllm"));
        Assert.Empty(await model.ContainerRuntimeArgumentsAsync("ollama"));
        Assert.DoesNotContain("NVIDIA_VISIBLE_DEVICES", (await model.EnvironmentAsync("vllm")).Keys);
    }

    [Fact]
    public async Task PassesTheHuggingFaceTokenOnlyWhenOneIsConfigured()
    {
        await using (var withoutToken = await AppHostModel.CreateAsync(AppHostModel.Containers))
        {
            Assert.False(withoutToken.Has("hf-token"));
            Assert.DoesNotContain("HF_TOKEN", (await withoutToken.EnvironmentAsync("vllm")).Keys);
        }

        await using var withToken = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:hf-token=hf_test");
        var environment = await withToken.EnvironmentAsync("vllm");
        Assert.True(withToken.Resource<ParameterResource>("hf-token").Secret);
        Assert.Equal("hf_test", environment["HF_TOKEN"]);
        Assert.Equal("hf_test", environment["HUGGING_FACE_HUB_TOKEN"]);
    }

    [Fact]
    public async Task PullsTheConfiguredOllamaModel()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:ollama-model=qwen2.5:7b");

        var pull = Assert.Single(model.Resource("ollama").Annotations.OfType<OllamaModelAnnotation>());
        Assert.Equal("qwen2.5:7b", await pull.Model.GetValueAsync(CancellationToken.None));
    }

    private static EndpointAnnotation Endpoint(IResource resource, string name) =>
        resource.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == name);

    private static IEnumerable<string> VolumeTargets(IResource resource) =>
        resource.Annotations.OfType<ContainerMountAnnotation>()
            .Where(mount => mount.Type == ContainerMountType.Volume)
            .Select(mount => mount.Target);
}
