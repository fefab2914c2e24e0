using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>A bad setting stops the API at start with a message that names it.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("USE_VLLM", "maybe", "USE_VLLM")]
    [InlineData("Llm:TopP", "5", "TopP")]
    [InlineData("Llm:RetryAttempts", "0", "RetryAttempts")]
    [InlineData("VLLM_HOST", "not a url", "VllmHost")]
    [InlineData("Llm:MaxTokens", "9000", "MaxTokens")]
    public void ABadSettingStopsTheApiNamingTheSetting(string key, string value, string named)
    {
        var failure = Record.Exception(() =>
        {
            using var _ = GatewayHost.Start(vllm: null, ollama: null, new Dictionary<string, string?> { [key] = value }).Client;
        });

        Assert.NotNull(failure);
        Assert.Contains(named, Flatten(failure));
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}
