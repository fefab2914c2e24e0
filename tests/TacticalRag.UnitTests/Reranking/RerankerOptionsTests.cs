using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using TacticalRag.Api.Reranking;

namespace TacticalRag.UnitTests.Reranking;

public sealed class RerankerOptionsTests
{
    [Fact]
    public void WithoutAnEndpointNoRerankerIsConfigured()
    {
        Assert.False(Bind(new()).IsConfigured);
        Assert.False(Bind(new() { ["Reranker:Endpoint"] = "" }).IsConfigured);
    }

    [Fact]
    public void TheFormatIsReadWhateverItsCaseAndTheDefaultsSuitBgeRerankerBase()
    {
        var options = Bind(new() { ["Reranker:Endpoint"] = "http://reranker", ["Reranker:Format"] = "vllm" });

        Assert.True(options.IsConfigured);
        Assert.Equal(RerankerFormat.Vllm, options.Format);
        Assert.Equal("BAAI/bge-reranker-base", options.Model);
        Assert.Equal(20, options.Candidates);
        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData("reranker:8080")]
    [InlineData("/rerank")]
    [InlineData("ftp://reranker")]
    public void AnEndpointThatIsNotAnHttpAddressIsNamedInTheError(string endpoint)
    {
        var error = Assert.Single(Validate(Bind(new() { ["Reranker:Endpoint"] = endpoint })));

        Assert.Contains("Reranker:Endpoint", error.ErrorMessage);
    }

    private static RerankerOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new RerankerOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(RerankerOptions.SectionName).Bind(options);
        return options;
    }

    private static List<ValidationResult> Validate(RerankerOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
