using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TacticalRag.AppHost.Topology;

/// <summary>
/// Decides how each piece of infrastructure is provided in this run (container, local executable, external URL
/// or left out) and logs every such decision once the app starts, so a developer sees exactly what is missing.
/// </summary>
public sealed class TopologyPlan
{
    /// <summary>Configuration section of URLs that replace a model server, e.g. <c>TacticalRag:Endpoints:Vllm</c>.</summary>
    public const string EndpointsSection = "TacticalRag:Endpoints";

    private readonly IDistributedApplicationBuilder _builder;
    private readonly List<(LogLevel Level, string Message)> _decisions = [];

    public TopologyPlan(IDistributedApplicationBuilder builder)
    {
        _builder = builder;
        Mode = InfrastructureMode.Detect(builder);
        Note(Mode.UsesContainers
            ? $"Infrastructure runs in containers: {Mode.Reason}."
            : $"Infrastructure runs as local executables: {Mode.Reason}.");
        builder.Eventing.Subscribe<BeforeStartEvent>((startEvent, _) =>
        {
            var logger = startEvent.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TacticalRag.AppHost");
            foreach (var (level, message) in _decisions)
            {
                logger.Log(level, "{Decision}", message);
            }
            return Task.CompletedTask;
        });
    }

    public InfrastructureMode Mode { get; }

    /// <summary>
    /// Redis (or any connection-string resource): a container, else a local executable when on PATH (or where
    /// <paramref name="locate"/> finds it).
    /// </summary>
    public ServiceDependency? AddConnectionStringResource(
        string displayName,
        string executable,
        Func<IResourceBuilder<IResourceWithConnectionString>> inContainer,
        Func<IResourceBuilder<IResourceWithConnectionString>> asExecutable,
        Func<string?>? locate = null) =>
        Place(displayName, executable,
            () => ServiceDependency.ConnectionString(inContainer()),
            () => ServiceDependency.ConnectionString(asExecutable()),
            locate);

    /// <summary>
    /// A model server: the URL under <c>TacticalRag:Endpoints:{name}</c> when one is configured, else a container,
    /// else a local executable when on PATH, else left out.
    /// </summary>
    public ServiceDependency? AddModelServer(
        string name,
        string displayName,
        string executable,
        string healthPath,
        Func<IResourceBuilder<IResourceWithServiceDiscovery>> inContainer,
        Func<IResourceBuilder<IResourceWithServiceDiscovery>> asExecutable)
    {
        var url = _builder.Configuration[$"{EndpointsSection}:{name}"];
        if (!string.IsNullOrWhiteSpace(url))
        {
            Note($"{displayName} is the external service at {url} ({EndpointsSection}:{name}).");
            return ServiceDependency.External(_builder.AddExternalService(name, url).WithHttpHealthCheck(healthPath));
        }
        return Place(displayName, executable,
            () => ServiceDependency.ServiceDiscovery(inContainer()),
            () => ServiceDependency.ServiceDiscovery(asExecutable()));
    }

    /// <summary>Records that an optional piece was left out by choice, so the start-up log says so.</summary>
    public ServiceDependency? LeaveOut(string displayName, string reason)
    {
        Note($"{displayName} left out: {reason}.");
        return null;
    }

    private ServiceDependency? Place(
        string displayName, string executable, Func<ServiceDependency> inContainer, Func<ServiceDependency> asExecutable,
        Func<string?>? locate = null)
    {
        if (Mode.UsesContainers)
        {
            return inContainer();
        }
        var path = locate is null ? ExecutableLocator.FindOnPath(executable) : locate();
        if (path is not null)
        {
            Note($"{displayName} runs as the local executable {path}.");
            return asExecutable();
        }
        Note($"{displayName} left out: no container runtime and no `{executable}` on PATH.", LogLevel.Warning);
        return null;
    }

    /// <summary>Records a placement decided outside this plan, so the start-up log says so.</summary>
    public void Record(string decision) => Note(decision);

    private void Note(string message, LogLevel level = LogLevel.Information) => _decisions.Add((level, message));
}
