using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Gpu;

/// <summary>
/// Marks a container that wants every NVIDIA GPU of its host, switched by <see cref="Enabled"/>. Container runtime
/// arguments never reach Aspire's manifest, so deployers read this annotation (and the <c>NVIDIA_VISIBLE_DEVICES</c>
/// variable it comes with) to know that the target must schedule the container on a GPU node.
/// </summary>
public sealed record GpuRequestAnnotation(ParameterResource Enabled) : IResourceAnnotation;
