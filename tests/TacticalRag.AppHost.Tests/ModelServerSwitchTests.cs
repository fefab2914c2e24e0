using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.Ollama;
using TacticalRag.AppHost.Vllm;

namespace TacticalRag.AppHost.Tests;

/// <summary>
/// <c>use-vllm</c> and <c>use-ollama</c>: a CPU-only or a GPU-only deployment is one parameter, and a server switched
/// off is not declared at all (no container to start, no model to download, no GPU held), checked without starting anything.
/// </summary>
public sealed class ModelServerSwitchTests
{
    [Fact]
    public async Task LeavesTheVllmContainerOutAndTellsTheApiNotToUseVllmWhenUseVllmIsOff()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:use-vllm=false");

        var environment = await model.EnvironmentAsync("api");

        Assert.False(model.Has("vllm"));
        Assert.IsType<OllamaResource>(model.Resource("ollama"));
        Assert.Equal("false", environment["USE_VLLM"]);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("services__vllm", StringComparison.Ordinal));
        Assert.Equal("{ollama.bindings.http.url}", environment["services__ollama__http__0"]);
    }

    [Fact]
    public async Task LeavesTheOllamaContainerOutAndTheApiWithoutAnOllamaEndpointWhenUseOllamaIsOff()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:use-ollama=off");

        var environment = await model.EnvironmentAsync("api");

        Assert.False(model.Has("ollama"));
        Assert.IsType<VllmResource>(model.Resource("vllm"));
        Assert.Equal("true", environment["USE_VLLM"]);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("services__ollama", StringComparison.Ordinal));
        Assert.Equal("{vllm.bindings.http.url}", environment["services__vllm__http__0"]);
    }

    [Fact]
    public async Task WithBothOffDeclaresNeitherModelServerAndTheApiStillStartsAfterTheCacheOnly()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, "--Parameters:use-vllm=no", "--Parameters:use-ollama=0");

        Assert.False(model.Has("vllm"));
        Assert.False(model.Has("ollama"));
        Assert.Equal(["cache"], model.Resource("api").Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name));
    }

    [Fact]
    public async Task TheSwitchWinsOverAConfiguredServerUrlAndAnInstalledBinary()
    {
        using var installed = PathInstallation.Empty("vllm", "ollama");
        await using var model = await AppHostModel.CreateAsync(AppHostModel.LocalInfra,
            "--Parameters:use-vllm=false", "--Parameters:use-ollama=false", "--TacticalRag:Endpoints:Vllm=http://gpu-box:8000/");

        var environment = await model.EnvironmentAsync("api");

        Assert.False(model.Has("vllm"));
        Assert.False(model.Has("ollama"));
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("services__vllm", StringComparison.Ordinal) || key.StartsWith("services__ollama", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("use-vllm")]
    [InlineData("use-ollama")]
    public async Task StopsNamingTheSwitchWhenItIsNeitherOnNorOff(string name)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AppHostModel.CreateAsync(AppHostModel.Containers, $"--Parameters:{name}=maybe"));

        Assert.Contains($"Parameter '{name}' must be on or off", failure.ToString());
    }
}
