using System.ComponentModel.DataAnnotations;
using TacticalRag.Api.ModelServerKit;
using TacticalRag.Conventions;

namespace TacticalRag.Api.Llm;

/// <summary>
/// The gateway's settings, section <c>Llm</c>. Defaults are the original system's; its environment
/// variables (<c>USE_VLLM</c>, <c>VLLM_HOST</c>, ...) are mapped onto these (<see cref="EnvironmentVariables"/>).
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string SectionName = "Llm";

    /// <summary>The original system's environment variables, which deployments still set, layered over section <c>Llm</c>.</summary>
    internal static readonly ModelServerVariable[] EnvironmentVariables =
    [
        new("VLLM_HOST", "Llm:VllmHost"),
        new("VLLM_MODEL", "Llm:VllmModel"),
        new("OLLAMA_HOST", "Llm:OllamaHost"),
        new("OLLAMA_MODEL", "Llm:OllamaModel"),
        new("USE_VLLM", "Llm:UseVllm", value => (OnOffSwitch.Parse(value)
            ?? throw new InvalidOperationException($"USE_VLLM must be true or false ({OnOffSwitch.Spellings}), got '{value}'.")) ? "true" : "false"),
    ];

    /// <summary>Prefer vLLM (seed: <c>USE_VLLM</c>). False: vLLM is never called.</summary>
    public bool UseVllm { get; set; } = true;

    /// <summary>vLLM's base address, without <c>/v1</c> (seed: <c>VLLM_HOST</c>); resolved by service discovery.</summary>
    [Required]
    public Uri VllmHost { get; set; } = new("http://vllm");

    [Required(AllowEmptyStrings = false)]
    public string VllmModel { get; set; } = "meta-llama/Meta-Llama-3.1-8B-Instruct";

    /// <summary>Sent as a bearer token when vLLM was started with <c>--api-key</c>.</summary>
    public string? VllmApiKey { get; set; }

    [Required]
    public Uri OllamaHost { get; set; } = new("http://ollama");

    [Required(AllowEmptyStrings = false)]
    public string OllamaModel { get; set; } = "llama3.1:8b";

    /// <summary>
    /// Backends this deployment does not have (<c>vllm</c>, <c>ollama</c>): the AppHost lists each model server it left
    /// out. Such a backend is shown as "not configured", never probed or called, and answering without it is by design.
    /// </summary>
    public string[] NotConfigured { get; set; } = [];

    [Range(0.0, 2.0)]
    public float Temperature { get; set; } = 0.0f;

    [Range(0.0, 1.0)]
    public float TopP { get; set; } = 0.9f;

    [Range(1, 1000)]
    public int TopK { get; set; } = 40;

    /// <summary>Default answer length when a request does not say.</summary>
    [Range(1, 32768)]
    public int MaxTokens { get; set; } = 512;

    /// <summary>The most a request may ask for.</summary>
    [Range(1, 32768)]
    public int MaxTokensLimit { get; set; } = 4096;

    [Range(1, 1_000_000)]
    public int MaxPromptChars { get; set; } = 32_000;

    /// <summary>Whole generation, first byte to last token (seed: timeout 90 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a backend may take to send its first token before the request moves on.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a stream may go quiet between tokens once the first has arrived; a stalled backend is a failure within
    /// this bound instead of holding the caller until the total timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts on the last backend standing (seed: 3), for failures that cannot duplicate work.</summary>
    [Range(1, 10)]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay, doubled each retry (seed: 1 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a request waits for a backend's first token. The last backend standing may be retried, so it gets every
    /// attempt's bound plus the backoff between them; any other backend gets one bound, then the request fails over.
    /// </summary>
    public TimeSpan FirstTokenBudget(bool lastStanding)
    {
        if (!lastStanding || RetryAttempts == 1)
        {
            return FirstTokenTimeout;
        }
        var backoff = RetryDelay * ((1 << (RetryAttempts - 1)) - 1);
        return FirstTokenTimeout * RetryAttempts + backoff * 2; // twice the backoff leaves room for jitter and Retry-After
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, uri) in new[] { (nameof(VllmHost), VllmHost), (nameof(OllamaHost), OllamaHost) })
        {
            if (uri is { IsAbsoluteUri: false } || uri is { Scheme: not ("http" or "https" or "https+http" or "http+https") })
            {
                yield return new ValidationResult(
                    $"Llm:{name} must be an absolute http or https address, got '{uri}'.", [name]);
            }
        }
        foreach (var name in NotConfigured.Where(name => name is not (LlmBackend.Vllm or LlmBackend.Ollama)))
        {
            yield return new ValidationResult(
                $"Llm:NotConfigured names '{name}', which is not a model server (vllm or ollama).", [nameof(NotConfigured)]);
        }
        if (StallTimeout > Timeout)
        {
            yield return new ValidationResult(
                $"Llm:StallTimeout ({StallTimeout}) must not exceed Llm:Timeout ({Timeout}).", [nameof(StallTimeout)]);
        }
        if (MaxTokens > MaxTokensLimit)
        {
            yield return new ValidationResult(
                $"Llm:MaxTokens ({MaxTokens}) must not exceed Llm:MaxTokensLimit ({MaxTokensLimit}).", [nameof(MaxTokens)]);
        }
    }
}
