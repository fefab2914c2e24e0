using System.ComponentModel.DataAnnotations;

namespace TacticalRag.Api.Embeddings;

/// <summary>
/// Embedding settings, section <c>Embeddings</c>. Changing <see cref="Provider"/> or <see cref="Model"/> re-embeds the
/// library in the background; keyword search serves meanwhile.
/// </summary>
public sealed class EmbeddingOptions : IValidatableObject
{
    public const string SectionName = "Embeddings";

    /// <summary>The model used when none is configured.</summary>
    public static EmbeddingModel DefaultModel => EmbeddingModel.ArcticXs;

    /// <summary><c>onnx</c> (in-process, default), <c>ollama</c> or <c>openai</c> (a served model).</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.Onnx;

    /// <summary>
    /// In-process: snowflake-arctic-embed-xs (default) or all-MiniLM-L6-v2. Served: the model's name on the server
    /// (default bge-m3 for ollama, BAAI/bge-m3 for openai).
    /// </summary>
    public string? Model { get; set; }

    /// <summary><see cref="Model"/>, or the provider's default when it is not set.</summary>
    public string ModelName => Model is { Length: > 0 } model ? model : Provider switch
    {
        EmbeddingProvider.Ollama => "bge-m3",
        EmbeddingProvider.OpenAi => "BAAI/bge-m3",
        _ => DefaultModel.Name,
    };

    /// <summary>The embedding server's base address (served providers only; service discovery resolves <c>http://embeddings</c>).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Vector size of a served model; known models need none. For <c>openai</c>, a size below the model's is sent as <c>dimensions</c>.</summary>
    [Range(8, 16384)]
    public int? Dimensions { get; set; }

    /// <summary>
    /// The languages the embedder reads, ISO 639-1 codes separated by commas (<c>en,de</c>), or <c>*</c> for any;
    /// known models need none (the in-process ones read English; bge-m3, multilingual-e5 and Qwen3-Embedding any).
    /// </summary>
    public string? Languages { get; set; }

    /// <summary>Prefix on search queries for a served model TacticalRag does not know (known models bring their own).</summary>
    public string? QueryPrefix { get; set; }

    /// <summary>Bearer key for an OpenAI-compatible server started with one (<c>vllm serve --api-key</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The most one batch of passages waits for the server before the document retries it later.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most a search waits for its query's embedding before it ranks by keywords alone.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait before a document whose embedding failed is tried again; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsServed => Provider != EmbeddingProvider.Onnx;

    /// <summary>Where a served provider is reached when <see cref="Endpoint"/> is not set: the AppHost's <c>embeddings</c> resource.</summary>
    public static Uri DefaultEndpoint { get; } = new("http://embeddings");

    public Uri ServerEndpoint => Endpoint is { OriginalString.Length: > 0 } endpoint ? endpoint : DefaultEndpoint;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return Error($"{SectionName}:{nameof(Provider)} must be onnx, ollama or openai.", nameof(Provider));
            yield break;
        }
        if (EmbeddingLanguages.Parse(Languages) is { Error: { } languageError })
        {
            yield return Error($"{SectionName}:{nameof(Languages)}: {languageError}", nameof(Languages));
        }
        if (!IsServed)
        {
            if (EmbeddingModel.Find(ModelName) is null)
            {
                yield return Error(
                    $"{SectionName}:{nameof(Model)} '{ModelName}' is not a known model; use one of: {string.Join(", ", EmbeddingModel.All.Select(m => m.Name))} "
                    + $"(or set {SectionName}:{nameof(Provider)} to ollama or openai for a served model).", nameof(Model));
            }
            foreach (var (name, value) in new (string, object?)[] { (nameof(Endpoint), Endpoint), (nameof(Dimensions), Dimensions) })
            {
                if (value is not null)
                {
                    yield return Error($"{SectionName}:{name} is for a served model; {SectionName}:{nameof(Provider)} is onnx (in-process).", name);
                }
            }
            yield break;
        }

        var model = ModelName;
        var card = KnownServedModels.Find(model);
        if (EmbeddingModel.Find(model) is not null)
        {
            yield return Error(
                $"{SectionName}:{nameof(Model)} must name the model the {Provider.ToString().ToLowerInvariant()} server serves (for example bge-m3 or BAAI/bge-m3); "
                + $"'{model}' is an in-process model.", nameof(Model));
            yield break;
        }
        if (Endpoint is { OriginalString.Length: > 0 } endpoint
            && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https" or "https+http" or "http+https")))
        {
            yield return Error($"{SectionName}:{nameof(Endpoint)} must be an absolute http or https address, got '{Endpoint}'.", nameof(Endpoint));
        }
        if (card is null && Dimensions is null)
        {
            yield return Error($"{SectionName}:{nameof(Dimensions)} is needed: TacticalRag does not know the vector size of '{model}'.", nameof(Dimensions));
        }
        if (card is not null && Dimensions > card.Dimensions)
        {
            yield return Error($"{SectionName}:{nameof(Dimensions)} is {Dimensions}, but '{model}' makes {card.Dimensions}-dimensional vectors.", nameof(Dimensions));
        }
        if (Dimensions is { } dimensions && card is not null && dimensions != card.Dimensions && Provider != EmbeddingProvider.OpenAi)
        {
            yield return Error($"{SectionName}:{nameof(Dimensions)} can shorten vectors only with the openai provider (it sends 'dimensions'); '{model}' makes {card.Dimensions}.", nameof(Dimensions));
        }
        if (card is null && string.IsNullOrWhiteSpace(Languages))
        {
            yield return Error($"{SectionName}:{nameof(Languages)} is needed: TacticalRag does not know which languages '{model}' reads (ISO 639-1 codes such as en,de, or * for any).", nameof(Languages));
        }
    }

    private static ValidationResult Error(string message, string member) => new(message, [member]);
}
