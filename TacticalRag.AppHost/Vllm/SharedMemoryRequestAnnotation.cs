using Aspire.Hosting.ApplicationModel;

namespace TacticalRag.AppHost.Vllm;

/// <summary>
/// Marks a container that needs more shared memory than a container runtime's 64 MB default: the host's IPC namespace
/// when <see cref="Size"/> is null, else a <c>/dev/shm</c> of that size. Container runtime arguments never reach
/// Aspire's manifest, so deployers read this annotation to know what the target must add.
/// </summary>
public sealed record SharedMemoryRequestAnnotation(string? Size) : IResourceAnnotation
{
    /// <summary>What <c>docker run</c> and <c>podman run</c> take for this request (both accept the same flags).</summary>
    public string RuntimeArgument => Size is null ? "--ipc=host" : $"--shm-size={Size}";
}
