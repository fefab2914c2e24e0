using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TacticalRag.Api.Embeddings;
using TacticalRag.Api.Tests.Infrastructure;

namespace TacticalRag.Api.Tests.Embeddings;

/// <summary>The <c>Embeddings</c> settings: a bad one stops the API at start naming it; good ones give the model and languages they say.</summary>
public sealed class EmbeddingSettingsTests
{
    [Fact]
    public void AnApiWithAServedModelItDoesNotKnowTheSizeOfDoesNotStartAndNamesTheSetting()
    {
        var failure = Record.Exception(() =>
        {
            using var _ = GatewayHost.Start(null, null, new Dictionary<string, string?>
            {
                ["Embeddings:Provider"] = "openai",
                ["Embeddings:Model"] = "acme/mystery-embed",
                ["Embeddings:Languages"] = "*",
            }).Client;
        });

        Assert.NotNull(failure);
        Assert.Contains("Embeddings:Dimensions is needed", Flatten(failure));
    }

    [Theory]
    [InlineData("Embeddings:Provider", "onnx-gpu", "Provider")]
    [InlineData("Embeddings:Model", "bge-m3", "Embeddings:Model 'bge-m3' is not a known model")]
    [InlineData("Embeddings:Endpoint", "http://embeddings", "Embeddings:Endpoint is for a served model")]
    [InlineData("Embeddings:Languages", "english", "Embeddings:Languages: 'english' is not an ISO 639-1 code")]
    [InlineData("Embeddings:QueryTimeout", "00:00:00", "QueryTimeout")]
    public void ABadSettingIsRefusedNamingTheSetting(string key, string value, string named)
    {
        var failure = Record.Exception(() => Options(new() { [key] = value }));

        Assert.NotNull(failure);
        Assert.Contains(named, Flatten(failure));
    }

    [Theory]
    [InlineData("ollama", null, "mystery", "Embeddings:Dimensions is needed")]
    [InlineData("ollama", "1024", "mystery", "Embeddings:Languages is needed")]
    [InlineData("ollama", null, "snowflake-arctic-embed-xs", "is an in-process model")]
    [InlineData("ollama", "512", "bge-m3", "can shorten vectors only with the openai provider")]
    [InlineData("openai", "2048", "BAAI/bge-m3", "makes 1024-dimensional vectors")]
    public void AServedModelNeedsWhatTacticalRagCannotKnow(string provider, string? dimensions, string model, string named)
    {
        var failure = Record.Exception(() => Options(new()
        {
            ["Embeddings:Provider"] = provider, ["Embeddings:Model"] = model, ["Embeddings:Dimensions"] = dimensions,
        }));

        Assert.NotNull(failure);
        Assert.Contains(named, Flatten(failure));
    }

    [Theory]
    [InlineData("onnx", null, null, null, "snowflake-arctic-embed-xs", 384, false)]
    [InlineData("ollama", null, null, null, "bge-m3 (ollama)", 1024, true)]
    [InlineData("openai", "Qwen/Qwen3-Embedding-4B", null, null, "Qwen/Qwen3-Embedding-4B (openai)", 2560, true)]
    [InlineData("openai", "Qwen/Qwen3-Embedding-8B", "1024", null, "Qwen/Qwen3-Embedding-8B (openai, 1024 dimensions)", 1024, true)]
    [InlineData("ollama", "nomic-embed-text", null, null, "nomic-embed-text (ollama)", 768, false)]
    [InlineData("ollama", "nomic-embed-text", null, "en,de", "nomic-embed-text (ollama)", 768, true)]
    [InlineData("openai", "acme/embed", "300", "*", "acme/embed (openai)", 300, true)]
    public void TheModelItsSizeAndItsLanguagesComeFromTheSettingsOrTheModelsCard(
        string provider, string? model, string? dimensions, string? languages, string name, int size, bool readsGerman)
    {
        var embedding = ConfiguredEmbeddingModel.From(Options(new()
        {
            ["Embeddings:Provider"] = provider, ["Embeddings:Model"] = model, ["Embeddings:Dimensions"] = dimensions, ["Embeddings:Languages"] = languages,
        }));

        Assert.Equal((name, size, readsGerman), (embedding.Name, embedding.Dimensions, embedding.Coverage.Covers("de")));
        Assert.True(embedding.Coverage.Covers("en"));
    }

    [Fact]
    public void MultilingualE5GetsTheQueryAndPassagePrefixesItsModelCardAsksFor()
    {
        var e5 = ConfiguredEmbeddingModel.From(Options(new() { ["Embeddings:Provider"] = "openai", ["Embeddings:Model"] = "intfloat/multilingual-e5-large" }));

        Assert.Equal(("query: Wo?", "passage: Hier."), (e5.QueryText("Wo?"), e5.DocumentText("Hier.")));
    }

    private static EmbeddingOptions Options(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEmbeddings();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);
}
