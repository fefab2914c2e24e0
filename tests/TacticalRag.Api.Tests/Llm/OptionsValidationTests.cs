using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Llm;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Llm;

/// <summary>A bad setting stops the API at start with a message that names it.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void AnUnreadableUseVllmStopsTheApiBeforeItServes()
    {
        var failure = Record.Exception(() =>
        {
            using var _ = GatewayHost.Start(vllm: null, ollama: null, new Dictionary<string, string?> { ["USE_VLLM"] = "maybe" }).Client;
        });

        Assert.NotNull(failure);
        Assert.Contains("USE_VLLM must be true or false", Flatten(failure));
    }

    /// <summary>
    /// The gateway's own registration, validated the way the host validates it at start (ValidateOnStart resolves the
    /// options); checked on the registration itself so that nothing else starting in parallel can hide the message.
    /// </summary>
    [Theory]
    [InlineData("Llm:TopP", "5", "TopP")]
    [InlineData("Llm:RetryAttempts", "0", "RetryAttempts")]
    [InlineData("VLLM_HOST", "not a url", "VllmHost")]
    [InlineData("Llm:MaxTokens", "9000", "MaxTokens")]
    [InlineData("Llm:FirstTokenTimeout", "00:00:00", "FirstTokenTimeout")]
    [InlineData("Llm:StallTimeout", "00:00:00", "StallTimeout")]
    [InlineData("Llm:StallTimeout", "00:05:00", "StallTimeout")]
    public void ABadSettingIsRefusedNamingTheSetting(string key, string value, string named)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new(key, value)]);
        builder.AddLlmGateway();
        using var host = builder.Build();

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Contains(named, failure.Message);
    }

    [Fact]
    public void TheDefaultsAreValid()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddLlmGateway();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<LlmOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(90), options.Timeout);
        Assert.Equal(3, options.RetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StallTimeout);
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}
