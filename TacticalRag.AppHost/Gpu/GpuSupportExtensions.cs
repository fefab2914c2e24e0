using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TacticalRag.AppHost.Topology;

namespace TacticalRag.AppHost.Gpu;

/// <summary>Gives a container the host's NVIDIA GPUs, in the flag syntax of the container runtime that runs it.</summary>
public static class GpuSupportExtensions
{
    /// <summary>
    /// When <paramref name="enabled"/> is on: <c>--gpus all</c> for Docker, <c>--device nvidia.com/gpu=all</c>
    /// for Podman (CDI), <c>NVIDIA_VISIBLE_DEVICES=all</c> in the container, and a <see cref="GpuRequestAnnotation"/>.
    /// </summary>
    public static IResourceBuilder<T> WithGpuSupport<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<ParameterResource> enabled) where T : ContainerResource
    {
        var configuration = builder.ApplicationBuilder.Configuration;
        return builder
            .WithAnnotation(new GpuRequestAnnotation(enabled.Resource))
            .WithContainerRuntimeArgs(async context =>
            {
                if (!await enabled.Resource.IsOnAsync(context.CancellationToken))
                {
                    return;
                }
                // The same choice DCP makes: the configured runtime, else the first healthy one, else Docker.
                var runtime = ContainerRuntimeProbe.ConfiguredRuntime(configuration)
                    ?? ContainerRuntimeProbe.FindHealthyRuntime()
                    ?? ContainerRuntimeProbe.Docker;
                foreach (var argument in RuntimeArguments(runtime))
                {
                    context.Args.Add(argument);
                }
            })
            .WithEnvironment(async context =>
            {
                if (await enabled.Resource.IsOnAsync(context.CancellationToken))
                {
                    context.EnvironmentVariables["NVIDIA_VISIBLE_DEVICES"] = "all";
                    context.EnvironmentVariables["NVIDIA_DRIVER_CAPABILITIES"] = "compute,utility";
                }
            });
    }

    public static IReadOnlyList<string> RuntimeArguments(string runtime) =>
        string.Equals(runtime, ContainerRuntimeProbe.Podman, StringComparison.OrdinalIgnoreCase)
            ? ["--device", "nvidia.com/gpu=all"]
            : ["--gpus", "all"];
}
