using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Topology;

public static class ModelServerChoiceExtensions
{
    /// <summary>
    /// Tells the API which model servers this run has: <c>USE_VLLM</c> from the <c>use-vllm</c> switch (false when vLLM
    /// is left out, whatever the switch said), and <c>Llm:NotConfigured</c> naming each server that was left out, so
    /// the API shows it as "not configured" and never probes or calls an address that cannot exist.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithModelServerChoice(
        this IResourceBuilder<ProjectResource> api, IResourceBuilder<ParameterResource> useVllm,
        ServiceDependency? vllm, ServiceDependency? ollama)
    {
        var switchedOff = !api.ApplicationBuilder.IsSwitchOn(useVllm.Resource.Name, defaultValue: true);
        if (vllm is null && !switchedOff)
        {
            // Left out for want of a runtime: the parameter shows "not configured", which is no value for USE_VLLM.
            api.WithEnvironment("USE_VLLM", "false");
        }
        else
        {
            api.WithEnvironment("USE_VLLM", useVllm);
        }
        var index = 0;
        foreach (var (name, server) in new[] { ("vllm", vllm), ("ollama", ollama) })
        {
            if (server is null)
            {
                api.WithEnvironment($"Llm__NotConfigured__{index++}", name);
            }
        }
        return api;
    }
}
