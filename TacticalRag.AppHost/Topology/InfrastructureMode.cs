using Aspire.Hosting;

namespace TacticalRag.AppHost.Topology;

/// <summary>
/// Whether infrastructure runs as containers or as local executables, and why. Publishing always describes
/// containers; running uses containers only where a container runtime is healthy, unless configuration says.
/// </summary>
public sealed record InfrastructureMode(bool UsesContainers, string Reason)
{
    /// <summary><c>true</c>: local executables; <c>false</c>: containers without probing; unset: probe.</summary>
    public const string LocalInfraKey = "TacticalRag:LocalInfra";

    public static InfrastructureMode Detect(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return new(UsesContainers: true, "publishing: the manifest describes containers");
        }

        var configured = builder.Configuration[LocalInfraKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var local = bool.TryParse(configured, out var value)
                ? value
                : throw new DistributedApplicationException($"{LocalInfraKey} must be true or false, not '{configured}'.");
            return new(!local, $"{LocalInfraKey}={configured}");
        }

        var runtime = ContainerRuntimeProbe.ConfiguredRuntime(builder.Configuration);
        if (runtime is not null)
        {
            return ContainerRuntimeProbe.IsHealthy(runtime)
                ? new(UsesContainers: true, $"container runtime {runtime} is healthy")
                : new(UsesContainers: false, $"the configured container runtime {runtime} is not healthy");
        }

        var healthy = ContainerRuntimeProbe.FindHealthyRuntime();
        return healthy is not null
            ? new(UsesContainers: true, $"container runtime {healthy} is healthy")
            : new(UsesContainers: false, "no healthy container runtime (docker or podman)");
    }
}
