namespace TacticalRag.Api.Embeddings;

/// <summary>The <see cref="EmbeddingModel"/> that validated <see cref="EmbeddingOptions"/> describe.</summary>
internal static class ConfiguredEmbeddingModel
{
    public static EmbeddingModel From(EmbeddingOptions options)
    {
        var languages = EmbeddingLanguages.Parse(options.Languages).Coverage;
        if (!options.IsServed)
        {
            var onnx = EmbeddingModel.Find(options.ModelName) ?? EmbeddingOptions.DefaultModel;
            return languages is null ? onnx : onnx with { Coverage = languages };
        }

        var served = options.ModelName;
        var card = KnownServedModels.Find(served);
        var dimensions = options.Dimensions ?? card!.Dimensions;
        var provider = options.Provider.ToString().ToLowerInvariant();
        // The recorded name carries the provider (and a shortened size), so a switch of either re-embeds the library.
        var name = dimensions == card?.Dimensions || card is null ? $"{served} ({provider})" : $"{served} ({provider}, {dimensions} dimensions)";
        return new EmbeddingModel(name, dimensions, options.QueryPrefix ?? card?.QueryPrefix ?? "", CreateEncoder: null)
        {
            Provider = options.Provider,
            ServedModel = served,
            DocumentPrefix = card?.DocumentPrefix ?? "",
            Coverage = languages ?? (card is { Multilingual: false } ? EmbeddingCoverage.EnglishOnly : EmbeddingCoverage.AnyLanguage),
        };
    }
}
