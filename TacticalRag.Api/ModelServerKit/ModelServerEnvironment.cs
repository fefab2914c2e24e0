namespace TacticalRag.Api.ModelServerKit;

/// <summary>
/// One environment variable a model server's deployment sets (<c>VLLM_HOST</c>, <c>RERANKER_HOST</c>) and the setting
/// it fills; <paramref name="Read"/> turns its text into the setting's (and throws, naming the variable, on bad text).
/// </summary>
public sealed record ModelServerVariable(string Name, string Key, Func<string, string>? Read = null);

/// <summary>
/// The one environment mapping for model servers: the original system, the AppHost and plain container deployments
/// configure each server with environment variables; each set one is layered over its configuration section.
/// </summary>
public static class ModelServerEnvironment
{
    public static void Apply(IConfigurationManager configuration, params IEnumerable<ModelServerVariable> variables)
    {
        var overrides = new Dictionary<string, string?>();
        foreach (var variable in variables)
        {
            if (configuration[variable.Name] is { Length: > 0 } value)
            {
                overrides[variable.Key] = variable.Read is null ? value : variable.Read(value);
            }
        }
        if (overrides.Count > 0)
        {
            configuration.AddInMemoryCollection(overrides);
        }
    }
}
