namespace TacticalRag.AppHost.Tests;

/// <summary>A bad AppHost setting stops it before anything starts, naming the setting, instead of being silently ignored.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("--TacticalRag:Vllm:MaxModelLen=4096", "MaxModelLen")]
    [InlineData("--TacticalRag:Vllm:MaxModelLength=10", "MaxModelLength")]
    [InlineData("--TacticalRag:Vllm:DType=fp8x", "DType")]
    [InlineData("--TacticalRag:Redis:AppendFsync=sometimes", "AppendFsync")]
    [InlineData("--Parameters:gpu=maybe", "gpu")]
    [InlineData("--Parameters:use-vllm=perhaps", "use-vllm")]
    public async Task ABadSettingStopsTheAppHostNamingIt(string argument, string named)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers, argument);
        });

        Assert.NotNull(failure);
        Assert.Contains(named, Flatten(failure));
    }

    [Fact]
    public async Task TheDocumentedVllmSettingsAreAccepted()
    {
        await using var model = await AppHostModel.CreateAsync(AppHostModel.Containers,
            "--TacticalRag:Vllm:MaxModelLength=4096", "--TacticalRag:Vllm:DType=bfloat16", "--TacticalRag:Vllm:GpuMemoryUtilization=0.8");

        Assert.Contains("--max-model-len", await model.ArgumentsAsync("vllm"));
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}
